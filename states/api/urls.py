from rest_framework.routers import SimpleRouter

from states.api.views import StateViewSet

router = SimpleRouter()
router.register("states", StateViewSet, basename="state")
urlpatterns = router.urls

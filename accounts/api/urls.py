from rest_framework.routers import SimpleRouter

from accounts.api.views import DonorViewSet

router = SimpleRouter()
router.register("donors", DonorViewSet, basename="donor")
urlpatterns = router.urls

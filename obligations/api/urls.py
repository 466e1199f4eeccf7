from rest_framework.routers import SimpleRouter

from obligations.api.views import ExtensionRequestViewSet, MeetingViewSet, ObligationViewSet

router = SimpleRouter()
router.register("obligations", ObligationViewSet, basename="obligation")
router.register("extension-requests", ExtensionRequestViewSet, basename="extensionrequest")
router.register("meetings", MeetingViewSet, basename="meeting")
urlpatterns = router.urls

from django.urls import path
from rest_framework.routers import SimpleRouter

from assistance.api.views import (
    CapacityViewSet,
    CoalitionViewSet,
    ExchangeRateViewSet,
    ExperienceViewSet,
    IATIExportView,
    NeedViewSet,
    PledgeViewSet,
    ProgressRecordViewSet,
)

router = SimpleRouter()
router.register("needs", NeedViewSet, basename="need")
router.register("pledges", PledgeViewSet, basename="pledge")
router.register("capacities", CapacityViewSet, basename="capacity")
router.register("coalitions", CoalitionViewSet, basename="coalition")
router.register("experiences", ExperienceViewSet, basename="experience")
router.register("exchange-rates", ExchangeRateViewSet, basename="exchangerate")
router.register("progress", ProgressRecordViewSet, basename="progressrecord")
urlpatterns = [*router.urls, path("iati/", IATIExportView.as_view(), name="iati-export")]

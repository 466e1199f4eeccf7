from accounts.api.serializers import DonorSerializer
from accounts.models import Donor
from core.api.viewsets import BaseViewSet


class DonorViewSet(BaseViewSet):
    """Donors: anyone reads, the ISU creates and corrects them."""

    queryset = Donor.objects.select_related("state").order_by("name")
    serializer_class = DonorSerializer
    filterset_fields = ["kind"]
    ordering_fields = ["name", "id"]

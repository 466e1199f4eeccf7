from rest_framework import viewsets

from accounts.api.serializers import DonorSerializer
from accounts.models import Donor


class DonorViewSet(viewsets.ModelViewSet):
    """Donors: anyone reads, the ISU creates and corrects them."""

    queryset = Donor.objects.select_related("state").order_by("name")
    serializer_class = DonorSerializer
    filterset_fields = ["kind"]
    ordering_fields = ["name", "id"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

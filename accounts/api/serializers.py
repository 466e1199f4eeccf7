from rest_framework import serializers

from accounts.models import Donor
from states.api.fields import StateCodeField


class DonorSerializer(serializers.ModelSerializer):
    state = StateCodeField(allow_null=True, required=False)

    class Meta:
        model = Donor
        fields = ["id", "name", "kind", "state"]

    def validate(self, attrs):
        current = {f: getattr(self.instance, f) for f in ("name", "kind", "state")} if self.instance else {}
        Donor(**{**current, **attrs}).clean()
        return attrs

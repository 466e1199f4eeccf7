from rest_framework import serializers

from states.models import State


class StateSerializer(serializers.ModelSerializer):
    class Meta:
        model = State
        fields = [
            "iso3",
            "name",
            "region",
            "status",
            "signature_date",
            "deposit_date",
            "instrument",
            "entry_into_force",
            "withdrawal_date",
            "withdrawal_effective_on",
        ]
        read_only_fields = ["entry_into_force", "withdrawal_effective_on"]
        extra_kwargs = {"instrument": {"allow_blank": True}}

    def validate_iso3(self, value: str) -> str:
        value = value.upper()
        if len(value) != 3 or not value.isascii() or not value.isalpha():
            raise serializers.ValidationError("An ISO 3166-1 alpha-3 code is three letters.")
        if self.instance is not None and value != self.instance.iso3:
            raise serializers.ValidationError("A state's code does not change.")
        if self.instance is None and State.objects.filter(iso3=value).exists():
            raise serializers.ValidationError(f"A state with code {value} already exists.")
        return value

    def validate(self, attrs):
        # Model rules (clean) run on the merged instance so PATCH sees the whole state.
        instance = State(**{**self._current_values(), **attrs})
        instance.full_clean(exclude=["iso3"] if self.instance else None, validate_unique=False)
        return attrs

    def _current_values(self) -> dict:
        if self.instance is None:
            return {}
        return {f: getattr(self.instance, f) for f in self.Meta.fields if f not in self.Meta.read_only_fields}

from rest_framework import serializers

from states.models import State


class StateCodeField(serializers.SlugRelatedField):
    """A state as its ISO3 code (API contract), case-insensitive on input."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "iso3")
        kwargs.setdefault("queryset", State.objects.all())
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return super().to_internal_value(data.upper() if isinstance(data, str) else data)

"""Serializer pieces every app's API uses."""

from django.db import IntegrityError, transaction
from rest_framework import serializers


class ModelCleanMixin:
    """Run the model's clean() on the instance as it will be saved, so the API enforces the same
    rules as the forms; errors come back as 400 `{field: [message]}`."""

    # (This docstring is the OpenAPI description of every serializer without one of its own.)
    # Saves run in a savepoint: a unique race lost to a concurrent writer is a 400, never a 500.

    clean_exclude: tuple[str, ...] = ()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.instance or self.Meta.model()
        for name, value in attrs.items():
            setattr(instance, name, value)
        instance.full_clean(exclude=list(self.clean_exclude), validate_unique=True, validate_constraints=True)
        return attrs

    def _save(self, method, *args):
        try:
            with transaction.atomic():
                return method(*args)
        except IntegrityError as exc:  # a concurrent writer won a unique race
            raise serializers.ValidationError({"non_field_errors": [str(exc).splitlines()[0]]}) from exc

    def create(self, validated_data):
        return self._save(super().create, validated_data)

    def update(self, instance, validated_data):
        return self._save(super().update, instance, validated_data)

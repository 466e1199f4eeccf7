"""The API's base viewset: records are corrected, never deleted, and each reader sees and
changes only the rows their model's queryset allows.

Scoping follows NetBox's BaseViewSet: reads go through `Model.objects.visible_to(user)`, writes
to an existing row need it in `editable_by(user)`, and after every create and update the saved
row is checked again, inside the transaction, against what the user may edit: a focal point who
moves a need to another state, or a donor who names another donor, gets 403 and nothing is saved.
A model without those methods hides nothing; its permission class alone decides who writes.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied

# Treaty and financial records are corrected or closed, never deleted (history keeps every change).
NO_DELETE = ["get", "post", "put", "patch", "head", "options"]


def _scoped(queryset: QuerySet, method: str, user) -> QuerySet:
    scope = getattr(queryset, method, None)
    return scope(user) if scope is not None else queryset


class BaseViewSet(viewsets.ModelViewSet):
    http_method_names = NO_DELETE
    # The 403 of a write outside what the user may edit.
    refused_message = "You may not change this record."
    # Read the saved row again through get_queryset() for the response (its annotations).
    refetch_after_save = False

    def base_queryset(self) -> QuerySet:
        """The endpoint's rows before scoping (`queryset`, or an override with annotations)."""
        return super().get_queryset()

    def get_queryset(self):
        return _scoped(self.base_queryset(), "visible_to", self.request.user)

    def _model(self):
        return self.get_queryset().model

    @property
    def scopes_writes(self) -> bool:
        """The model says which rows each user may edit (`editable_by`)."""
        return hasattr(self._model()._default_manager.none(), "editable_by")

    def editable_queryset(self) -> QuerySet:
        return _scoped(self._model()._default_manager.all(), "editable_by", self.request.user)

    def get_object(self):
        obj = super().get_object()  # 404 when the reader may not even see it
        if self.request.method not in ("GET", "HEAD", "OPTIONS") and self.scopes_writes:
            if not self.editable_queryset().filter(pk=obj.pk).exists():
                raise PermissionDenied(self.refused_message)
        return obj

    def save_kwargs(self, creating: bool) -> dict:
        """Extra values for serializer.save(), e.g. who created the row."""
        return {}

    def perform_create(self, serializer):
        self._save_and_recheck(serializer, creating=True)

    def perform_update(self, serializer):
        self._save_and_recheck(serializer, creating=False)

    def _save_and_recheck(self, serializer, creating: bool) -> None:
        # No savepoint of its own: a refusal rolls back the whole request's transaction (which
        # ATOMIC_REQUESTS opened, and DRF's error handler marks for rollback), at no extra query.
        with transaction.atomic(savepoint=False):
            serializer.save(**self.save_kwargs(creating))
            self.recheck(serializer)

    def recheck(self, serializer) -> None:
        """The saved row must still be one the user may edit; when refetching, one query does both."""
        scoped = self.scopes_writes
        if not (scoped or self.refetch_after_save):
            return
        rows = self.get_queryset() if self.refetch_after_save else self._model()._default_manager.all()
        if scoped:
            rows = rows.filter(pk__in=self.editable_queryset().values("pk"))
        saved = rows.filter(pk=serializer.instance.pk).first()
        if saved is None:
            raise PermissionDenied(self.refused_message)  # raised inside the atomic block: nothing is saved
        if self.refetch_after_save:
            serializer.instance = saved

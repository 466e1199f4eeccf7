from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from states.models import State


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history page answers 404, not 500, for an id that is not one
    (simple_history looks the object up without checking the id's type)."""

    def _check_ids(self, *ids: str) -> None:
        try:
            for value in ids:
                self.model._meta.pk.to_python(unquote(value))  # history ids are integers too
        except ValidationError:
            raise Http404 from None

    def history_view(self, request, object_id, extra_context=None):
        self._check_ids(object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_ids(object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)


class NoDeleteHistoryAdmin(HistoryAdmin):
    """Treaty and financial records are corrected (with history), never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(State)
class StateAdmin(NoDeleteHistoryAdmin):
    list_display = ["iso3", "name", "region", "status", "deposit_date", "entry_into_force"]
    list_filter = ["status", "region"]
    search_fields = ["iso3", "name"]
    readonly_fields = ["entry_into_force", "withdrawal_effective_on"]

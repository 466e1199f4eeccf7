"""Admin bases for every app's records: history pages that answer 404 for a bad id, and no
delete for treaty and financial records (they are corrected, with history)."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


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

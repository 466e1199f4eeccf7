from django.contrib import admin

from core.admin import HistoryAdmin, NoDeleteHistoryAdmin
from obligations.models import ExtensionRequest, Meeting, Obligation


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["code", "name", "start_date", "end_date", "city"]


class ExtensionRequestInline(admin.TabularInline):
    model = ExtensionRequest
    extra = 0
    can_delete = False  # a refused or withdrawn request is recorded with its status, not deleted
    readonly_fields = ["previous_deadline"]


@admin.register(Obligation)
class ObligationAdmin(NoDeleteHistoryAdmin):
    list_display = ["state", "article", "original_deadline", "current_deadline", "status"]
    list_filter = ["article", "status"]
    search_fields = ["state__name", "state__iso3"]
    readonly_fields = ["original_deadline", "current_deadline"]
    inlines = [ExtensionRequestInline]

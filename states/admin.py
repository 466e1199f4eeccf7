from django.contrib import admin

from core.admin import NoDeleteHistoryAdmin
from states.models import State


@admin.register(State)
class StateAdmin(NoDeleteHistoryAdmin):
    list_display = ["iso3", "name", "region", "status", "deposit_date", "entry_into_force"]
    list_filter = ["status", "region"]
    search_fields = ["iso3", "name"]
    readonly_fields = ["entry_into_force", "withdrawal_effective_on"]

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import Donor, User
from states.admin import HistoryAdmin, NoDeleteHistoryAdmin


@admin.register(User)
class UserAdmin(HistoryAdmin, BaseUserAdmin):  # history: who changed a role, and when
    list_display = ["username", "email", "role", "state", "donor", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + (("Role", {"fields": ("role", "state", "donor", "language")}),)


@admin.register(Donor)
class DonorAdmin(NoDeleteHistoryAdmin):
    list_display = ["name", "kind", "state"]
    list_filter = ["kind"]
    search_fields = ["name"]

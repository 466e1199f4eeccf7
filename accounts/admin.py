from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import Donor, TOTPDevice, User
from core.admin import HistoryAdmin, NoDeleteHistoryAdmin


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


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    """Deleting a device here resets that account's second factor (the portal's page for it is
    /accounts/second-factors/, which also e-mails a new enrolment link). The secret is never shown."""

    list_display = ["user", "created_at", "confirmed_at"]
    fields = ["user", "created_at", "confirmed_at"]
    readonly_fields = fields
    search_fields = ["user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

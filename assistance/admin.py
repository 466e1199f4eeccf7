from django.contrib import admin

from assistance.models import (
    Capacity,
    CountryCoalition,
    Disbursement,
    ExchangeRate,
    Experience,
    Need,
    PlannedDisbursement,
    Pledge,
    ProgressRecord,
)
from core.admin import HistoryAdmin
from core.admin import NoDeleteHistoryAdmin as NoDeleteAdmin  # financial records: corrected, never deleted


@admin.register(ExchangeRate)
class ExchangeRateAdmin(NoDeleteAdmin):
    list_display = ["currency", "year", "usd_per_unit", "source"]
    list_filter = ["currency", "year"]


@admin.register(Need)
class NeedAdmin(NoDeleteAdmin):
    list_display = [
        "title",
        "state",
        "article",
        "assistance_type",
        "amount_requested",
        "currency",
        "is_public",
        "closed_on",
    ]
    list_filter = ["article", "assistance_type", "is_public"]
    search_fields = ["title", "state__name", "state__iso3"]
    raw_id_fields = ["obligation"]


class DisbursementInline(admin.TabularInline):
    model = Disbursement
    extra = 0
    can_delete = False


class PlannedDisbursementInline(admin.TabularInline):
    model = PlannedDisbursement
    extra = 0


@admin.register(Pledge)
class PledgeAdmin(NoDeleteAdmin):
    list_display = ["donor", "state", "article", "amount", "currency", "pledged_on", "committed_on"]
    list_filter = ["donor", "article"]
    raw_id_fields = ["need"]
    inlines = [PlannedDisbursementInline, DisbursementInline]


@admin.register(Capacity)
class CapacityAdmin(HistoryAdmin):
    list_display = ["title", "donor", "is_active"]


@admin.register(CountryCoalition)
class CountryCoalitionAdmin(HistoryAdmin):
    list_display = ["__str__", "state", "status"]
    filter_horizontal = ["partners"]
    raw_id_fields = ["needs"]


@admin.register(Experience)
class ExperienceAdmin(HistoryAdmin):
    list_display = ["title", "state", "article", "topic"]
    search_fields = ["title", "body", "topic"]


@admin.register(ProgressRecord)
class ProgressRecordAdmin(HistoryAdmin):
    list_display = ["obligation", "year", "remaining", "done_in_year", "unit", "source"]

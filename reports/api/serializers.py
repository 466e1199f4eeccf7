from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import ModelCleanMixin
from reports.models import Reminder, Report, ReportingStatus, ReportKind, ReportStatus
from states.api.fields import StateCodeField


class ReportSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """An Article 7 report received (a fact); its due date and status are computed."""

    state = StateCodeField()
    due_date = serializers.DateField(read_only=True, allow_null=True)
    status = serializers.SerializerMethodField()
    document_url = serializers.SerializerMethodField()

    # The document is uploaded through the browser (multipart); the API carries the facts.
    clean_exclude = ("document",)

    class Meta:
        model = Report
        fields = [
            "id",
            "state",
            "kind",
            "year",
            "due_date",
            "received_on",
            "status",
            "template_version",
            "is_draft",
            "period_from",
            "period_to",
            "contact_organisation",
            "contact_phone",
            "contact_email",
            "form_status",
            "stockpile_held",
            "stockpile_destroyed",
            "retained",
            "transferred",
            "contaminated_area_remaining_m2",
            "contaminated_area_cleared_m2",
            "victims",
            "resources_currency",
            "national_resources",
            "assistance_given",
            "assistance_received",
            "other_matters",
            "document_url",
        ]
        # a report is one of a kind: (state, kind, year) is checked by the model's constraints
        validators = []

    @extend_schema_field(serializers.ChoiceField(choices=ReportStatus.choices, allow_null=True))
    def get_status(self, report: Report):
        return report.status

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_document_url(self, report: Report):
        if not report.document:
            return None
        request = self.context.get("request")
        url = f"/reports/{report.pk}/document/"
        return request.build_absolute_uri(url) if request else url

    def validate(self, attrs):
        if self.instance is not None:
            for locked in ("state", "kind", "year"):
                if locked in attrs and attrs[locked] != getattr(self.instance, locked):
                    raise serializers.ValidationError({locked: ["Cannot change; record another report."]})
        if attrs.get("kind", getattr(self.instance, "kind", None)) == ReportKind.INITIAL and "year" not in attrs:
            attrs["year"] = getattr(self.instance, "year", None)
        return super().validate(attrs)


class ReportingStatusSerializer(serializers.Serializer):
    """One report owed up to `as_of` (computed by reports.rules)."""

    state = serializers.CharField(source="state.iso3")
    state_name = serializers.CharField(source="state.name")
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    year = serializers.IntegerField(allow_null=True)
    due_date = serializers.DateField()
    received_on = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=ReportingStatus.choices)


class Article7StatsSerializer(serializers.Serializer):
    expected = serializers.IntegerField()
    received = serializers.IntegerField()
    received_pct = serializers.FloatField()
    outstanding = serializers.ListField(child=serializers.CharField())
    initial_outstanding = serializers.ListField(child=serializers.CharField())


class AssistanceStatsSerializer(serializers.Serializer):
    states_requesting = serializers.IntegerField()
    states_providing = serializers.IntegerField()
    states_receiving = serializers.IntegerField()


class ArticleStatsSerializer(serializers.Serializer):
    states_with_obligations = serializers.IntegerField()
    states_requesting = serializers.IntegerField()
    states_providing = serializers.IntegerField()
    deadlines_by_year = serializers.DictField(child=serializers.IntegerField())


class StatsSerializer(serializers.Serializer):
    """`/api/v1/stats/` (API contract). `articles` is keyed "3", "4", "5", "9"."""

    year = serializers.IntegerField()
    as_of = serializers.DateField()
    article7 = Article7StatsSerializer()
    assistance = AssistanceStatsSerializer()
    articles = serializers.DictField(child=ArticleStatsSerializer())


class ReminderSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True, allow_null=True)

    class Meta:
        model = Reminder
        fields = [
            "id",
            "recipient",
            "kind",
            "state",
            "subject_key",
            "stage",
            "stage_date",
            "status",
            "language",
            "attempts",
            "claimed_at",
            "sent_at",
            "error",
        ]
        read_only_fields = fields

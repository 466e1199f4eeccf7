from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import ModelCleanMixin
from obligations.models import ExtensionRequest, Meeting, Obligation
from states.api.fields import StateCodeField


class ObligationSerializer(ModelCleanMixin, serializers.ModelSerializer):
    state = StateCodeField()
    extension_request_due = serializers.SerializerMethodField()

    class Meta:
        model = Obligation
        fields = [
            "id",
            "state",
            "article",
            "original_deadline",
            "current_deadline",
            "status",
            "completed_on",
            "hostilities_ended_on",
            "compliance_declared_at",
            "national_measures",
            "legislation_adopted_on",
            "notes",
            "extension_request_due",
        ]
        read_only_fields = ["original_deadline", "current_deadline"]
        extra_kwargs = {"compliance_declared_at": {"queryset": Meeting.objects.all()}}
        # Uniqueness is checked by the model's constraints in ModelCleanMixin. DRF's own validator
        # for the conditional UniqueConstraint fails with KeyError (a 500) on a PATCH that leaves
        # out `hostilities_ended_on`.
        validators: list = []

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_extension_request_due(self, obligation: Obligation):
        meetings = self.context.get("meetings")
        meeting = obligation.deciding_meeting(meetings)
        return meeting.extension_request_due if meeting else None

    def validate(self, attrs):
        if self.instance is not None:
            for locked in ("state", "article"):
                if locked in attrs and attrs[locked] != getattr(self.instance, locked):
                    raise serializers.ValidationError({locked: ["Cannot change; create a new obligation."]})
        return super().validate(attrs)


class ExtensionRequestSerializer(ModelCleanMixin, serializers.ModelSerializer):
    meeting = serializers.SlugRelatedField(
        slug_field="code", queryset=Meeting.objects.all(), allow_null=True, required=False
    )
    state = serializers.CharField(source="obligation.state.iso3", read_only=True)
    article = serializers.IntegerField(source="obligation.article", read_only=True)

    class Meta:
        model = ExtensionRequest
        fields = [
            "id",
            "obligation",
            "state",
            "article",
            "meeting",
            "submitted_on",
            "previous_deadline",
            "requested_deadline",
            "status",
            "decided_on",
            "granted_deadline",
            "is_late",
            "notes",
            "source",
        ]
        read_only_fields = ["previous_deadline", "is_late"]

    def validate(self, attrs):
        if self.instance is not None and "obligation" in attrs and attrs["obligation"] != self.instance.obligation:
            raise serializers.ValidationError({"obligation": ["Cannot move a request to another obligation."]})
        return super().validate(attrs)


class MeetingSerializer(serializers.ModelSerializer):
    extension_request_due = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Meeting
        fields = ["id", "code", "name", "kind", "start_date", "end_date", "city", "country", "extension_request_due"]

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts import roles
from accounts.models import Donor
from assistance import need_columns, services
from assistance.models import (
    Capacity,
    CountryCoalition,
    Disbursement,
    ExchangeRate,
    Experience,
    Need,
    NeedStatus,
    PlannedDisbursement,
    Pledge,
    PledgeStatus,
    ProgressRecord,
)
from core.api.serializers import ModelCleanMixin
from core.text import validate_no_control_characters
from obligations.models import Obligation
from states.api.fields import StateCodeField

USD_KWARGS = {"max_digits": 28, "decimal_places": 2, "read_only": True, "allow_null": True}
WRITABLE_NEED_STATUS = (NeedStatus.OPEN, NeedStatus.CLOSED)


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class ServiceSavingMixin(ModelCleanMixin):
    """Writes go through a service of assistance/services.py (`save_service`), which saves the
    instance and refreshes the funding figures it touches, in one transaction."""

    save_service = None  # staticmethod(services.save_…)

    def create(self, validated_data):
        return self._save(self.save_service, self.Meta.model(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self._save(self.save_service, instance)


class NeedSerializer(ServiceSavingMixin, serializers.ModelSerializer):
    save_service = staticmethod(services.save_need)
    state = StateCodeField()
    state_name = serializers.CharField(source="state.name", read_only=True)
    region = serializers.CharField(source="state.region", read_only=True)
    obligation = serializers.PrimaryKeyRelatedField(queryset=Obligation.objects.all(), allow_null=True, required=False)
    amount_requested_usd = serializers.DecimalField(
        **USD_KWARGS,
        help_text="amount_requested at the ISU's rate for the year of submitted_on; null while that rate is "
        "pending (the need is accepted; its USD figures follow when the ISU enters the rate).",
    )
    pledged_usd = serializers.DecimalField(**USD_KWARGS)
    disbursed_usd = serializers.DecimalField(**USD_KWARGS)
    funding_gap_usd = serializers.DecimalField(
        **USD_KWARGS,
        help_text="amount_requested_usd − pledged_usd, never below 0; 0 once the need is closed; null while the "
        "rate for amount_requested is pending (?has_gap=true lists such open needs: nothing shows them funded). "
        "Sorted last whichever way.",
    )
    deadline = serializers.DateField(read_only=True, allow_null=True)
    status = serializers.ChoiceField(
        choices=NeedStatus.choices,
        required=False,
        help_text="Computed from pledges (open, partially_funded, funded) unless closed. Write `closed` to close "
        "a need, `open` to reopen it.",
    )
    priority = serializers.DecimalField(max_digits=6, decimal_places=1, read_only=True, allow_null=True)
    close_to_completion = serializers.BooleanField(read_only=True)
    document = serializers.FileField(write_only=True, required=False, allow_null=True)
    document_url = serializers.SerializerMethodField()

    class Meta:
        model = Need
        # The document's keys, in order, come from assistance/need_columns.py; `document` is the upload.
        fields = [*need_columns.DOCUMENT_KEYS[:-1], "document", need_columns.DOCUMENT_KEYS[-1]]
        read_only_fields = ["closed_on"]
        extra_kwargs = {"submitted_on": {"required": False}}

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_document_url(self, need: Need):
        if not need.document:
            return None
        url = reverse("need-document", args=[need.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["status"] = instance.status
        return data

    def validate(self, attrs):
        today = timezone.localdate()
        status = attrs.pop("status", None)
        if status is not None:
            if status not in WRITABLE_NEED_STATUS:
                raise serializers.ValidationError(
                    {"status": ["Funding status is computed from pledges; write `closed` or `open`."]}
                )
            closed_on = self.instance.closed_on if self.instance else None
            attrs["closed_on"] = (closed_on or today) if status == NeedStatus.CLOSED else None
        submitted_on = attrs.get("submitted_on")
        previous = self.instance.submitted_on if self.instance else None
        if submitted_on and submitted_on != previous and submitted_on < today and not roles.is_isu(_user(self)):
            raise serializers.ValidationError({"submitted_on": ["Only the ISU may enter an earlier submission date."]})
        attrs = super().validate(attrs)
        return attrs


class DisbursementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Disbursement
        fields = ["id", "date", "amount"]


class PlannedDisbursementSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlannedDisbursement
        fields = ["year", "amount"]


class ArchiveSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000,
        help_text="Why the pledge no longer counts (withdrawn, a mistake…).",
        validators=[validate_no_control_characters],
    )


class PledgeSerializer(ServiceSavingMixin, serializers.ModelSerializer):
    donor = serializers.PrimaryKeyRelatedField(
        queryset=Donor.objects.all(), required=False, help_text="Defaults to the donor of a donor user."
    )
    donor_name = serializers.CharField(source="donor.name", read_only=True)
    need = serializers.PrimaryKeyRelatedField(queryset=Need.objects.all(), allow_null=True, required=False)
    state = StateCodeField(required=False, help_text="The recipient; defaults to the need's state.")
    amount_usd = serializers.DecimalField(**USD_KWARGS)
    disbursed_amount = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    disbursed_amount_usd = serializers.DecimalField(**USD_KWARGS)
    remaining_amount = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        read_only=True,
        help_text="What remains to be paid, in the pledge's currency: amount − disbursed_amount "
        "(0 once paid in full, and for an archived pledge, which promises nothing any more).",
    )
    remaining_amount_usd = serializers.DecimalField(
        **USD_KWARGS,
        help_text="remaining_amount in US dollars at the rate of the pledge's year (as amount_usd); "
        "null while the ISU has no rate for it.",
    )
    disbursements = DisbursementSerializer(many=True, read_only=True)
    planned_disbursements = PlannedDisbursementSerializer(many=True, required=False)
    status = serializers.ChoiceField(
        choices=PledgeStatus.choices,
        read_only=True,
        help_text="pledged, committed (agreement signed), or disbursed once any payment exists — also when "
        "only part of the pledge is paid: remaining_amount says how much is still to pay.",
    )

    class Meta:
        model = Pledge
        fields = [
            "id",
            "donor",
            "donor_name",
            "need",
            "state",
            "article",
            "amount",
            "currency",
            "amount_usd",
            "pledged_on",
            "committed_on",
            "disbursed_amount",
            "disbursed_amount_usd",
            "remaining_amount",
            "remaining_amount_usd",
            "disbursements",
            "planned_disbursements",
            "status",
            "notes",
            "archived_on",
            "archive_reason",
        ]
        read_only_fields = ["archived_on", "archive_reason"]
        extra_kwargs = {"article": {"required": False}, "pledged_on": {"required": False}}

    # Free text between the donor, the recipient state and the ISU (issue 19, finding 8): the
    # pledge itself may be public, its notes and the reason it was archived are not.
    PRIVATE_TEXT = ("notes", "archive_reason")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not instance.private_text_visible_to(_user(self)):
            for name in self.PRIVATE_TEXT:
                data[name] = ""
        return data

    def validate(self, attrs):
        user = _user(self)
        today = timezone.localdate()
        if "donor" not in attrs and self.instance is None:
            if roles.has_role(user, roles.DONOR):
                attrs["donor"] = user.donor
            else:
                raise serializers.ValidationError({"donor": ["Name the donor."]})
        need = attrs.get("need", self.instance.need if self.instance else None)
        if need is not None and self.instance is None:
            attrs.setdefault("state", need.state)
            attrs.setdefault("article", need.article)
        elif self.instance is None:
            for name in ("state", "article"):
                if not attrs.get(name):
                    raise serializers.ValidationError({name: ["Required for a pledge without a need."]})
        pledged_on = attrs.get("pledged_on")
        previous = self.instance.pledged_on if self.instance else None
        if pledged_on and pledged_on != previous and pledged_on < today and not roles.is_isu(_user(self)):
            raise serializers.ValidationError({"pledged_on": ["Only the ISU may enter an earlier pledge date."]})
        if pledged_on and pledged_on > today:
            raise serializers.ValidationError({"pledged_on": ["A pledge cannot be dated in the future."]})
        planned = attrs.pop("planned_disbursements", None)
        attrs = super().validate(attrs)
        if planned is not None:
            years = [row["year"] for row in planned]
            if len(years) != len(set(years)):
                raise serializers.ValidationError({"planned_disbursements": ["One line per year."]})
            amount = attrs.get("amount", self.instance.amount if self.instance else None)
            if amount is not None and sum(row["amount"] for row in planned) > amount:
                raise serializers.ValidationError(
                    {"planned_disbursements": ["The schedule adds up to more than the pledge."]}
                )
            attrs["planned_disbursements"] = planned
        return attrs

    def create(self, validated_data):
        planned = validated_data.pop("planned_disbursements", None)
        return self._save(services.save_pledge, Pledge(**validated_data), planned)

    def update(self, instance, validated_data):
        planned = validated_data.pop("planned_disbursements", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self._save(services.save_pledge, instance, planned)


class CapacitySerializer(ModelCleanMixin, serializers.ModelSerializer):
    donor = serializers.PrimaryKeyRelatedField(
        queryset=Donor.objects.all(), required=False, help_text="Defaults to the donor of a donor user."
    )
    donor_name = serializers.CharField(source="donor.name", read_only=True)
    assistance_types = serializers.ListField(child=serializers.CharField(), allow_empty=False)
    articles = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    regions = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        model = Capacity
        fields = [
            "id",
            "donor",
            "donor_name",
            "title",
            "assistance_types",
            "articles",
            "regions",
            "period_start",
            "period_end",
            "description",
            "contact",
            "is_active",
        ]

    def validate(self, attrs):
        user = _user(self)
        if "donor" not in attrs and self.instance is None:
            if roles.has_role(user, roles.DONOR):
                attrs["donor"] = user.donor
            else:
                raise serializers.ValidationError({"donor": ["Name the donor."]})
        return super().validate(attrs)


class CoalitionSerializer(ModelCleanMixin, serializers.ModelSerializer):
    state = StateCodeField()
    partners = serializers.PrimaryKeyRelatedField(queryset=Donor.objects.all(), many=True, required=False)
    needs = serializers.PrimaryKeyRelatedField(queryset=Need.objects.all(), many=True, required=False)

    class Meta:
        model = CountryCoalition
        fields = ["id", "state", "name", "partners", "needs", "status", "started_on", "notes"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # Only the needs this reader may see (the viewset prefetches them already filtered).
        data["needs"] = [need.pk for need in getattr(instance, "visible_needs", instance.needs.all())]
        return data

    def validate(self, attrs):
        state = attrs.get("state", self.instance.state if self.instance else None)
        for need in attrs.get("needs", []):
            if state is not None and need.state_id != state.pk:
                raise serializers.ValidationError({"needs": [f"Need {need.pk} belongs to another state."]})
        partners, needs = attrs.pop("partners", None), attrs.pop("needs", None)
        attrs = super().validate(attrs)
        if partners is not None:
            attrs["partners"] = partners
        if needs is not None:
            attrs["needs"] = needs
        return attrs


class ExperienceSerializer(ModelCleanMixin, serializers.ModelSerializer):
    state = StateCodeField()

    class Meta:
        model = Experience
        fields = ["id", "state", "article", "topic", "title", "body", "contact", "published_on"]
        read_only_fields = ["published_on"]


class ExchangeRateSerializer(ServiceSavingMixin, serializers.ModelSerializer):
    save_service = staticmethod(services.save_exchange_rate)

    class Meta:
        model = ExchangeRate
        fields = ["id", "currency", "year", "usd_per_unit", "source"]


class ProgressRecordSerializer(ServiceSavingMixin, serializers.ModelSerializer):
    save_service = staticmethod(services.save_progress)

    state = serializers.CharField(source="obligation.state.iso3", read_only=True)
    article = serializers.IntegerField(source="obligation.article", read_only=True)

    class Meta:
        model = ProgressRecord
        fields = [
            "id",
            "obligation",
            "state",
            "article",
            "year",
            "remaining",
            "done_in_year",
            "unit",
            "source",
            "notes",
        ]


class MatchSerializer(serializers.Serializer):
    capacity = CapacitySerializer()
    reasons = serializers.ListField(child=serializers.CharField())

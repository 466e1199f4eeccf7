"""Who uses the portal: users with one role each, and the donors some of them act for.

Roles (API contract): `isu` does everything; `donor` is bound to one Donor; `focal_point` is
bound to one State. Users without a role only read what is public.
"""

from __future__ import annotations

from zoneinfo import available_timezones

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from states.models import State


class Role(models.TextChoices):
    ISU = "isu", _("ISU staff")
    DONOR = "donor", _("Donor")
    FOCAL_POINT = "focal_point", _("Focal point")


class DonorKind(models.TextChoices):
    STATE = "state", _("State")
    ORGANISATION = "organisation", _("Organisation")


class Donor(models.Model):
    """A state, the EU, a UN agency or a foundation that pledges assistance."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=15, choices=DonorKind.choices)
    state = models.ForeignKey(
        State, verbose_name=_("state"), null=True, blank=True, on_delete=models.PROTECT, related_name="donors"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="donor_state_iff_kind_state",
                condition=models.Q(kind="state", state__isnull=False)
                | (~models.Q(kind="state") & models.Q(state__isnull=True)),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == DonorKind.STATE and not self.state_id:
            raise ValidationError({"state": _("A state donor names its state.")})
        if self.kind != DonorKind.STATE and self.state_id:
            raise ValidationError({"state": _("Only a state donor names a state.")})


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=15, choices=Role.choices, blank=True)
    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="focal_points",
        help_text=_("The state a focal point answers for."),
    )
    donor = models.ForeignKey(
        Donor,
        verbose_name=_("donor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("The donor this user acts for."),
    )
    language = models.CharField(_("language"), max_length=5, blank=True, help_text=_("For emails: en, fr or es."))
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, help_text=_("IANA name, e.g. Europe/Geneva; empty means UTC.")
    )

    # Who changed a role, a state or a donor binding, and when (passwords and logins are not history).
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="user_focal_point_has_state",
                condition=~models.Q(role="focal_point") | models.Q(state__isnull=False),
            ),
            models.CheckConstraint(
                name="user_donor_has_donor", condition=~models.Q(role="donor") | models.Q(donor__isnull=False)
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.time_zone and self.time_zone not in available_timezones():
            raise ValidationError({"time_zone": _("Unknown time zone; use an IANA name such as Europe/Geneva.")})
        if self.role == Role.FOCAL_POINT and not self.state_id:
            raise ValidationError({"state": _("A focal point is bound to one state.")})
        if self.role == Role.DONOR and not self.donor_id:
            raise ValidationError({"donor": _("A donor user is bound to one donor.")})

    @property
    def is_isu(self) -> bool:
        return self.is_active and (self.role == Role.ISU or self.is_superuser)

    @property
    def is_donor(self) -> bool:
        return self.is_active and self.role == Role.DONOR and self.donor_id is not None

    @property
    def is_focal_point(self) -> bool:
        return self.is_active and self.role == Role.FOCAL_POINT and self.state_id is not None


class TOTPDevice(models.Model):
    """A user's authenticator (RFC 6238). ISU accounts must have a confirmed one (accounts/twofactor.py).

    No history: the secret must not be copied into history rows."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last time step accepted: a code is never accepted twice (replay).
    last_step = models.BigIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"TOTP for {self.user}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """A one-time code that replaces the authenticator once (a lost or broken phone).

    Shown once when made, stored as a SHA-256 digest: the codes are random (50 bits each), so a
    slow password hash would add nothing but seconds to every check."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_unique_per_user")]

    def __str__(self) -> str:
        return f"Recovery code of {self.user}"


class ThrottleEvent(models.Model):
    """One failed attempt (login, code) or one request (password reset) under a throttle key.

    In the database, not in Redis: the count goes on when Redis is down (issue 17), and an
    insert costs far less than the password hash each attempt already pays."""

    key = models.CharField(max_length=80)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="throttle_key_at")]

    def __str__(self) -> str:
        return f"{self.key} at {self.at:%Y-%m-%d %H:%M:%S}"

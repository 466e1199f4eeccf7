"""Who is this user, and what may they see or change: the portal's one answer.

Every page, viewset, template and queryset asks here. A user has at most one role
(`accounts.models.Role`, API contract): `isu` does everything; `donor` acts for one Donor;
`focal_point` answers for one State. Someone signed in without a role (or whose binding is
missing) is `public`, like an anonymous visitor they read only what is public.

What each role may see or change row by row is each model's queryset (`visible_to(user)`,
`editable_by(user)`), written with `role_of`; this module answers "which role", and turns that
answer into page decorators, DRF permissions and the `viewer` of every template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.models import Role

ISU = Role.ISU.value
DONOR = Role.DONOR.value
FOCAL_POINT = Role.FOCAL_POINT.value
PUBLIC = "public"  # signed in, no role
ANONYMOUS = "anonymous"
ROLES = (ISU, DONOR, FOCAL_POINT)


def role_of(user) -> str:
    """`isu`, `donor`, `focal_point`, `public` (signed in, no role) or `anonymous`.

    The ISU first: a superuser is ISU staff whatever role the field says (User.is_isu)."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    if user.is_isu:
        return ISU
    if user.is_donor:
        return DONOR
    if user.is_focal_point:
        return FOCAL_POINT
    return PUBLIC


# What binds a donor or a focal point to its rows: the user's donor, the user's state.
BINDING = {DONOR: "donor_id", FOCAL_POINT: "state_id"}


def own_rows(queryset, user, owner: str, field: str):
    """The common `editable_by`: the ISU edits every row; a user of the `owner` role (donor or
    focal point) the rows whose `field` is its own donor or state; anyone else none."""
    role = role_of(user)
    if role == ISU:
        return queryset
    if role == owner:
        return queryset.filter(**{field: getattr(user, BINDING[owner])})
    return queryset.none()


def has_role(user, *roles: str) -> bool:
    return role_of(user) in roles


def is_isu(user) -> bool:
    return role_of(user) == ISU


@dataclass(frozen=True)
class Viewer:
    """The reader of a page, as templates see it: `{% if viewer.is_isu %}`."""

    role: str

    @property
    def is_isu(self) -> bool:
        return self.role == ISU

    @property
    def is_donor(self) -> bool:
        return self.role == DONOR

    @property
    def is_focal_point(self) -> bool:
        return self.role == FOCAL_POINT

    @property
    def has_role(self) -> bool:
        return self.role in ROLES


def viewer(request) -> dict:
    """Context processor (settings.TEMPLATES): `viewer` in every template."""
    return {"viewer": Viewer(role_of(getattr(request, "user", None)))}


def role_required(*roles: str) -> Callable:
    """Pages for some roles only: anonymous readers log in first, others get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


isu_required = role_required(ISU)  # pages that change treaty records


def role_permission(*roles: str) -> type[BasePermission]:
    """A DRF permission: anyone reads, these roles write. Which rows they may write is the
    queryset's answer (`editable_by`), checked by core.api.viewsets.BaseViewSet."""

    class RoleWrites(BasePermission):
        def has_permission(self, request, view) -> bool:
            return request.method in SAFE_METHODS or has_role(request.user, *roles)

    RoleWrites.__name__ = f"{'Or'.join(r.title().replace('_', '') for r in roles)}Writes"
    return RoleWrites


class ISUWritesOthersRead(role_permission(ISU)):
    """Anyone reads; only ISU staff write (the default: states, obligations, reports, donors…)."""


class ISUOnly(BasePermission):
    """Reads too are for the ISU (the reminder log)."""

    def has_permission(self, request, view) -> bool:
        return is_isu(request.user)

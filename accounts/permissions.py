"""DRF permission classes by role. Object scoping lives in each model's queryset
(`visible_to(user)`, `editable_by(user)`); these classes only answer "may this role write here"."""

from rest_framework.permissions import SAFE_METHODS, BasePermission


def is_isu(user) -> bool:
    return bool(user and user.is_authenticated and user.is_isu)


class ISUWritesOthersRead(BasePermission):
    """Anyone reads; only ISU staff write (states, obligations, extension requests, donors)."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or is_isu(request.user)


class ISUOnly(BasePermission):
    def has_permission(self, request, view) -> bool:
        return is_isu(request.user)

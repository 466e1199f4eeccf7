"""Which roles write which assistance resources. Which rows they may touch is the queryset's job
(`editable_by(user)`), checked in the viewsets."""

from rest_framework.permissions import SAFE_METHODS, BasePermission


def role_permission(*roles: str) -> type[BasePermission]:
    class RoleWrites(BasePermission):
        def has_permission(self, request, view) -> bool:
            if request.method in SAFE_METHODS:
                return True
            user = request.user
            if not (user and user.is_authenticated):
                return False
            return (
                (user.is_isu and "isu" in roles)
                or (user.is_donor and "donor" in roles)
                or (user.is_focal_point and "focal_point" in roles)
            )

    RoleWrites.__name__ = f"{'Or'.join(r.title().replace('_', '') for r in roles)}Writes"
    return RoleWrites

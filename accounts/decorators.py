from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def isu_required(view):
    """Pages that change treaty records: ISU staff only (login first, then 403)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_isu:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper

"""Content-Security-Policy for every response (the other security headers come from Django).

The policy is strict: scripts, styles, images, forms and frames from our own origin only, no
inline scripts or styles. Pages keep to it by loading static files (static/css, static/js); a
view that cannot (ReDoc injects its own <style> elements) loosens one directive with
`csp_override`, never the whole site.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings

DEFAULT_POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def build_policy(overrides: dict[str, str] | None = None) -> str:
    policy = {**DEFAULT_POLICY, **getattr(settings, "CSP_OVERRIDES", {}), **(overrides or {})}
    return "; ".join(f"{name} {value}" for name, value in policy.items())


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy header unless the view already set one."""

    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = build_policy(getattr(response, "csp_override", None))
        return response


def csp_override(**directives: str) -> Callable:
    """Loosen named directives for one view: `csp_override(style_src="'self' 'unsafe-inline'")`."""

    overrides = {name.replace("_", "-"): value for name, value in directives.items()}

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.csp_override = overrides
            return response

        return wrapper

    return decorator

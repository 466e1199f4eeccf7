from django import template

from states.audit import audit_trail as build_audit_trail

register = template.Library()


@register.inclusion_tag("_audit_trail.html", takes_context=True)
def audit_trail(context, obj):
    """`{% audit_trail obj %}`: the record's history, for the ISU only (nothing for anyone else)."""
    user = context.get("user")
    visible = bool(user is not None and getattr(user, "is_isu", False))
    return {"entries": build_audit_trail(obj) if visible else [], "visible": visible}

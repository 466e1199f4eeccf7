from django import template

from core.audit import audit_trail as build_audit_trail

register = template.Library()


@register.inclusion_tag("_audit_trail.html")
def audit_trail(obj, visible=False):
    """`{% audit_trail obj viewer.is_isu %}`: the record's history when `visible` (the ISU only,
    accounts/roles.py answers), nothing otherwise."""
    visible = bool(visible)
    return {"entries": build_audit_trail(obj) if visible else [], "visible": visible}

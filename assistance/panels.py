"""The assistance panel of the state profile (registered in AssistanceConfig.ready)."""

from decimal import Decimal

from assistance.models import Need


def assistance_panel(request, state) -> dict:
    needs = list(
        Need.objects.visible_to(request.user)
        .filter(state=state)
        .with_funding()
        .select_related("obligation")
        .order_by("-submitted_on", "id")
    )
    requested = sum((n.amount_requested_usd or Decimal(0) for n in needs if not n.closed_on), Decimal(0))
    pledged = sum((min(n.pledged_usd, n.amount_requested_usd or 0) for n in needs if not n.closed_on), Decimal(0))
    disbursed = sum((min(n.disbursed_usd, n.amount_requested_usd or 0) for n in needs if not n.closed_on), Decimal(0))
    return {
        "state": state,
        "needs": needs,
        "requested_usd": requested,
        "pledged_usd": pledged,
        "coverage_pct": round(pledged * 100 / requested) if requested else None,
        "bar": coverage_bar(requested, pledged, disbursed),
    }


def coverage_bar(requested: Decimal, pledged: Decimal, disbursed: Decimal, width: int = 240) -> dict | None:
    """Pixel widths of the state's funding coverage bar (assistance/_funding_bar.html)."""
    if not requested:
        return None
    return {
        "width": width,
        "pledged": round(min(Decimal(1), pledged / requested) * width),
        "disbursed": round(min(Decimal(1), disbursed / requested) * width),
        "pct": round(min(Decimal(1), pledged / requested) * 100),
        "disbursed_pct": round(min(Decimal(1), disbursed / requested) * 100),
    }

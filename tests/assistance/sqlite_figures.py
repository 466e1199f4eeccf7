"""Run by test_priority_one_number.py in a subprocess on a fresh SQLite database (the demo's
engine): prints, per need, the priority of the list (SQL) and of the need's page (explain), and
which pledges the pages find with money still to pay."""

import json
from datetime import date
from decimal import Decimal

import django

django.setup()

from accounts.models import Donor, DonorKind  # noqa: E402
from assistance.models import Disbursement, Need, Pledge, ProgressRecord  # noqa: E402
from assistance.priority import explain  # noqa: E402
from obligations.models import Obligation  # noqa: E402
from states.models import State  # noqa: E402

TODAY = date(2026, 12, 1)
lao = State.objects.create(iso3="LAO", name="Lao PDR", region="asia", status="party", deposit_date=date(2009, 3, 18))
donor = Donor.objects.create(name="Norway", kind=DonorKind.ORGANISATION)
obligation = Obligation.objects.create(state=lao, article=4)
ProgressRecord.objects.create(obligation=obligation, year=2022, remaining=Decimal("1005"), done_in_year=Decimal("1"))
ProgressRecord.objects.create(obligation=obligation, year=2023, remaining=Decimal("100.3"), done_in_year=Decimal("1"))
shapes = {
    "clearance": (Decimal("4500000"), Decimal("1940000"), None),  # 30 × 2.56 / 4.5 = 17.07 → 17.1
    "close": (Decimal("1000"), Decimal("250"), obligation),  # 100.3 left of a peak of 1005: close to completion
    "edge": (Decimal("24"), Decimal("19"), None),  # 30 × 5 / 24 = 6.25 → 6.3
}
for title, (requested, pledged, with_obligation) in shapes.items():
    need = Need.objects.create(
        state=lao,
        article=4,
        title=title,
        assistance_type="financial",
        amount_requested=requested,
        obligation=with_obligation,
        own_deadline=None if with_obligation else date(2027, 6, 1),
        submitted_on=date(2025, 1, 10),
    )
    Pledge.objects.create(need=need, donor=donor, state=lao, article=4, amount=pledged, pledged_on=date(2025, 2, 1))
partly = Pledge.objects.get(need__title="clearance")
Disbursement.objects.create(pledge=partly, date=date(2025, 3, 1), amount=Decimal("1000000"))
full = Pledge.objects.get(need__title="edge")
Disbursement.objects.create(pledge=full, date=date(2025, 3, 1), amount=full.amount)
print(json.dumps({
    "priority": {
        need.title: {"list": str(need.priority), "page": str(explain(need, TODAY).score)}
        for need in Need.objects.with_funding(TODAY)
    },
    "to_pay": sorted(p.need.title for p in Pledge.objects.with_amounts().filter(remaining_amount__gt=0)),
}))  # fmt: skip

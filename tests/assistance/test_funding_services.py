"""Money is written where it is changed: every service of assistance/services.py (and the forms,
serializers and pages that use them) refreshes the funding figures it touches itself, inside its
transaction — the safety-net signals are not needed for it, and stand aside while it runs.
The safety net still covers writes that skip the services (the admin, raw ORM saves)."""

import ast
from datetime import date
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client

from assistance import funding, services
from assistance.models import ExchangeRate, Need, Pledge
from assistance.progress import record_progress
from tests.assistance.factories import NeedFactory, PledgeFactory
from tests.factories import ObligationFactory

FIGURES = ["amount_requested_usd", "pledged_usd", "disbursed_usd", "deadline", "close_to_completion"]


def live(need):
    row = funding.live(Need.objects.filter(pk=need.pk)).get()
    return [row.live_requested, row.live_pledged, row.live_disbursed, row.live_deadline, row.live_close]


def stored(need):
    row = Need.objects.get(pk=need.pk)
    return [getattr(row, name) for name in FIGURES]


@pytest.fixture
def without_safety_net():
    """Only the services' own calls refresh the figures."""
    for signal, receiver, sender, uid in funding.SAFETY_NET:
        assert signal.disconnect(receiver, sender=sender, dispatch_uid=funding.UID + uid)
    yield
    for signal, receiver, sender, uid in funding.SAFETY_NET:
        signal.connect(receiver, sender=sender, dispatch_uid=funding.UID + uid)


def test_every_service_refreshes_what_it_touches_without_the_signals(without_safety_net, lao, donor):
    need = services.save_need(
        Need(state=lao, article=4, title="Survey", assistance_type="survey", amount_requested=Decimal("1000"))
    )
    other = services.save_need(
        Need(state=lao, article=4, title="Clearance", assistance_type="financial", amount_requested=Decimal("50"))
    )
    assert stored(need)[0] == Decimal("1000.00") and stored(need) == live(need)

    pledge = services.save_pledge(
        Pledge(need=need, donor=donor, state=lao, article=4, amount=Decimal("400"), pledged_on=date(2024, 4, 1))
    )
    assert stored(need)[1] == Decimal("400.00")
    pledge.amount = Decimal("300")
    services.save_pledge(pledge, schedule=[{"year": 2025, "amount": Decimal("100")}])
    assert stored(need)[1] == Decimal("300.00") and pledge.planned_disbursements.count() == 1

    services.record_disbursement(pledge.pk, date(2024, 6, 1), Decimal("120"))
    assert stored(need)[2] == Decimal("120.00")

    moved = Pledge.objects.get(pk=pledge.pk)
    moved.need = other
    services.save_pledge(moved)  # both needs change
    assert stored(need)[1:3] == [Decimal("0.00"), Decimal("0.00")]
    assert stored(other)[1:3] == [Decimal("300.00"), Decimal("120.00")]

    spare = services.save_pledge(
        Pledge(need=need, donor=donor, state=lao, article=4, amount=Decimal("90"), pledged_on=date(2024, 4, 1))
    )
    services.commit_pledge(spare.pk, date(2024, 5, 1))
    assert stored(need)[1] == Decimal("90.00")
    services.archive_pledge(spare.pk, "Entered twice")
    assert stored(need)[1] == Decimal("0.00")

    need.currency, need.amount_requested = "EUR", Decimal("2000")
    services.save_need(need)  # no EUR rate yet: accepted, its USD equivalent pending
    assert stored(need)[0] is None
    services.save_exchange_rate(ExchangeRate(currency="EUR", year=2024, usd_per_unit=Decimal("1.10")))
    assert stored(need)[0] == Decimal("2200.00")  # the rate's save converts it
    rate = ExchangeRate.objects.get(currency="EUR", year=2024)
    rate.usd_per_unit = Decimal("1.20")
    services.save_exchange_rate(rate)
    assert stored(need)[0] == Decimal("2400.00")

    obligation = ObligationFactory(state=lao, article=4)
    need.obligation = obligation
    services.save_need(need)
    assert stored(need)[3] == obligation.current_deadline
    record_progress(obligation, 2023, Decimal("10"), Decimal("90"), source="isu")
    assert stored(need)[4] is True
    for each in (need, other):
        assert stored(each) == live(each)


def test_forms_serializers_and_pages_refresh_without_the_signals(
    without_safety_net, lao, donor, donor_user, focal_client, donor_client, isu_client
):
    response = focal_client.post(
        "/api/v1/needs/",
        {"state": "LAO", "article": 4, "title": "API need", "assistance_type": "survey", "amount_requested": "800"},
        format="json",
    )
    assert response.status_code == 201, response.content
    need = Need.objects.get(pk=response.json()["id"])
    assert stored(need)[0] == Decimal("800.00")

    response = donor_client.post("/api/v1/pledges/", {"need": need.pk, "amount": "200"}, format="json")
    assert response.status_code == 201, response.content
    pledge_id = response.json()["id"]
    assert stored(need)[1] == Decimal("200.00")
    assert donor_client.patch(f"/api/v1/pledges/{pledge_id}/", {"amount": "250"}, format="json").status_code == 200
    assert stored(need)[1] == Decimal("250.00")
    response = donor_client.post(
        f"/api/v1/pledges/{pledge_id}/disbursements/", {"date": "2024-06-15", "amount": "50"}, format="json"
    )
    assert response.status_code == 201 and stored(need)[2] == Decimal("50.00")
    assert (
        focal_client.patch(f"/api/v1/needs/{need.pk}/", {"amount_requested": "1000"}, format="json").status_code == 200
    )
    assert stored(need)[0] == Decimal("1000.00")

    browser = Client()
    browser.force_login(donor_user)
    response = browser.post(f"/assistance/needs/{need.pk}/pledge/", {"amount": "100", "currency": "USD"})
    assert response.status_code == 302
    assert stored(need)[1] == Decimal("350.00")

    response = isu_client.post(
        "/api/v1/exchange-rates/", {"currency": "GBP", "year": 2024, "usd_per_unit": "1.25"}, format="json"
    )
    assert response.status_code == 201
    gbp = NeedFactory.build(state=lao, currency="GBP", amount_requested=Decimal("100"))
    services.save_need(gbp)
    assert stored(gbp)[0] == Decimal("125.00")
    assert stored(need) == live(need)


def test_a_service_refreshes_once_the_signals_stand_aside(lao, donor):
    need = NeedFactory(state=lao, amount_requested=Decimal("1000"))
    pledge = PledgeFactory(need=need, donor=donor, amount=Decimal("100"))
    with mock.patch.object(funding, "store", wraps=funding.store) as store:
        services.record_disbursement(pledge.pk, date(2024, 6, 1), Decimal("10"))
        services.save_pledge(Pledge.objects.get(pk=pledge.pk))
        services.save_need(Need.objects.get(pk=need.pk))
    assert store.call_count == 3
    with mock.patch.object(funding, "store", wraps=funding.store) as store:
        Pledge.objects.filter(pk=pledge.pk).get().save()  # outside a service: the safety net
    assert store.call_count == 1


def test_a_pledge_read_from_the_database_knows_its_need_without_asking_again(lao, donor, django_assert_num_queries):
    first, second = NeedFactory(state=lao), NeedFactory(state=lao)
    pledge = Pledge.objects.get(pk=PledgeFactory(need=first, donor=donor).pk)
    pledge.need = second
    with django_assert_num_queries(0):
        assert funding.stored_need_id(pledge) == first.pk
    assert funding.stored_need_id(Pledge(need=first)) is None


def test_the_admin_is_covered_by_the_safety_net(admin_client, lao):
    need = NeedFactory(state=lao, currency="GBP", amount_requested=Decimal("100"), submitted_on=date(2024, 3, 1))
    assert stored(need)[0] is None
    response = admin_client.post(
        "/admin/assistance/exchangerate/add/", {"currency": "GBP", "year": "2024", "usd_per_unit": "1.25"}
    )
    assert response.status_code == 302, response.content
    assert stored(need)[0] == Decimal("125.00")


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported, whether the import sits inside a function) for one source file."""
    found = []

    def visit(node, nested):
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.ImportFrom) and child.module:
                found.append((child.module, inner))
            elif isinstance(child, ast.Import):
                found.extend((alias.name, inner) for alias in child.names)
            visit(child, inner)

    visit(ast.parse(path.read_text()), False)
    return found


def test_the_models_import_each_other_one_way_and_never_late():
    folder = Path(settings.BASE_DIR) / "assistance" / "models"
    graph = {}
    for path in folder.glob("*.py"):
        imports = _imports(path)
        late = [module for module, nested in imports if nested and module.startswith("assistance")]
        assert late == [], f"{path.name} imports {late} inside a function"
        graph[path.stem] = {m.rsplit(".", 1)[1] for m, _n in imports if m.startswith("assistance.models.")}
    assert "pledges" in graph["__init__"] and "needs" in graph["pledges"]
    assert "pledges" not in graph["needs"] and "progress" not in graph["needs"]

    def reaches(start, target, seen=()):
        return any(n == target or (n not in seen and reaches(n, target, (*seen, n))) for n in graph.get(start, ()))

    assert not [name for name in graph if name != "__init__" and reaches(name, name)]

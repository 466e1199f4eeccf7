"""Every assistance page and endpoint answers for the ISU (a smoke test; the details are elsewhere)."""

from decimal import Decimal

import pytest
from django.test import Client

from tests.assistance.factories import CapacityFactory, NeedFactory, PledgeFactory

PATHS = [
    "/assistance/",
    "/assistance/needs/{need}/",
    "/assistance/needs/new/",
    "/assistance/needs/{need}/edit/",
    "/assistance/needs/{need}/pledge/",
    "/assistance/pledges/",
    "/assistance/pledges/{pledge}/",
    "/assistance/outlook/",
    "/assistance/experience/",
    "/assistance/capacities/",
    "/states/LAO/",
    "/api/v1/needs/",
    "/api/v1/needs/?format=csv",
    "/api/v1/needs/{need}/matches/",
    "/api/v1/pledges/",
    "/api/v1/iati/?donor={donor}",
    "/api/v1/capacities/",
    "/api/v1/coalitions/",
    "/api/v1/experiences/",
    "/api/v1/exchange-rates/",
    "/api/v1/progress/",
]


@pytest.mark.parametrize("path", PATHS)
def test_page_answers(path, lao, donor, rates, isu):
    need = NeedFactory(state=lao, amount_requested=Decimal("1000"), currency="EUR")
    pledge = PledgeFactory(need=need, donor=donor, amount=Decimal("500"), currency="NOK")
    CapacityFactory(donor=donor)
    client = Client()
    client.force_login(isu)
    response = client.get(path.format(need=need.pk, pledge=pledge.pk, donor=donor.pk))
    assert response.status_code == 200

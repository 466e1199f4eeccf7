"""Every list endpoint of the API costs the same few SQL queries whatever the page size.

The endpoints are found by walking /api/v1/ (router `*-list` names and the plain list views), so a
new list endpoint is checked without touching this file; it fails here until the world below has
at least six rows for it. Authenticated as the ISU, who sees the most.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from assistance.models import CountryCoalition, Disbursement, PlannedDisbursement
from reports.models import Reminder
from tests.assistance.factories import (
    CapacityFactory,
    ExchangeRateFactory,
    ExperienceFactory,
    NeedFactory,
    PledgeFactory,
    ProgressRecordFactory,
)
from tests.factories import DonorFactory, ExtensionRequestFactory, MeetingFactory, ObligationFactory, StateFactory
from tests.reports.factories import ReportFactory

MAX_QUERIES = 6
ROWS = 8
# Plain (non-router) list views under /api/v1/: name -> query string they need.
PLAIN_LISTS = {"reporting-status": "as_of=2020-06-01"}
NOT_LISTS = {"stats", "iati-export", "meeting-detail"}


def list_endpoints() -> list[str]:
    names = []

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and (prefix + str(entry.pattern)).startswith("api/v1/") and entry.name:
                if entry.name.endswith("-list") or entry.name in PLAIN_LISTS:
                    names.append(entry.name)

    walk(get_resolver().url_patterns)
    return sorted(set(names) - NOT_LISTS)


@pytest.fixture
def world(lao, donor, isu):
    """At least ROWS rows behind every list endpoint, with the relations each serializer reads."""
    states = [lao, *(StateFactory() for _ in range(ROWS))]
    for year in range(2016, 2016 + ROWS):
        ExchangeRateFactory(currency="EUR", year=year)
    donors = [donor, *(DonorFactory() for _ in range(ROWS))]
    for i, state in enumerate(states):
        obligation = ObligationFactory(state=state, article=4)
        ExtensionRequestFactory(obligation=obligation)
        ProgressRecordFactory(obligation=obligation, year=2020)
        MeetingFactory()
        ReportFactory(state=state, year=2016)
        ExperienceFactory(state=state)
        CapacityFactory(donor=donors[i])
        need = NeedFactory(state=state, obligation=obligation, is_public=i % 2 == 0)
        pledge = PledgeFactory(need=need, donor=donors[i], committed_on=date(2024, 5, 1))
        Disbursement.objects.create(pledge=pledge, date=date(2024, 6, 1), amount=Decimal("100.00"))
        PlannedDisbursement.objects.create(pledge=pledge, year=2025, amount=Decimal("100.00"))
        coalition = CountryCoalition.objects.create(state=state, name=f"Coalition {i}")
        coalition.partners.set(donors[:3])
        coalition.needs.set([need])
        Reminder.objects.create(
            recipient=f"fp{i}@example.org",
            kind="article7_annual",
            state=state,
            subject_key=f"{state.iso3}-2016",
            stage="30d",
            claimed_at=timezone.now() - timedelta(days=i),
        )
    return states


def test_every_list_endpoint_is_found():
    names = list_endpoints()
    assert {"need-list", "pledge-list", "state-list", "report-list", "reporting-status"} <= set(names)


@pytest.mark.parametrize("name", list_endpoints())
def test_list_query_count_is_small_and_constant(name, world, isu_client):
    url = reverse(name)
    extra = PLAIN_LISTS.get(name, "")
    counts, sizes = {}, {}
    for page_size in (5, 100):
        with CaptureQueriesContext(connection) as queries:
            response = isu_client.get(f"{url}?page_size={page_size}&{extra}")
        assert response.status_code == 200, (name, response.content[:300])
        body = response.json()
        # SAVEPOINT and RELEASE (ATOMIC_REQUESTS) are not queries of the endpoint.
        real = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
        counts[page_size] = len(real)
        sizes[page_size] = len(body["results"])
        assert counts[page_size] <= MAX_QUERIES, (name, page_size, [sql[:100] for sql in real])
    assert sizes[5] == 5 and sizes[100] > 5, f"{name}: the world needs more than 5 rows here ({sizes})"
    assert counts[5] == counts[100], (name, counts)

"""reports.stats against hand-counted fixtures; the endpoint; the cache; the dashboard agrees."""

import re
from datetime import date
from decimal import Decimal

import pytest
import time_machine

from assistance.models import Disbursement, Need, Pledge
from reports import stats
from tests.factories import DonorFactory, ExtensionRequestFactory, MeetingFactory, ObligationFactory, StateFactory
from tests.reports.factories import ReportFactory

STATS = "/api/v1/stats/"


@pytest.fixture
def ten_parties(db):
    """Ten first-thirty parties (EIF 2010-08-01), 8 annual reports for 2016 received by the end of 2017
    (one of them after as_of 2017-12-20), one received 2018; plus a late joiner that owes no 2016 report."""
    parties = [StateFactory(iso3=f"P{chr(65 + i)}A", name=f"Party {i:02d}") for i in range(10)]
    for i, state in enumerate(parties[:8]):
        ReportFactory(state=state, year=2016, received_on=date(2017, 4, 1 + i))
    ReportFactory(state=parties[8], year=2016, received_on=date(2018, 1, 15))  # after as_of
    late = StateFactory(iso3="LTA", name="Late joiner", deposit_date=date(2016, 6, 10))  # EIF 2016-12-01
    for state in parties:
        ReportFactory(state=state, kind="initial", year=None, received_on=date(2011, 1, 10))
    return parties, late


def test_article7_hand_counted(ten_parties):
    parties, late = ten_parties
    figures = stats.compute_stats(2016, date(2017, 12, 20))["article7"]
    assert figures["expected"] == 10
    assert figures["received"] == 8
    assert figures["received_pct"] == 80.0
    assert figures["outstanding"] == ["PIA", "PJA"]
    # late joiner: EIF 2016-12-01, initial due 2017-05-30, not received
    assert figures["initial_outstanding"] == ["LTA"]


def test_received_pct_has_one_decimal(db):
    states = [StateFactory(iso3=f"R{chr(65 + i)}A") for i in range(3)]
    ReportFactory(state=states[0], year=2016)
    assert stats.compute_stats(2016, date(2017, 12, 20))["article7"]["received_pct"] == 33.3


def test_nobody_expected_is_zero_not_an_error(db):
    figures = stats.compute_stats(2009, date(2010, 1, 1))["article7"]
    assert figures == {"expected": 0, "received": 0, "received_pct": 0.0, "outstanding": [], "initial_outstanding": []}


def test_articles_hand_counted(db):
    # Article 3: three states, deadlines 2018-08-01 (x2) and one extended in 2017 to 2019-08-01.
    a = ObligationFactory(state=StateFactory(iso3="AAA"), article=3)
    ObligationFactory(state=StateFactory(iso3="BBB"), article=3)
    c = ObligationFactory(state=StateFactory(iso3="CCC"), article=3)
    meeting = MeetingFactory(code="7MSP", start_date=date(2017, 9, 4))
    ExtensionRequestFactory(
        obligation=c,
        meeting=meeting,
        submitted_on=date(2017, 1, 1),
        requested_deadline=date(2019, 8, 1),
        status="granted",
        decided_on=date(2017, 9, 6),
        granted_deadline=date(2019, 8, 1),
    )
    # completed before as_of: not counted; completed after as_of: counted
    a.status, a.completed_on = "completed", date(2017, 1, 1)
    a.save()
    d = ObligationFactory(state=StateFactory(iso3="DDD"), article=3)
    d.status, d.completed_on = "completed", date(2018, 3, 1)
    d.save()
    ObligationFactory(state=StateFactory(iso3="EEE"), article=5)
    figures = stats.compute_stats(2016, date(2017, 12, 20))["articles"]
    assert figures["3"]["states_with_obligations"] == 3
    assert figures["3"]["deadlines_by_year"] == {"2018": 2, "2019": 1}
    assert figures["5"] == {
        "states_with_obligations": 1,
        "states_requesting": 0,
        "states_providing": 0,
        "deadlines_by_year": {},
    }
    # as of a day before the extension was granted, C's deadline was still 2018
    before = stats.compute_stats(2016, date(2017, 9, 1))["articles"]["3"]
    assert before["deadlines_by_year"] == {"2018": 3}
    assert set(figures) == {"3", "4", "5", "9"}


def test_assistance_hand_counted(db):
    lao, bih, khm = StateFactory(iso3="LAO"), StateFactory(iso3="BIH"), StateFactory(iso3="KHM")
    norway, eu = DonorFactory(name="Norway"), DonorFactory(name="EU")

    def need(state, article, day, public=True):
        return Need.objects.create(
            state=state,
            article=article,
            title="t",
            assistance_type="financial",
            amount_requested=Decimal("100"),
            submitted_on=day,
            is_public=public,
        )

    need(lao, 4, date(2016, 2, 1))
    need(lao, 5, date(2016, 3, 1))
    need(bih, 4, date(2016, 5, 1), public=False)  # counted: aggregates use every need
    need(khm, 4, date(2015, 5, 1))  # other year
    pledge = Pledge.objects.create(
        donor=norway, state=lao, article=4, amount=Decimal("100"), pledged_on=date(2015, 1, 1)
    )
    pledge2 = Pledge.objects.create(donor=eu, state=bih, article=3, amount=Decimal("100"), pledged_on=date(2015, 1, 1))
    Disbursement.objects.create(pledge=pledge, date=date(2016, 6, 1), amount=Decimal("10"))
    Disbursement.objects.create(pledge=pledge, date=date(2016, 7, 1), amount=Decimal("10"))
    Disbursement.objects.create(pledge=pledge2, date=date(2017, 7, 1), amount=Decimal("10"))  # other year
    result = stats.compute_stats(2016, date(2017, 12, 20))
    assert result["assistance"] == {"states_requesting": 2, "states_providing": 1, "states_receiving": 1}
    assert result["articles"]["4"]["states_requesting"] == 2
    assert result["articles"]["5"]["states_requesting"] == 1
    assert result["articles"]["4"]["states_providing"] == 1
    assert result["articles"]["3"]["states_providing"] == 0
    assert stats.compute_stats(2017, date(2017, 12, 20))["assistance"]["states_providing"] == 1
    # as of mid-2016: only what had happened by then
    assert stats.compute_stats(2016, date(2016, 4, 1))["assistance"]["states_requesting"] == 1


def test_endpoint_shape_and_values(anon_client, ten_parties):
    response = anon_client.get(STATS, {"year": 2016, "as_of": "2017-12-20"})
    assert response.status_code == 200
    body = response.json()
    assert body["year"] == 2016 and body["as_of"] == "2017-12-20"
    assert set(body) == {"year", "as_of", "article7", "assistance", "articles"}
    assert set(body["article7"]) == {"expected", "received", "received_pct", "outstanding", "initial_outstanding"}
    assert set(body["assistance"]) == {"states_requesting", "states_providing", "states_receiving"}
    assert body["article7"]["received_pct"] == 80.0
    assert set(body["articles"]["3"]) == {
        "states_with_obligations",
        "states_requesting",
        "states_providing",
        "deadlines_by_year",
    }


def test_endpoint_defaults_to_today(anon_client, ten_parties):
    with time_machine.travel(date(2017, 12, 20), tick=False):
        body = anon_client.get(STATS).json()
    assert body["as_of"] == "2017-12-20" and body["year"] == 2016


@pytest.mark.parametrize(
    ("params", "field"), [({"as_of": "2017-02-30"}, "as_of"), ({"year": "x"}, "year"), ({"year": "1999"}, "year")]
)
def test_endpoint_bad_values(anon_client, params, field):
    response = anon_client.get(STATS, params)
    assert response.status_code == 400
    assert field in response.json()


def test_cached_and_invalidated_on_write(anon_client, ten_parties, django_assert_max_num_queries, settings):
    # a private cache: the shared test Redis may be flushed by another test run at any moment
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "stats"}}
    parties, _ = ten_parties
    params = {"year": 2016, "as_of": "2017-12-20"}
    assert anon_client.get(STATS, params).json()["article7"]["received"] == 8
    with django_assert_max_num_queries(2):  # savepoint + release: served from the cache
        assert anon_client.get(STATS, params).json()["article7"]["received"] == 8
    ReportFactory(state=parties[9], year=2016, received_on=date(2017, 6, 1))
    assert anon_client.get(STATS, params).json()["article7"]["received"] == 9
    report = parties[0].reports.get(year=2016)
    report.delete()
    assert anon_client.get(STATS, params).json()["article7"]["received"] == 8


def test_dashboard_shows_the_same_figures_as_the_endpoint(client, ten_parties):
    params = {"year": 2016, "as_of": "2017-12-20"}
    api = client.get(STATS, params).json()
    page = client.get("/reports/dashboard/", params)
    assert page.status_code == 200
    html = page.content.decode()
    assert "80% of Article 7 reports for 2016 received as of 20 December 2017" in html
    a7 = api["article7"]
    for iso3 in a7["outstanding"] + a7["initial_outstanding"]:
        assert f"<td>{iso3}</td>" in html
    assert f"<strong>{a7['expected']}</strong>" in html
    assert f"<strong>{a7['received']}</strong>" in html
    assert page.context["stats"] == api


def test_dashboard_reproduces_82_percent(client, db):
    states = [StateFactory(iso3=f"S{chr(65 + i // 26)}{chr(65 + i % 26)}") for i in range(100)]
    for state in states[:82]:
        ReportFactory(state=state, year=2016, received_on=date(2017, 5, 2))
    html = client.get("/reports/dashboard/", {"year": 2016, "as_of": "2017-12-20"}).content.decode()
    assert "82% of Article 7 reports for 2016 received as of 20 December 2017" in html
    assert "18 awaited" in html


def test_dashboard_csv(client, ten_parties):
    response = client.get("/reports/dashboard/outstanding.csv", {"year": 2016, "as_of": "2017-12-20"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "iso3,state"
    assert lines[1:] == ["PIA,Party 08", "PJA,Party 09"]
    for table in (
        "initial-outstanding",
        "reports-by-year",
        "assistance-by-year",
        "articles",
        "deadlines-by-year",
        "upcoming",
    ):
        assert client.get(f"/reports/dashboard/{table}.csv", {"year": 2016}).status_code == 200
    assert client.get("/reports/dashboard/nope.csv").status_code == 404
    assert client.get("/reports/dashboard/articles.csv", {"as_of": "bad"}).status_code == 400


def test_dashboard_bad_values_are_400_with_the_field(client, db):
    response = client.get("/reports/dashboard/", {"as_of": "2017-13-01"})
    assert response.status_code == 400
    assert re.search(r'class="field-error"', response.content.decode())


def test_dashboard_has_svg_charts_without_script(client, ten_parties):
    html = client.get("/reports/dashboard/", {"year": 2016, "as_of": "2017-12-20"}).content.decode()
    assert "<svg" in html and 'role="img"' in html
    # The charts need no script; the only script on any page is the vendored htmx file (no inline code).
    assert re.findall(r"<script(?![^>]*\ssrc=)", html) == []

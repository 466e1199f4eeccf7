"""The states pages: the list with its filters (bad values too) and the state profile."""

from datetime import date

import pytest

from tests.factories import ExtensionRequestFactory, MeetingFactory, ObligationFactory, StateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def states(lao, other_state):
    StateFactory(iso3="AGO", name="Angola", region="africa", status="signatory", deposit_date=None, instrument="")


def _names(response) -> list[str]:
    return [state.name for state in response.context["page"].object_list]


class TestStateList:
    def test_lists_all_states(self, client, states):
        response = client.get("/states/")
        assert response.status_code == 200
        assert _names(response) == ["Angola", "Bosnia and Herzegovina", "Lao People's Democratic Republic"]
        assert "3 states" in response.content.decode()
        assert "2010-08-01" in response.content.decode()

    @pytest.mark.parametrize(
        ("query", "names"),
        [
            ("status=signatory", ["Angola"]),
            ("region=europe", ["Bosnia and Herzegovina"]),
            ("search=lao", ["Lao People's Democratic Republic"]),
            ("search=BIH", ["Bosnia and Herzegovina"]),
            ("status=party&region=asia", ["Lao People's Democratic Republic"]),
            ("status=&region=&search=", ["Angola", "Bosnia and Herzegovina", "Lao People's Democratic Republic"]),
        ],
    )
    def test_filters(self, client, states, query, names):
        response = client.get(f"/states/?{query}")
        assert response.status_code == 200
        assert _names(response) == names

    @pytest.mark.parametrize(("query", "field"), [("status=bogus", "status"), ("region=mars", "region")])
    def test_invalid_filter_values_show_the_field_error(self, client, states, query, field):
        response = client.get(f"/states/?{query}")
        assert response.status_code == 200
        assert field in response.context["filter"].errors
        html = response.content.decode()
        assert 'class="field-error"' in html
        assert "Select a valid choice." in html
        assert _names(response) == []

    @pytest.mark.parametrize("query", ["page=abc", "page=999", "page=-1", "search=%00", "search=" + "x" * 500])
    def test_odd_inputs_do_not_fail(self, client, states, query):
        assert client.get(f"/states/?{query}").status_code == 200

    def test_only_get(self, client, states):
        assert client.post("/states/").status_code == 405


class TestStateProfile:
    def test_treaty_dates(self, client, lao):
        response = client.get("/states/LAO/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Lao People&#x27;s Democratic Republic" in html
        for expected in ("2008-12-03", "2009-03-18", "2010-08-01", "Ratification", "State Party"):
            assert expected in html

    def test_lowercase_code(self, client, lao):
        assert client.get("/states/lao/").status_code == 200

    @pytest.mark.parametrize("code", ["ZZZ", "zz", "LAOS", "1", "%20", "%00", "L%00O"])
    def test_unknown_state_is_404(self, client, lao, code):
        assert client.get(f"/states/{code}/").status_code == 404

    def test_withdrawal(self, client):
        StateFactory(
            iso3="LTU",
            name="Lithuania",
            region="europe",
            status="withdrawn",
            deposit_date=date(2011, 3, 24),
            withdrawal_date=date(2024, 9, 6),
        )
        html = client.get("/states/LTU/").content.decode()
        assert "received 2024-09-06, effective 2025-03-06" in html

    def test_obligations_panel(self, client, lao):
        clearance = ObligationFactory(state=lao, article=4)
        ObligationFactory(state=lao, article=7)
        meeting = MeetingFactory(code="9MSP", start_date=date(2019, 9, 2), end_date=date(2019, 9, 4))
        ExtensionRequestFactory(
            obligation=clearance,
            meeting=meeting,
            submitted_on=date(2018, 11, 30),
            status="granted",
            decided_on=date(2019, 9, 4),
            granted_deadline=date(2025, 8, 1),
        )
        html = client.get("/states/LAO/").content.decode()
        for expected in ("2020-08-01", "2025-08-01", "2011-01-28", "9MSP", "extension history"):
            assert expected in html
        assert "Timeline of deadlines" in html

    def test_only_the_isu_gets_edit_links(self, client, lao, isu, donor_user):
        ObligationFactory(state=lao, article=4)
        assert "/obligations/new/?state=LAO" not in client.get("/states/LAO/").content.decode()
        client.force_login(donor_user)
        assert "/obligations/new/?state=LAO" not in client.get("/states/LAO/").content.decode()
        client.force_login(isu)
        assert "/obligations/new/?state=LAO" in client.get("/states/LAO/").content.decode()

    def test_a_signatory_has_no_obligations(self, client):
        StateFactory(iso3="AGO", name="Angola", region="africa", status="signatory", deposit_date=None, instrument="")
        response = client.get("/states/AGO/")
        assert response.status_code == 200
        assert "No obligation is recorded for this state." in response.content.decode()

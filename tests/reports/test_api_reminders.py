"""`/api/v1/reminders/` (ISU only) and the ISU's log page."""

import pytest
from django.utils import timezone

from reports.models import Reminder
from tests.conftest import ROLE_CLIENTS

URL = "/api/v1/reminders/"
READ = {"anon_client": 401, "isu_client": 200, "donor_client": 403, "focal_client": 403, "outsider_client": 403}


def reminder(n=0, **kwargs):
    values = {
        "recipient": f"fp{n}@example.org",
        "kind": "article7_annual",
        "subject_key": f"LAO-{2010 + n}",
        "stage": "60d",
        "claimed_at": timezone.now(),
        "status": "sent",
        **kwargs,
    }
    return Reminder.objects.create(**values)


@pytest.mark.parametrize("client_name", ROLE_CLIENTS)
def test_isu_only(request, client_name, lao):
    reminder(state=lao)
    response = request.getfixturevalue(client_name).get(URL)
    assert response.status_code == READ[client_name]
    if response.status_code == 200:
        row = response.json()["results"][0]
        assert {"id", "recipient", "kind", "state", "stage", "status", "sent_at", "error"} <= set(row)
        assert row["state"] == "LAO"


@pytest.mark.parametrize("client_name", ROLE_CLIENTS)
def test_read_only_for_everyone(request, client_name, db):
    row = reminder()
    client = request.getfixturevalue(client_name)
    response = client.post(URL, {"recipient": "x@example.org", "kind": "deadline", "stage": "24m"}, format="json")
    assert response.status_code in (401, 403, 405)
    assert client.delete(f"{URL}{row.pk}/").status_code in (401, 403, 405)
    assert Reminder.objects.count() == 1


def test_filters(isu_client, lao):
    reminder(0, state=lao)
    reminder(1, kind="deadline", status="failed", error="boom")
    reminder(2, kind="isu_digest", status="pending")
    assert isu_client.get(URL, {"kind": "deadline"}).json()["count"] == 1
    assert isu_client.get(URL, {"status": "failed"}).json()["results"][0]["error"] == "boom"
    assert isu_client.get(URL, {"state": "lao"}).json()["count"] == 1
    assert isu_client.get(URL, {"recipient": "FP2@example.org"}).json()["count"] == 1


@pytest.mark.parametrize(("params", "field"), [({"kind": "spam"}, "kind"), ({"status": "lost"}, "status")])
def test_bad_filters(isu_client, params, field):
    response = isu_client.get(URL, params)
    assert response.status_code == 400 and field in response.json()


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_constant(isu_client, lao, django_assert_max_num_queries, size):
    for n in range(size):
        reminder(n, state=lao)
    with django_assert_max_num_queries(5):  # auth token + savepoint + count + select + release
        response = isu_client.get(URL, {"page_size": size})
    assert len(response.json()["results"]) == size


def test_log_page_isu_only(client, isu, focal_point, lao):
    reminder(0, state=lao, status="failed", error="SMTPServerDisconnected: gone")
    assert client.get("/reports/reminders/").status_code == 302
    client.force_login(focal_point)
    assert client.get("/reports/reminders/").status_code == 403
    client.force_login(isu)
    html = client.get("/reports/reminders/").content.decode()
    assert "fp0@example.org" in html and "SMTPServerDisconnected: gone" in html and "LAO" in html

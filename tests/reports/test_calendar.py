"""`/calendar/deadlines.ics`: RFC 5545 by hand."""

from datetime import date

import time_machine

from reports.calendar import fold
from tests.factories import MeetingFactory, ObligationFactory
from tests.reports.factories import ReportFactory

URL = "/calendar/deadlines.ics"


def get(client, **params):
    with time_machine.travel(date(2018, 6, 1), tick=False):
        return client.get(URL, params)


def events(body: str) -> list[str]:
    return body.split("BEGIN:VEVENT")[1:]


def test_feed_is_valid_icalendar(client, lao):
    ObligationFactory(state=lao, article=4)
    MeetingFactory(code="9MSP", start_date=date(2019, 9, 2))
    response = get(client)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")  # CRLF only
    for line in body.split("\r\n"):
        assert len(line.encode()) <= 75
    unfolded = body.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20200801" in unfolded
    assert "UID:obligation-1-deadline@ccm-portal" in unfolded or "-deadline@ccm-portal" in unfolded
    assert "DTSTART;VALUE=DATE:20181202" in unfolded  # extension request due: 9MSP - 9 months
    assert "DTSTAMP:20180601T000000Z" in unfolded
    uids = [line for line in unfolded.split("\r\n") if line.startswith("UID:")]
    assert len(uids) == len(set(uids)) == len(events(unfolded))


def test_report_due_dates_and_received_ones_left_out(client, lao):
    ReportFactory(state=lao, year=2016, received_on=date(2017, 4, 1))
    body = get(client, state="LAO", article="7").content.decode().replace("\r\n ", "")
    assert "UID:report-LAO-annual-2017@ccm-portal" in body
    assert "DTSTART;VALUE=DATE:20180430" in body
    assert "DTSTART;VALUE=DATE:20190430" in body  # the report for 2018
    assert "report-LAO-annual-2016" not in body


def test_filters(client, lao, other_state):
    ObligationFactory(state=lao, article=4)
    ObligationFactory(state=other_state, article=3)
    body = get(client, state="bih").content.decode().replace("\r\n ", "")
    assert "Bosnia" in body and "Lao" not in body
    body = get(client, article="3").content.decode().replace("\r\n ", "")
    assert "Article 3 deadline" in body and "Article 4" not in body and "Article 7" not in body


def test_bad_parameters_are_400(client, lao):
    assert get(client, state="ZZZ").status_code == 400
    response = get(client, article="5")
    assert response.status_code == 400 and "article" in response.json()
    assert get(client, article="x").status_code == 400
    assert get(client, state="\x00").status_code == 400


def test_fold_never_splits_a_character():
    line = "SUMMARY:" + "é" * 80
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode()) <= 75
        part.encode().decode()  # valid UTF-8 on its own
    assert folded.replace("\r\n ", "") == line

"""The reminder job: claim before send, never twice, failures recorded and retried, opt-out."""

import smtplib
import threading
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accounts.models import Role
from reports import reminders_mail
from reports.models import Reminder, ReminderOptOut
from reports.reminders_mail import run_reminders, unsubscribe_token
from tests.factories import UserFactory
from tests.reports.factories import ReportFactory

SIXTY = date(2017, 3, 1)  # 60 days before 30 April 2017, when the 2016 annual report is due


def up_to_date(state, last_year):
    """Every report of `state` received up to `last_year` (so only later ones are reminded)."""
    ReportFactory(state=state, kind="initial", year=None, received_on=date(2011, 1, 10))
    for year in range(2010, last_year + 1):
        ReportFactory(state=state, year=year, received_on=date(year + 1, 3, 1))


@pytest.fixture
def lao_2016(lao, focal_point):
    up_to_date(lao, 2015)
    return lao


def run(day, **kwargs):
    with time_machine.travel(day, tick=False):
        return run_reminders(day, **kwargs)


def test_day_before_nothing_day_of_one_next_day_no_duplicate(lao_2016, focal_point):
    assert run(SIXTY - timedelta(days=1)).sent == 0
    assert mail.outbox == []
    assert run(SIXTY).sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [focal_point.email]
    assert "2016" in message.subject and "2017-04-30" in message.subject
    assert message.alternatives and "2017-04-30" in message.alternatives[0][0]
    assert "/reports/unsubscribe/" in message.body
    assert run(SIXTY + timedelta(days=1)).sent == 0
    assert run(SIXTY).sent == 0  # the same day again
    assert len(mail.outbox) == 1
    row = Reminder.objects.get()
    assert (row.kind, row.subject_key, row.stage, row.status) == ("article7_annual", "LAO-2016", "60d", "sent")
    assert row.state == lao_2016 and row.sent_at is not None and row.attempts == 1


def test_next_stage_sends_again(lao_2016):
    run(SIXTY)
    assert run(date(2017, 3, 31)).sent == 1
    assert list(Reminder.objects.order_by("stage_date").values_list("stage", flat=True)) == ["60d", "30d"]


def test_received_report_stops_reminders(lao_2016):
    ReportFactory(state=lao_2016, year=2016, received_on=date(2017, 2, 1))
    assert run(SIXTY).sent == 0


def test_only_active_focal_points_with_email_of_that_state(lao_2016, focal_point, other_focal_point):
    UserFactory(username="gone", role=Role.FOCAL_POINT, state=lao_2016, is_active=False)
    UserFactory(username="noemail", role=Role.FOCAL_POINT, state=lao_2016, email="")
    second = UserFactory(username="second", role=Role.FOCAL_POINT, state=lao_2016)
    run(SIXTY)
    assert sorted(m.to[0] for m in mail.outbox if "2016" in m.subject and "Lao" in m.subject) == sorted(
        [focal_point.email, second.email]
    )


def test_recipient_language_is_used(lao_2016, focal_point):
    focal_point.language = "fr"
    focal_point.save()
    run(SIXTY)
    assert Reminder.objects.get().language == "fr"


def test_smtp_failure_is_recorded_then_retried_and_never_duplicated(lao_2016, monkeypatch):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
        result = run(SIXTY)
    assert (result.sent, result.failed) == (0, 1)
    row = Reminder.objects.get()
    assert row.status == "failed" and "SMTPServerDisconnected" in row.error and row.attempts == 1
    assert mail.outbox == []

    result = run(SIXTY + timedelta(days=1))  # the next run retries
    assert (result.sent, result.failed) == (1, 0)
    row.refresh_from_db()
    assert row.status == "sent" and row.error == "" and row.attempts == 2
    assert Reminder.objects.count() == 1
    assert run(SIXTY + timedelta(days=2)).sent == 0
    assert len(mail.outbox) == 1


def test_a_row_left_pending_by_a_dead_worker_is_retried_after_an_hour(lao_2016, focal_point):
    with time_machine.travel(SIXTY, tick=False):
        row = Reminder.objects.create(
            recipient=focal_point.email,
            kind="article7_annual",
            subject_key="LAO-2016",
            stage="60d",
            claimed_at=timezone.now() - timedelta(minutes=20),
        )
        assert run_reminders(SIXTY).sent == 0  # maybe still being sent by another worker
        Reminder.objects.filter(pk=row.pk).update(claimed_at=timezone.now() - timedelta(hours=2))
        assert run_reminders(SIXTY).sent == 1
    row.refresh_from_db()
    assert row.status == "sent"
    assert len(mail.outbox) == 1


def test_dry_run_records_and_sends_nothing(lao_2016):
    result = run(SIXTY, dry_run=True)
    assert len(result.planned) == 1
    assert Reminder.objects.count() == 0 and mail.outbox == []


def test_management_command(lao_2016, capsys):
    call_command("send_reminders", today="2017-03-01", dry_run=True)
    assert "dry run" in capsys.readouterr().out
    assert Reminder.objects.count() == 0
    call_command("send_reminders", today="2017-03-01")
    assert "1 sent" in capsys.readouterr().out
    call_command("send_reminders", today="2017-03-01")
    assert "0 sent" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_opt_out_link(client, lao_2016, focal_point):
    token = unsubscribe_token(focal_point.email, "article7_annual")
    url = f"/reports/unsubscribe/{token}/"
    assert client.get(url).status_code == 200
    assert ReminderOptOut.objects.count() == 0  # a GET (mail scanner) changes nothing
    assert client.post(url).status_code == 200
    assert ReminderOptOut.objects.filter(email=focal_point.email, kind="article7_annual").exists()
    assert run(SIXTY).sent == 0
    assert client.get("/reports/unsubscribe/forged-token/").status_code == 400


def test_deadline_and_extension_request_reminders(lao, focal_point):
    from tests.factories import MeetingFactory, ObligationFactory

    up_to_date(lao, 2017)
    ObligationFactory(state=lao, article=4)  # deadline 2020-08-01
    MeetingFactory(code="9MSP", start_date=date(2019, 9, 2))  # request due 2018-12-02
    assert run(date(2018, 7, 31)).sent == 0
    assert run(date(2018, 8, 1)).sent == 1
    assert mail.outbox[-1].subject.startswith("Article 4 deadline on 2020-08-01")
    assert run(date(2018, 9, 2)).sent == 1
    assert "extension request due on 2018-12-02" in mail.outbox[-1].subject
    assert run(date(2018, 9, 3)).sent == 0


def test_isu_digest_weekly(isu, lao_2016):
    result = run(date(2017, 5, 3))  # LAO 2016 overdue
    digests = [m for m in mail.outbox if m.to == [isu.email]]
    assert len(digests) == 1 and "weekly-2017-18" in digests[0].subject
    assert "Lao" in digests[0].body and "2016" in digests[0].body
    assert result.sent == 2  # the digest and the focal point's "overdue"
    assert run(date(2017, 5, 7)).sent == 0  # same ISO week
    assert run(date(2017, 5, 8)).sent == 1  # next week's digest


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_once(lao, focal_point, monkeypatch):
    up_to_date(lao, 2015)
    barrier = threading.Barrier(2, timeout=10)
    original_plan = reminders_mail.plan

    def plan_then_wait(today):
        planned = original_plan(today)
        barrier.wait()  # both runs have decided what is due before either claims
        return planned

    monkeypatch.setattr(reminders_mail, "plan", plan_then_wait)
    results, errors = [], []

    def worker():
        try:
            results.append(run_reminders(SIXTY))
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert sorted(r.sent for r in results) == [0, 1]
    assert sorted(r.skipped for r in results) == [0, 1]
    assert len(mail.outbox) == 1
    assert Reminder.objects.count() == 1 and Reminder.objects.get().status == "sent"

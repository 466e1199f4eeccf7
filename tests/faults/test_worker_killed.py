"""A worker killed mid-send: the email is neither lost nor doubled.

The reminder's row is committed (claimed, `pending`) before the SMTP conversation starts. A real
`manage.py send_reminders` process is killed (SIGKILL) while its mail backend hangs; runs in the
next hour leave the row alone (the worker might still be sending), the first run after an hour
sends it exactly once."""

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.db import connection

from reports.models import Reminder
from reports.reminders_mail import run_reminders
from tests.reports.factories import ReportFactory

SIXTY = date(2017, 3, 1)
ROOT = Path(settings.BASE_DIR)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_killed_between_claim_and_send_then_sent_once(lao, focal_point, tmp_path):
    ReportFactory(state=lao, kind="initial", year=None, received_on=date(2011, 1, 10))
    for year in range(2010, 2016):
        ReportFactory(state=lao, year=year, received_on=date(year + 1, 3, 1))
    marker = tmp_path / "sending"
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "HANGING_MAIL_MARKER": str(marker),
        "PYTHONPATH": str(ROOT),
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "send_reminders", "--today", SIXTY.isoformat()],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert worker.poll() is None, worker.stdout.read().decode()
            assert time.monotonic() < deadline, "the worker never started sending"
            time.sleep(0.1)
        assert marker.read_text() == focal_point.email
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        worker.stdout.close()

    row = Reminder.objects.get()
    assert row.status == "pending" and row.sent_at is None  # claimed, committed, never marked sent

    with time_machine.travel(row.claimed_at + timedelta(minutes=30), tick=False):
        assert run_reminders(SIXTY).sent == 0  # maybe the dead worker's email is still on its way
    assert mail.outbox == []

    with time_machine.travel(row.claimed_at + timedelta(minutes=61), tick=False):
        result = run_reminders(SIXTY)
    assert (result.sent, result.failed) == (1, 0)
    assert [m.to for m in mail.outbox] == [[focal_point.email]]
    row.refresh_from_db()
    assert row.status == "sent"
    with time_machine.travel(row.claimed_at + timedelta(hours=3), tick=False):
        assert run_reminders(SIXTY).sent == 0
    assert len(mail.outbox) == 1 and Reminder.objects.count() == 1

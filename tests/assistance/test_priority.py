from datetime import date
from decimal import Decimal

import pytest

from assistance.models import Need, ProgressRecord
from assistance.priority import explain, months_until, outlook, urgency_points
from assistance.progress import record_progress
from tests.assistance.factories import NeedFactory, PledgeFactory, ProgressRecordFactory
from tests.factories import ExtensionRequestFactory, ObligationFactory

TODAY = date(2024, 6, 15)


@pytest.mark.parametrize(
    ("deadline", "points"),
    [
        (None, 0),
        (date(2020, 1, 1), 50),
        (date(2025, 6, 15), 50),
        (date(2025, 6, 16), 35),
        (date(2027, 6, 15), 20),
        (date(2027, 6, 16), 10),
    ],
)
def test_urgency_points(deadline, points):
    assert urgency_points(TODAY, deadline) == points


def test_months_until():
    assert months_until(TODAY, date(2025, 6, 15)) == 12
    assert months_until(TODAY, date(2025, 6, 14)) == 11
    assert months_until(TODAY, date(2024, 5, 15)) == -1
    assert months_until(TODAY, None) is None


def test_sql_and_python_priority_agree(lao, donor):
    obligation = ObligationFactory(state=lao, article=4)  # deadline 2020-08-01: passed
    ExtensionRequestFactory(
        obligation=obligation, status="granted", decided_on=date(2019, 9, 4), granted_deadline=date(2025, 8, 1)
    )
    ProgressRecordFactory(
        obligation=obligation, year=2022, remaining=Decimal("1000000"), done_in_year=Decimal("300000")
    )
    ProgressRecordFactory(obligation=obligation, year=2023, remaining=Decimal("200000"), done_in_year=Decimal("300000"))
    close = NeedFactory(state=lao, obligation=obligation, amount_requested=Decimal("1000"))
    PledgeFactory(need=close, donor=donor, amount=Decimal("250"))
    plain = NeedFactory(state=lao, article=5, own_deadline=date(2030, 1, 1), amount_requested=Decimal("3"))
    PledgeFactory(need=plain, donor=donor, amount=Decimal("1"))
    funded = NeedFactory(state=lao, article=9, amount_requested=Decimal("10"))
    PledgeFactory(need=funded, donor=donor, amount=Decimal("10"))
    closed = NeedFactory(state=lao, article=9, closed_on=date(2024, 6, 1))
    expected = {close.pk: Decimal("77.5"), plain.pk: Decimal("30.0"), funded.pk: Decimal("0"), closed.pk: Decimal("0")}
    for need in Need.objects.with_funding(TODAY):
        explained = explain(need, TODAY)
        assert need.priority == explained.score == expected[need.pk], need.title
        assert sum(points for points, _reason in explained.reasons) == explained.score
    close_explained = explain(Need.objects.with_funding(TODAY).get(pk=close.pk), TODAY)
    assert [p for p, _r in close_explained.reasons] == [Decimal(35), Decimal("22.5"), Decimal(20)]
    assert "2025-08-01" in close_explained.reasons[0][1]


def test_outlook_projection_and_risk(lao):
    obligation = ObligationFactory(state=lao, article=4)  # current deadline 2020-08-01
    records = [
        ProgressRecordFactory(obligation=obligation, year=2021, remaining=Decimal("900"), done_in_year=Decimal("100")),
        ProgressRecordFactory(obligation=obligation, year=2022, remaining=Decimal("700"), done_in_year=Decimal("200")),
        ProgressRecordFactory(obligation=obligation, year=2023, remaining=Decimal("600"), done_in_year=Decimal("300")),
    ]
    result = outlook(obligation, records)
    assert result.yearly_rate == Decimal(200)  # (100 + 200 + 300) / 3
    assert result.projected_completion == date(2026, 12, 31)  # 600 / 200 = 3 years after end of 2023
    assert result.at_risk is True
    assert result.close_to_completion is False
    assert "2026-12-31" in result.explanation and "at risk" in result.explanation


def test_close_to_completion_and_no_progress(lao):
    obligation = ObligationFactory(state=lao, article=3)
    records = [
        ProgressRecordFactory(
            obligation=obligation, year=2022, remaining=Decimal("5000"), done_in_year=Decimal("0"), unit="munitions"
        ),
        ProgressRecordFactory(
            obligation=obligation, year=2023, remaining=Decimal("400"), done_in_year=Decimal("0"), unit="munitions"
        ),
    ]
    result = outlook(obligation, records)
    assert result.close_to_completion is True  # 400 <= 5000 / 10
    assert result.projected_completion is None and result.at_risk is True
    assert outlook(obligation, []).explanation == "No progress figures yet."


def test_record_progress_for_the_reports_app(lao):
    obligation = ObligationFactory(state=lao, article=4)
    record = record_progress(obligation, 2023, Decimal("500"), Decimal("100"))
    assert (record.unit, record.source) == ("m2", "article7")
    record_progress(obligation, 2023, Decimal("450"), Decimal("150"))
    assert ProgressRecord.objects.get().remaining == Decimal("450")
    record_progress(obligation, 2023, Decimal("400"), Decimal("200"), source="isu")
    record_progress(obligation, 2023, Decimal("1"), Decimal("1"))  # Article 7 never overwrites the ISU's figure
    assert ProgressRecord.objects.get().remaining == Decimal("400")
    with pytest.raises(Exception) as error:
        record_progress(ObligationFactory(state=lao, article=7), 2023, Decimal(1), Decimal(1))
    assert "obligation" in error.value.message_dict


def test_progress_api_is_isu_written(isu_client, donor_client, lao, donor_user):
    obligation = ObligationFactory(state=lao, article=4)
    payload = {"obligation": obligation.pk, "year": 2023, "remaining": "10", "done_in_year": "5", "unit": "m2"}
    assert donor_client.post("/api/v1/progress/", payload).status_code == 403
    assert isu_client.post("/api/v1/progress/", payload).status_code == 201
    assert isu_client.post("/api/v1/progress/", payload).status_code == 400  # one per year
    bad = {**payload, "year": 2022, "unit": "munitions"}
    assert isu_client.post("/api/v1/progress/", bad).json().keys() == {"unit"}

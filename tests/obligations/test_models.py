"""Obligation, ExtensionRequest and Meeting: the model rules and the derived deadlines."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from obligations.models import ExtensionRequest, ExtensionStatus, Meeting, Obligation, ObligationStatus
from states.models import TreatyStatus
from tests.factories import ExtensionRequestFactory, MeetingFactory, ObligationFactory, StateFactory

pytestmark = pytest.mark.django_db


def _errors(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        instance.full_clean()
    return exc.value.message_dict


@pytest.fixture
def nmsp(db):
    """The Ninth Meeting of States Parties, Geneva, 2-4 September 2019."""
    return MeetingFactory(code="9MSP", start_date=date(2019, 9, 2), end_date=date(2019, 9, 4))


@pytest.fixture
def clearance(lao):
    return ObligationFactory(state=lao, article=4)


@pytest.fixture
def stockpiles(lao):
    return ObligationFactory(state=lao, article=3)


class TestObligationDeadlines:
    @pytest.mark.parametrize(
        ("article", "deadline"),
        [(3, date(2018, 8, 1)), (4, date(2020, 8, 1)), (5, None), (7, date(2011, 1, 28)), (9, None)],
    )
    def test_original_deadline_by_article(self, lao, article, deadline):
        obligation = ObligationFactory(state=lao, article=article)
        obligation.refresh_from_db()
        assert obligation.original_deadline == deadline
        assert obligation.current_deadline == deadline

    @pytest.mark.parametrize(
        ("deposit", "due"),
        [
            # Article 7: EIF + 180 days (domain.md §6)
            (date(2023, 2, 10), date(2024, 1, 28)),  # EIF 2023-08-01
            (date(2023, 8, 15), date(2024, 7, 30)),  # EIF 2024-02-01
            (date(2013, 3, 26), date(2014, 2, 28)),  # EIF 2013-09-01
        ],
    )
    def test_initial_report_due(self, deposit, due):
        state = StateFactory(iso3="XYZ", signature_date=None, deposit_date=deposit, instrument="accession")
        assert ObligationFactory(state=state, article=7).original_deadline == due

    def test_hostilities_after_eif_move_the_article_4_deadline(self, lao):
        obligation = ObligationFactory(state=lao, article=4, hostilities_ended_on=date(2015, 6, 30))
        obligation.refresh_from_db()
        assert obligation.original_deadline == date(2025, 6, 30)
        assert obligation.current_deadline == date(2025, 6, 30)

    def test_hostilities_ending_on_29_february(self, lao):
        obligation = ObligationFactory(state=lao, article=4, hostilities_ended_on=date(2012, 2, 29))
        assert obligation.original_deadline == date(2022, 2, 28)

    def test_deadlines_cannot_be_typed_in(self, lao):
        obligation = ObligationFactory(
            state=lao, article=4, original_deadline=date(2099, 1, 1), current_deadline=date(2099, 1, 1)
        )
        obligation.refresh_from_db()
        assert obligation.original_deadline == date(2020, 8, 1)
        assert obligation.current_deadline == date(2020, 8, 1)


class TestObligationClean:
    def test_a_valid_obligation(self, lao):
        Obligation(state=lao, article=4).full_clean()

    def test_the_state_must_be_a_party(self):
        signatory = StateFactory(iso3="AGO", status=TreatyStatus.SIGNATORY, deposit_date=None, instrument="")
        assert list(_errors(Obligation(state=signatory, article=4))) == ["state"]

    def test_hostilities_only_under_article_4(self, lao):
        errors = _errors(Obligation(state=lao, article=3, hostilities_ended_on=date(2015, 1, 1)))
        assert "hostilities_ended_on" in errors

    def test_hostilities_must_end_after_entry_into_force(self, lao):
        errors = _errors(Obligation(state=lao, article=4, hostilities_ended_on=date(2010, 7, 31)))
        assert list(errors) == ["hostilities_ended_on"]
        assert "2010-08-01" in errors["hostilities_ended_on"][0]

    def test_hostilities_ending_on_entry_into_force_is_valid(self, lao):
        Obligation(state=lao, article=4, hostilities_ended_on=date(2010, 8, 1)).full_clean()

    def test_completed_needs_completed_on(self, lao):
        errors = _errors(Obligation(state=lao, article=3, status=ObligationStatus.COMPLETED))
        assert list(errors) == ["completed_on"]

    def test_active_with_completed_on_is_refused(self, lao):
        errors = _errors(Obligation(state=lao, article=3, completed_on=date(2015, 1, 1)))
        assert list(errors) == ["status"]

    def test_completion_before_entry_into_force_is_refused(self, lao):
        errors = _errors(
            Obligation(state=lao, article=3, status=ObligationStatus.COMPLETED, completed_on=date(2010, 7, 31))
        )
        assert list(errors) == ["completed_on"]

    def test_completed_with_date_is_valid(self, lao):
        Obligation(state=lao, article=3, status=ObligationStatus.COMPLETED, completed_on=date(2015, 1, 1)).full_clean()

    def test_national_measures_only_under_article_9(self, lao):
        errors = _errors(Obligation(state=lao, article=4, national_measures="existing_law"))
        assert list(errors) == ["national_measures"]

    def test_legislation_date_only_for_specific_legislation(self, lao):
        errors = _errors(
            Obligation(state=lao, article=9, national_measures="existing_law", legislation_adopted_on=date(2012, 1, 1))
        )
        assert list(errors) == ["legislation_adopted_on"]
        Obligation(
            state=lao, article=9, national_measures="specific_legislation", legislation_adopted_on=date(2012, 1, 1)
        ).full_clean()

    def test_one_obligation_per_state_and_article(self, lao):
        ObligationFactory(state=lao, article=4)
        errors = _errors(Obligation(state=lao, article=4))
        assert errors == {"__all__": ["This state already has an obligation under this article."]}

    def test_the_database_refuses_a_duplicate(self, lao):
        ObligationFactory(state=lao, article=4)
        with pytest.raises(IntegrityError), transaction.atomic():
            Obligation.objects.create(state=lao, article=4)

    def test_another_state_may_have_the_same_article(self, lao, other_state):
        ObligationFactory(state=lao, article=4)
        Obligation(state=other_state, article=4).full_clean()

    def test_article_4_per_hostilities(self, lao):
        ObligationFactory(state=lao, article=4)
        ObligationFactory(state=lao, article=4, hostilities_ended_on=date(2015, 6, 30))
        Obligation(state=lao, article=4, hostilities_ended_on=date(2016, 6, 30)).full_clean()
        errors = _errors(Obligation(state=lao, article=4, hostilities_ended_on=date(2015, 6, 30)))
        assert errors == {"__all__": ["This state already has an obligation for these hostilities."]}

    def test_database_checks(self, lao):
        with pytest.raises(IntegrityError), transaction.atomic():
            Obligation.objects.create(state=lao, article=3, status="completed")
        with pytest.raises(IntegrityError), transaction.atomic():
            Obligation.objects.create(state=lao, article=3, hostilities_ended_on=date(2015, 1, 1))


class TestMeeting:
    def test_extension_request_due_is_nine_months_before(self, nmsp):
        assert nmsp.extension_request_due == date(2018, 12, 2)

    def test_extension_request_due_clamps_to_the_month_end(self):
        meeting = MeetingFactory(code="XMSP", start_date=date(2020, 11, 30))
        assert meeting.extension_request_due == date(2020, 2, 29)

    def test_no_date_no_due_date(self):
        assert MeetingFactory(code="14MSP", start_date=None, end_date=None).extension_request_due is None

    def test_a_meeting_cannot_end_before_it_starts(self):
        meeting = Meeting(code="XMSP", name="X", kind="msp", start_date=date(2019, 9, 2), end_date=date(2019, 9, 1))
        assert list(_errors(meeting)) == ["end_date"]
        with pytest.raises(IntegrityError), transaction.atomic():
            meeting.save()


class TestDecidingMeeting:
    @pytest.fixture
    def calendar(self, db):
        return [
            MeetingFactory(code="8MSP", start_date=date(2018, 9, 3)),
            MeetingFactory(code="9MSP", start_date=date(2019, 9, 2)),
            MeetingFactory(code="2RC-1", start_date=date(2020, 11, 25)),
            MeetingFactory(code="14MSP", start_date=None, end_date=None),
        ]

    def test_last_meeting_before_the_deadline(self, calendar, clearance):
        assert clearance.deciding_meeting().code == "9MSP"
        assert clearance.deciding_meeting(calendar).code == "9MSP"
        assert clearance.extension_request_due == date(2018, 12, 2)

    def test_a_meeting_on_the_deadline_is_too_late(self, lao):
        MeetingFactory(code="9MSP", start_date=date(2019, 9, 2))
        MeetingFactory(code="XMSP", start_date=date(2020, 8, 1))
        assert ObligationFactory(state=lao, article=4).deciding_meeting().code == "9MSP"

    def test_none_without_meetings_before(self, lao):
        MeetingFactory(code="XMSP", start_date=date(2021, 9, 1))
        obligation = ObligationFactory(state=lao, article=4)
        assert obligation.deciding_meeting() is None
        assert obligation.extension_request_due is None

    def test_none_for_a_completed_obligation(self, calendar, lao):
        obligation = ObligationFactory(state=lao, article=4, status="completed", completed_on=date(2017, 1, 1))
        assert obligation.deciding_meeting() is None

    def test_none_for_articles_without_extensions(self, calendar, lao):
        assert ObligationFactory(state=lao, article=7).deciding_meeting() is None
        assert ObligationFactory(state=lao, article=5).deciding_meeting() is None

    def test_follows_the_current_deadline(self, calendar, clearance):
        MeetingFactory(code="12MSP", start_date=date(2024, 9, 16))
        ExtensionRequestFactory(
            obligation=clearance, status="granted", decided_on=date(2019, 9, 4), granted_deadline=date(2025, 8, 1)
        )
        clearance.refresh_from_db()
        assert clearance.deciding_meeting().code == "12MSP"
        assert clearance.extension_request_due == date(2023, 12, 16)


class TestExtensionRequestClean:
    def test_only_articles_3_and_4(self, lao):
        for article in (5, 7, 9):
            obligation = ObligationFactory(state=lao, article=article)
            errors = _errors(ExtensionRequest(obligation=obligation, requested_deadline=date(2030, 1, 1)))
            assert list(errors) == ["obligation"]

    def test_a_valid_submitted_request(self, clearance):
        ExtensionRequest(
            obligation=clearance, submitted_on=date(2018, 11, 1), requested_deadline=date(2025, 8, 1)
        ).full_clean()

    @pytest.mark.parametrize("field", ["requested_deadline", "granted_deadline"])
    def test_must_be_later_than_the_deadline(self, clearance, field):
        values = {"status": "granted", "decided_on": date(2019, 9, 4)} if field == "granted_deadline" else {}
        errors = _errors(ExtensionRequest(obligation=clearance, **{field: date(2020, 8, 1)}, **values))
        assert errors == {field: ["Must be later than the current deadline (2020-08-01)."]}

    @pytest.mark.parametrize("field", ["requested_deadline", "granted_deadline"])
    def test_article_4_at_most_five_years(self, clearance, field):
        values = {"status": "granted", "decided_on": date(2019, 9, 4)} if field == "granted_deadline" else {}
        errors = _errors(ExtensionRequest(obligation=clearance, **{field: date(2025, 8, 2)}, **values))
        assert errors == {field: ["One extension is at most 5 years under Article 4: 2025-08-01 at the latest."]}
        ExtensionRequest(obligation=clearance, **{field: date(2025, 8, 1)}, **values).full_clean()

    def test_article_3_at_most_four_years(self, stockpiles):
        errors = _errors(ExtensionRequest(obligation=stockpiles, requested_deadline=date(2022, 8, 2)))
        assert errors == {
            "requested_deadline": ["One extension is at most 4 years under Article 3: 2022-08-01 at the latest."]
        }
        ExtensionRequest(obligation=stockpiles, requested_deadline=date(2022, 8, 1)).full_clean()

    def test_granted_needs_decision_date_and_deadline(self, clearance):
        errors = _errors(ExtensionRequest(obligation=clearance, status="granted"))
        assert set(errors) == {"decided_on", "granted_deadline"}

    def test_refused_needs_a_decision_date(self, clearance):
        assert list(_errors(ExtensionRequest(obligation=clearance, status="refused"))) == ["decided_on"]

    def test_submitted_has_no_decision_date(self, clearance):
        errors = _errors(ExtensionRequest(obligation=clearance, decided_on=date(2019, 9, 4)))
        assert list(errors) == ["decided_on"]

    def test_refused_has_no_granted_deadline(self, clearance):
        errors = _errors(
            ExtensionRequest(
                obligation=clearance, status="refused", decided_on=date(2019, 9, 4), granted_deadline=date(2025, 8, 1)
            )
        )
        assert list(errors) == ["granted_deadline"]

    def test_decision_before_request_is_refused(self, clearance):
        errors = _errors(
            ExtensionRequest(
                obligation=clearance,
                submitted_on=date(2019, 1, 1),
                status="refused",
                decided_on=date(2018, 12, 31),
            )
        )
        assert list(errors) == ["decided_on"]

    def test_decision_before_the_meeting_opens_is_refused(self, clearance, nmsp):
        errors = _errors(
            ExtensionRequest(
                obligation=clearance,
                meeting=nmsp,
                status="granted",
                decided_on=date(2019, 9, 1),
                granted_deadline=date(2025, 8, 1),
            )
        )
        assert list(errors) == ["decided_on"]

    def test_a_second_extension_counts_from_the_first(self, clearance):
        ExtensionRequestFactory(
            obligation=clearance, status="granted", decided_on=date(2019, 9, 4), granted_deadline=date(2025, 8, 1)
        )
        errors = _errors(ExtensionRequest(obligation=clearance, requested_deadline=date(2030, 8, 2)))
        assert errors == {
            "requested_deadline": ["One extension is at most 5 years under Article 4: 2030-08-01 at the latest."]
        }
        errors = _errors(ExtensionRequest(obligation=clearance, requested_deadline=date(2025, 8, 1)))
        assert errors == {"requested_deadline": ["Must be later than the current deadline (2025-08-01)."]}
        ExtensionRequest(obligation=clearance, requested_deadline=date(2030, 8, 1)).full_clean()


class TestExtensionMovesTheDeadline:
    def _grant(self, obligation, granted, decided=date(2019, 9, 4), **kwargs):
        request = ExtensionRequest(
            obligation=obligation, status="granted", decided_on=decided, granted_deadline=granted, **kwargs
        )
        request.full_clean()
        request.save()
        return request

    def test_granting_moves_the_current_deadline(self, clearance):
        request = self._grant(clearance, date(2025, 8, 1), requested_deadline=date(2025, 8, 1))
        clearance.refresh_from_db()
        assert clearance.original_deadline == date(2020, 8, 1)
        assert clearance.current_deadline == date(2025, 8, 1)
        assert request.previous_deadline == date(2020, 8, 1)

    def test_a_submitted_request_moves_nothing(self, clearance):
        ExtensionRequestFactory(obligation=clearance, requested_deadline=date(2025, 8, 1))
        clearance.refresh_from_db()
        assert clearance.current_deadline == date(2020, 8, 1)

    def test_a_shorter_grant_is_stored_as_given(self, stockpiles):
        # Bulgaria-like: asked for four years, got fifteen months.
        request = self._grant(stockpiles, date(2019, 11, 1), requested_deadline=date(2022, 8, 1))
        request.refresh_from_db()
        stockpiles.refresh_from_db()
        assert request.requested_deadline == date(2022, 8, 1)
        assert request.granted_deadline == date(2019, 11, 1)
        assert stockpiles.current_deadline == date(2019, 11, 1)

    def test_refusing_moves_it_back(self, clearance):
        request = self._grant(clearance, date(2025, 8, 1))
        request.status = ExtensionStatus.REFUSED
        request.granted_deadline = None
        request.full_clean()
        request.save()
        clearance.refresh_from_db()
        assert clearance.current_deadline == date(2020, 8, 1)

    def test_deleting_moves_it_back(self, clearance):
        request = self._grant(clearance, date(2025, 8, 1))
        request.delete()
        clearance.refresh_from_db()
        assert clearance.current_deadline == date(2020, 8, 1)

    def test_the_latest_decision_wins(self, clearance):
        first = self._grant(clearance, date(2022, 9, 1), decided=date(2020, 11, 26))
        second = self._grant(clearance, date(2023, 9, 1), decided=date(2022, 8, 30))
        clearance.refresh_from_db()
        assert clearance.current_deadline == date(2023, 9, 1)
        assert second.previous_deadline == date(2022, 9, 1)
        second.delete()
        clearance.refresh_from_db()
        assert clearance.current_deadline == date(2022, 9, 1)
        first.delete()
        clearance.refresh_from_db()
        assert clearance.current_deadline == date(2020, 8, 1)


class TestIsLate:
    @pytest.mark.parametrize(
        ("submitted", "late"),
        [(date(2018, 12, 1), False), (date(2018, 12, 2), False), (date(2018, 12, 3), True), (None, False)],
    )
    def test_nine_months_before_the_meeting(self, clearance, nmsp, submitted, late):
        request = ExtensionRequestFactory(obligation=clearance, meeting=nmsp, submitted_on=submitted)
        assert request.is_late is late

    def test_no_meeting_is_never_late(self, clearance):
        assert (
            ExtensionRequestFactory(obligation=clearance, meeting=None, submitted_on=date(2019, 9, 1)).is_late is False
        )

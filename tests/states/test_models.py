"""State: the model rules (clean), the derived dates (Article 17, Article 20) and the history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from obligations.models import Obligation
from states.models import State, TreatyStatus
from tests.factories import ObligationFactory, StateFactory

pytestmark = pytest.mark.django_db


def _state(**kwargs) -> State:
    values = {
        "iso3": "TST",
        "name": "Testland",
        "region": "asia",
        "status": TreatyStatus.PARTY,
        "signature_date": date(2008, 12, 3),
        "deposit_date": date(2009, 3, 18),
        "instrument": "ratification",
    }
    values.update(kwargs)
    return State(**values)


def _errors(state: State) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        state.full_clean()
    return exc.value.message_dict


class TestClean:
    def test_a_complete_party_is_valid(self):
        _state().full_clean()

    def test_a_signatory_without_deposit_is_valid(self):
        _state(status=TreatyStatus.SIGNATORY, deposit_date=None, instrument="").full_clean()

    def test_a_non_signatory_without_dates_is_valid(self):
        _state(status=TreatyStatus.NON_SIGNATORY, signature_date=None, deposit_date=None, instrument="").full_clean()

    def test_a_party_needs_a_deposit_date(self):
        errors = _errors(_state(deposit_date=None, instrument=""))
        assert list(errors) == ["deposit_date"]

    def test_a_withdrawn_state_needs_a_deposit_date(self):
        errors = _errors(
            _state(status=TreatyStatus.WITHDRAWN, deposit_date=None, instrument="", withdrawal_date=date(2024, 9, 6))
        )
        assert "deposit_date" in errors

    def test_a_signatory_with_a_deposit_date_is_refused(self):
        errors = _errors(_state(status=TreatyStatus.SIGNATORY))
        assert list(errors) == ["status"]

    def test_a_non_signatory_with_a_deposit_date_is_refused(self):
        assert "status" in _errors(_state(status=TreatyStatus.NON_SIGNATORY))

    def test_a_signatory_needs_a_signature_date(self):
        errors = _errors(_state(status=TreatyStatus.SIGNATORY, signature_date=None, deposit_date=None, instrument=""))
        assert list(errors) == ["signature_date"]

    def test_a_deposit_names_its_instrument(self):
        assert list(_errors(_state(instrument=""))) == ["instrument"]

    def test_deposit_before_signature_is_refused(self):
        errors = _errors(_state(signature_date=date(2009, 1, 1), deposit_date=date(2008, 12, 31)))
        assert list(errors) == ["deposit_date"]

    def test_deposit_on_the_signature_day_is_valid(self):
        _state(signature_date=date(2008, 12, 3), deposit_date=date(2008, 12, 3)).full_clean()

    def test_accession_without_signature_is_valid(self):
        _state(signature_date=None, deposit_date=date(2013, 4, 9), instrument="accession").full_clean()

    def test_withdrawal_without_deposit_is_refused(self):
        errors = _errors(
            _state(status=TreatyStatus.SIGNATORY, deposit_date=None, instrument="", withdrawal_date=date(2024, 9, 6))
        )
        assert list(errors) == ["withdrawal_date"]

    def test_withdrawal_before_deposit_is_refused(self):
        errors = _errors(
            _state(status=TreatyStatus.WITHDRAWN, deposit_date=date(2011, 3, 24), withdrawal_date=date(2011, 3, 23))
        )
        assert list(errors) == ["withdrawal_date"]

    def test_a_withdrawn_state_needs_a_withdrawal_date(self):
        assert list(_errors(_state(status=TreatyStatus.WITHDRAWN))) == ["withdrawal_date"]

    def test_a_withdrawn_state_with_its_dates_is_valid(self):
        _state(
            status=TreatyStatus.WITHDRAWN, deposit_date=date(2011, 3, 24), withdrawal_date=date(2024, 9, 6)
        ).full_clean()

    def test_unknown_region_is_refused(self):
        assert "region" in _errors(_state(region="mars"))

    def test_clean_uppercases_iso3(self):
        state = _state(iso3="tst")
        state.full_clean()
        assert state.iso3 == "TST"

    def test_duplicate_iso3_is_refused(self):
        StateFactory(iso3="TST")
        assert "iso3" in _errors(_state(iso3="TST"))


class TestDatabaseConstraints:
    def test_iso3_must_be_three_capitals(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            _state(iso3="ts1").save()

    def test_a_party_without_deposit_cannot_be_saved(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            _state(deposit_date=None).save()


class TestEntryIntoForce:
    @pytest.mark.parametrize(
        ("deposit", "eif"),
        [
            (date(2008, 12, 3), date(2010, 8, 1)),  # among the first 30
            (date(2009, 3, 18), date(2010, 8, 1)),
            (date(2010, 2, 16), date(2010, 8, 1)),  # the thirtieth instrument
            (date(2010, 2, 17), date(2010, 8, 1)),  # first day of the sixth month after February
            (date(2010, 3, 1), date(2010, 9, 1)),
            (date(2010, 7, 31), date(2011, 1, 1)),
            (date(2010, 11, 5), date(2011, 5, 1)),  # domain.md
            (date(2011, 4, 6), date(2011, 10, 1)),  # domain.md
            (date(2012, 9, 26), date(2013, 3, 1)),  # domain.md
        ],
    )
    def test_entry_into_force_is_derived_on_save(self, deposit, eif):
        state = _state(signature_date=None, deposit_date=deposit)
        state.save()
        state.refresh_from_db()
        assert state.entry_into_force == eif

    def test_no_deposit_no_entry_into_force(self):
        state = _state(status=TreatyStatus.SIGNATORY, deposit_date=None, instrument="")
        state.save()
        assert state.entry_into_force is None

    def test_a_typed_entry_into_force_is_overwritten(self):
        state = _state(entry_into_force=date(1999, 1, 1))
        state.save()
        assert State.objects.get(pk=state.pk).entry_into_force == date(2010, 8, 1)

    def test_withdrawal_takes_effect_six_months_after_receipt(self):
        state = _state(
            iso3="LTU", status=TreatyStatus.WITHDRAWN, deposit_date=date(2011, 3, 24), withdrawal_date=date(2024, 9, 6)
        )
        state.save()
        state.refresh_from_db()
        assert state.entry_into_force == date(2011, 9, 1)
        assert state.withdrawal_effective_on == date(2025, 3, 6)

    def test_withdrawal_on_31_august_takes_effect_at_the_end_of_february(self):
        state = _state(status=TreatyStatus.WITHDRAWN, withdrawal_date=date(2023, 8, 31))
        state.save()
        assert state.withdrawal_effective_on == date(2024, 2, 29)

    def test_is_party_on(self):
        state = _state(status=TreatyStatus.WITHDRAWN, deposit_date=date(2011, 3, 24), withdrawal_date=date(2024, 9, 6))
        state.save()
        assert not state.is_party_on(date(2011, 8, 31))
        assert state.is_party_on(date(2011, 9, 1))
        assert state.is_party_on(date(2025, 3, 5))
        assert not state.is_party_on(date(2025, 3, 6))

    def test_parties_queryset(self):
        bound = StateFactory(iso3="AAA", deposit_date=date(2009, 3, 18))
        later = StateFactory(iso3="BBB", deposit_date=date(2012, 9, 26))
        gone = StateFactory(
            iso3="CCC", status=TreatyStatus.WITHDRAWN, deposit_date=date(2011, 3, 24), withdrawal_date=date(2024, 9, 6)
        )
        StateFactory(iso3="DDD", status=TreatyStatus.SIGNATORY, deposit_date=None, instrument="")
        assert set(State.objects.parties()) == {bound, later}
        assert set(State.objects.parties(on=date(2013, 2, 28))) == {bound, gone}
        assert set(State.objects.parties(on=date(2013, 3, 1))) == {bound, later, gone}
        assert set(State.objects.parties(on=date(2025, 3, 6))) == {bound, later}


class TestCorrectedDepositMovesDeadlines:
    def test_obligations_follow_a_corrected_deposit_date(self):
        state = StateFactory(iso3="PER", deposit_date=date(2012, 9, 26), signature_date=date(2008, 12, 3))
        art3 = ObligationFactory(state=state, article=3)
        art4 = ObligationFactory(state=state, article=4)
        art7 = ObligationFactory(state=state, article=7)
        assert art3.original_deadline == date(2021, 3, 1)
        assert art7.original_deadline == date(2013, 8, 28)

        state.deposit_date = date(2011, 4, 6)  # EIF 2011-10-01
        state.save()

        art3, art4, art7 = (Obligation.objects.get(pk=o.pk) for o in (art3, art4, art7))
        assert (art3.original_deadline, art3.current_deadline) == (date(2019, 10, 1), date(2019, 10, 1))
        assert (art4.original_deadline, art4.current_deadline) == (date(2021, 10, 1), date(2021, 10, 1))
        assert (art7.original_deadline, art7.current_deadline) == (date(2012, 3, 29), date(2012, 3, 29))

    def test_a_granted_extension_survives_the_correction(self):
        state = StateFactory(iso3="LAO", deposit_date=date(2009, 3, 18))
        art4 = ObligationFactory(state=state, article=4)
        art4.extension_requests.create(
            requested_deadline=date(2025, 8, 1),
            status="granted",
            decided_on=date(2019, 9, 4),
            granted_deadline=date(2025, 8, 1),
        )
        state.deposit_date = date(2010, 2, 10)  # still among the first 30
        state.name = "Lao PDR"
        state.save()
        art4.refresh_from_db()
        assert (art4.original_deadline, art4.current_deadline) == (date(2020, 8, 1), date(2025, 8, 1))


class TestHistory:
    def test_status_changes_are_kept(self):
        state = _state(status=TreatyStatus.SIGNATORY, deposit_date=None, instrument="")
        state.save()
        state.status = TreatyStatus.PARTY
        state.deposit_date = date(2012, 9, 26)
        state.instrument = "ratification"
        state.save()
        statuses = list(state.history.order_by("history_date").values_list("status", flat=True))
        assert statuses == ["signatory", "party"]

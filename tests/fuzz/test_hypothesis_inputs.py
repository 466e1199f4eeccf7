"""Hypothesis: importers and forms take any input without crashing.

import_states: any rows either import completely or raise ImportError_ whose every message
names a line (and column), with nothing changed; forms answer valid or invalid, never raise."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.forms import ThrottledAuthenticationForm, TOTPCodeForm
from assistance.forms import DisbursementForm, PledgeForm
from assistance.models import Pledge
from obligations.forms import ObligationForm
from states.importing import REQUIRED_COLUMNS, ImportError_, import_states
from states.models import State

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MESSAGE = re.compile(r"^line \d+(, column [a-z_0-9]+)?: ")

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
iso3 = st.one_of(st.sampled_from(["LAO", "BIH", "NOR", "AFG", "ZZZ", "lao", ""]), text)
status = st.one_of(st.sampled_from(["party", "signatory", "non_party", "withdrawn", ""]), text)
a_date = st.one_of(st.dates().map(str), st.sampled_from(["", "2010-02-30", "03/12/2008", "2008-12-3"]), text)
instrument = st.one_of(st.sampled_from(["ratification", "accession", "signature", ""]), text)
row = st.fixed_dictionaries(
    {
        "iso3": iso3,
        "name": st.one_of(st.sampled_from(["Lao PDR", "Norway", ""]), text),
        "status": status,
        "signature_date": a_date,
        "deposit_date": a_date,
        "instrument": instrument,
    }
)


def as_csv(rows: list[dict]) -> io.StringIO:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=REQUIRED_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    out.seek(0)
    return out


def snapshot() -> list[tuple]:
    return list(State.objects.order_by("iso3").values_list("iso3", "name", "status", "signature_date", "deposit_date"))


@pytest.mark.django_db
@SETTINGS
@given(rows=st.lists(row, max_size=6))
def test_import_states_all_or_nothing(rows):
    before = snapshot()
    try:
        with transaction.atomic():
            result = import_states(as_csv(rows))
    except ImportError_ as exc:
        assert exc.args or getattr(exc, "errors", None)
        messages = getattr(exc, "errors", None) or list(exc.args[0])
        assert messages and all(MESSAGE.match(m) for m in messages), messages
        assert snapshot() == before  # nothing changed
        return
    assert result is not None
    imported = {r["iso3"].strip().upper() for r in rows}
    assert imported <= set(State.objects.values_list("iso3", flat=True))


@pytest.mark.django_db
@SETTINGS
@given(data=st.dictionaries(st.sampled_from(ObligationForm.Meta.fields), text, max_size=9))
def test_obligation_form_never_raises(data, lao):
    form = ObligationForm(data=data)
    assert form.is_valid() in (True, False)
    if not form.is_valid():
        assert form.errors


@pytest.mark.django_db
@SETTINGS
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "amount": st.one_of(text, st.decimals(allow_nan=True, allow_infinity=True).map(str)),
            "currency": text,
            "pledged_on": a_date,
            "committed_on": a_date,
            "notes": text,
        },
    )
)
def test_pledge_and_disbursement_forms_never_raise(data, donor_user):
    assert PledgeForm(data=data, user=donor_user).is_valid() in (True, False)
    payment = {"date": data.get("pledged_on", ""), "amount": data.get("amount", "")}
    pledge = Pledge(currency="NOK", amount=Decimal("100"))  # the payment form names the pledge's currency
    assert DisbursementForm(data=payment, pledge=pledge).is_valid() in (True, False)
    with translation.override("fr"):  # amounts are read in the reader's language too
        assert DisbursementForm(data=payment, pledge=pledge).is_valid() in (True, False)


@pytest.mark.django_db
@SETTINGS
@given(username=text, password=text, code=text)
def test_login_and_code_forms_never_raise(rf, username, password, code):
    request = rf.post("/accounts/login/")
    assert ThrottledAuthenticationForm(request, data={"username": username, "password": password}).is_valid() is False
    assert TOTPCodeForm(data={"code": code}).is_valid() in (True, False)

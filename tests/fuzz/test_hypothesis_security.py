"""Hypothesis on the security helpers of issue 19: any text, any date, any password attempt."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.forms import ThrottledAdminAuthenticationForm, ThrottledAuthenticationForm
from core import csv_safe
from core.dates import EARLIEST, LATEST, PlausibleDateField
from core.text import CONTROL_CHARACTERS, validate_no_control_characters, without_control_characters

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@SETTINGS
@given(cells=st.lists(st.one_of(text, st.integers(), st.decimals(allow_nan=False, allow_infinity=False)), max_size=8))
def test_no_written_text_cell_starts_like_a_formula(cells):
    written = csv_safe.safe_row(cells)
    for value, cell in zip(cells, written, strict=True):
        if not isinstance(value, str):
            assert cell == value  # numbers stay numbers
        elif value.startswith(csv_safe.FORMULA_STARTS):
            assert cell == "'" + value
        else:
            assert cell == value


@SETTINGS
@given(value=text)
def test_control_characters_are_refused_exactly_when_present(value):
    bad = bool(CONTROL_CHARACTERS.search(value))
    try:
        validate_no_control_characters(value)
    except ValidationError:
        assert bad
    else:
        assert not bad
    assert not CONTROL_CHARACTERS.search(without_control_characters(value))


@SETTINGS
@given(day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_date_parameters_accept_exactly_the_plausible_range(day):
    field = PlausibleDateField(required=False)
    try:
        assert field.clean(day.isoformat()) == day
    except ValidationError:
        assert not EARLIEST <= day <= LATEST
    else:
        assert EARLIEST <= day <= LATEST


@pytest.mark.django_db
@SETTINGS
@given(value=st.one_of(st.dates().map(str), text))
def test_stats_as_of_is_200_or_400_never_500(anon_client, value):
    assert anon_client.get("/api/v1/stats/", {"as_of": value}).status_code in (200, 400)


@pytest.mark.django_db
@SETTINGS
@given(username=text, password=text)
def test_every_login_form_counts_and_never_raises(rf, username, password):
    for form_class in (ThrottledAuthenticationForm, ThrottledAdminAuthenticationForm):
        request = rf.post("/accounts/login/")
        assert form_class(request, data={"username": username, "password": password}).is_valid() is False

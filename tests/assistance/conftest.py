from datetime import date
from decimal import Decimal

import pytest
import time_machine

from tests.assistance.factories import ExchangeRateFactory

TODAY = date(2024, 6, 15)


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def rates(db):
    """EUR and NOK for 2023 and 2024 (USD per unit)."""
    return {
        ("EUR", 2023): ExchangeRateFactory(currency="EUR", year=2023, usd_per_unit=Decimal("1.08")),
        ("EUR", 2024): ExchangeRateFactory(currency="EUR", year=2024, usd_per_unit=Decimal("1.10")),
        ("NOK", 2024): ExchangeRateFactory(currency="NOK", year=2024, usd_per_unit=Decimal("0.095")),
    }


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

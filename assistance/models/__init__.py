"""The assistance app's models, one module per concern."""

from assistance.models.money import USD, ExchangeRate, MissingExchangeRate, to_usd
from assistance.models.needs import AssistanceType, Need, NeedQuerySet, NeedStatus
from assistance.models.partners import Capacity, CoalitionStatus, CountryCoalition, Experience
from assistance.models.pledges import (
    Disbursement,
    PlannedDisbursement,
    Pledge,
    PledgeQuerySet,
    PledgeStatus,
)
from assistance.models.progress import ProgressRecord, ProgressSource, ProgressUnit

__all__ = [
    "USD",
    "AssistanceType",
    "Capacity",
    "CoalitionStatus",
    "CountryCoalition",
    "Disbursement",
    "ExchangeRate",
    "Experience",
    "MissingExchangeRate",
    "Need",
    "NeedQuerySet",
    "NeedStatus",
    "PlannedDisbursement",
    "Pledge",
    "PledgeQuerySet",
    "PledgeStatus",
    "ProgressRecord",
    "ProgressSource",
    "ProgressUnit",
    "to_usd",
]

from datetime import date
from decimal import Decimal

import factory

from assistance.models import Capacity, ExchangeRate, Experience, Need, Pledge, ProgressRecord
from tests.factories import DonorFactory, StateFactory


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate
        django_get_or_create = ("currency", "year")

    currency = "EUR"
    year = 2024
    usd_per_unit = Decimal("1.10")


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need
        skip_postgeneration_save = True

    state = factory.SubFactory(StateFactory)
    article = 4
    title = factory.Sequence(lambda n: f"Survey and clearance, phase {n}")
    assistance_type = "financial"
    amount_requested = Decimal("100000.00")
    currency = "USD"
    submitted_on = date(2024, 3, 1)
    is_public = True


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge
        skip_postgeneration_save = True

    donor = factory.SubFactory(DonorFactory)
    need = factory.SubFactory(NeedFactory)
    state = factory.LazyAttribute(lambda p: p.need.state if p.need else StateFactory())
    article = factory.LazyAttribute(lambda p: p.need.article if p.need else 4)
    amount = Decimal("10000.00")
    currency = "USD"
    pledged_on = date(2024, 4, 1)


class CapacityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Capacity

    donor = factory.SubFactory(DonorFactory)
    title = "Survey teams"
    assistance_types = ["survey", "technical"]
    articles = [4]
    regions = ["asia"]


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experience

    state = factory.SubFactory(StateFactory)
    article = 4
    topic = "clearance"
    title = "How we completed clearance"
    body = "Land release by non-technical survey first."


class ProgressRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressRecord

    year = 2023
    remaining = Decimal("1000000")
    done_in_year = Decimal("200000")
    unit = "m2"

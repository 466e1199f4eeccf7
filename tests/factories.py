"""Factories for the lower layers. Higher apps add theirs in their own tests/<app>/factories.py."""

from datetime import date

import factory

from accounts.models import Donor, DonorKind, Role, User
from obligations.models import ExtensionRequest, Meeting, MeetingKind, Obligation
from states.models import State, TreatyStatus


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ("iso3",)
        skip_postgeneration_save = True

    iso3 = factory.Sequence(lambda n: "Q" + chr(65 + (n // 26) % 26) + chr(65 + n % 26))
    name = factory.Sequence(lambda n: f"Testland {n}")
    region = "asia"
    status = TreatyStatus.PARTY
    signature_date = date(2008, 12, 3)
    deposit_date = date(2009, 3, 18)  # among the first 30: entry into force 2010-08-01
    instrument = "ratification"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{n + 20}MSP")
    name = factory.LazyAttribute(lambda m: f"Meeting {m.code}")
    kind = MeetingKind.MSP
    start_date = date(2019, 9, 2)
    end_date = factory.LazyAttribute(lambda m: m.start_date)


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Obligation
        skip_postgeneration_save = True

    state = factory.SubFactory(StateFactory)
    article = 4


class ExtensionRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtensionRequest

    obligation = factory.SubFactory(ObligationFactory)
    submitted_on = date(2018, 11, 1)
    requested_deadline = date(2025, 8, 1)


class DonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donor
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Donor foundation {n}")
    kind = DonorKind.ORGANISATION


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = ""
    password = factory.PostGenerationMethodCall("set_password", "password")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def isu_user(**kwargs) -> User:
    return UserFactory(role=Role.ISU, is_staff=True, **kwargs)

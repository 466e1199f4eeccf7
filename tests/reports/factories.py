from datetime import date

import factory

from reports.models import Report
from tests.factories import StateFactory


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    state = factory.SubFactory(StateFactory)
    kind = "annual"
    year = 2016
    received_on = date(2017, 4, 28)

"""factory_boy factories of the measures."""

import datetime
from decimal import Decimal

import factory

from measures.models import (
    FieldOfAction,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureCost,
    MeasurePartner,
    Partner,
    Phase,
    ProgressUpdate,
    StaffCapacity,
)


class FieldOfActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfAction
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Handlungsfeld {n + 1}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partnerorganisation {n}")
    kind = Partner.Kind.ASSOCIATION

    @factory.post_generation
    def users(self, create, extracted, **kwargs):
        if create and extracted:
            self.users.add(*extracted)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    code = factory.Sequence(lambda n: f"T-{n:03d}")
    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    summary = "Eine Maßnahme für die Industrie in Aachen."
    field_of_action = factory.SubFactory(FieldOfActionFactory)
    status = Measure.Status.PLANNED


class MeasurePartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasurePartner

    measure = factory.SubFactory(MeasureFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = MeasurePartner.Role.IMPLEMENTING


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    measure = factory.SubFactory(MeasureFactory)
    title = factory.Sequence(lambda n: f"Phase {n}")
    order = 1
    start = datetime.date(2026, 1, 1)
    end = datetime.date(2026, 4, 1)
    person_days = 20


class MeasureCostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureCost

    measure = factory.SubFactory(MeasureFactory)
    year = 2026
    estimate = Decimal("1000.00")
    funding_source = "Haushalt FB 02"


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    measure = factory.SubFactory(MeasureFactory)
    text = "Es geht voran."


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    measure = factory.SubFactory(MeasureFactory)
    name = factory.Sequence(lambda n: f"Kennzahl {n}")
    unit = "Betriebe"
    target = Decimal("30")


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    value = Decimal("5")


class StaffCapacityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffCapacity
        django_get_or_create = ["quarter"]

    quarter = datetime.date(2026, 1, 1)
    person_days = 100

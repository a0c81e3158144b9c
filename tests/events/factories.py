"""Factories for events, registrations and the Woche der Mobilität. Companies, networks and
partners have one factory each, in the module of their app (imported here for the events' tests)."""

import datetime

import factory
from django.utils import timezone

from events.models import (
    Event,
    MobilityApplication,
    MobilityMatch,
    MobilityOffer,
    MobilityWeek,
    Registration,
)
from tests.companies.factories import CompanyFactory, NetworkFactory  # noqa: F401
from tests.measures.factories import PartnerFactory  # noqa: F401


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Unternehmerfrühstück {n}")
    format = Event.Format.BREAKFAST
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    venue = "Katschhof 1, Aachen"
    capacity = 20
    visibility = Event.Visibility.PUBLIC
    status = Event.Status.OPEN


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Faker("name", locale="de_DE")
    email = factory.Sequence(lambda n: f"gast{n}@example.org")
    company_name = "Musterwerk GmbH"
    status = Registration.Status.REGISTERED
    queued_at = factory.LazyFunction(timezone.now)


def _next_monday():
    today = timezone.localdate()
    return (
        today
        + datetime.timedelta(days=(7 - today.weekday()) % 7 or 7)
        + datetime.timedelta(days=28)
    )


class MobilityWeekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MobilityWeek
        django_get_or_create = ["year"]

    starts_on = factory.LazyFunction(_next_monday)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=4))
    year = factory.LazyAttribute(lambda o: o.starts_on.year)


class MobilityOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MobilityOffer

    week = factory.SubFactory(MobilityWeekFactory)
    host_company = factory.SubFactory(CompanyFactory)
    department = "Fertigung"
    description = "Einblick in die Zerspanung und die Qualitätssicherung."
    places = 2
    days = factory.LazyAttribute(lambda o: [day.isoformat() for day in o.week.days])


class MobilityApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MobilityApplication

    week = factory.SubFactory(MobilityWeekFactory)
    name = factory.Faker("name", locale="de_DE")
    email = factory.Sequence(lambda n: f"bewerbung{n}@example.org")
    home_company = factory.SubFactory(CompanyFactory)
    interests = "Lean Production"
    preferred_days = factory.LazyAttribute(lambda o: [day.isoformat() for day in o.week.days])


class MobilityMatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MobilityMatch

    offer = factory.SubFactory(MobilityOfferFactory)
    application = factory.SubFactory(
        MobilityApplicationFactory,
        week=factory.SelfAttribute("..offer.week"),
        status=MobilityApplication.Status.MATCHED,
    )
    days = factory.LazyAttribute(lambda o: o.offer.days[:2])

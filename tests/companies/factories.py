"""Factories of the company register."""

import datetime

import factory

from companies import wz2008
from companies.models import (
    Company,
    ContactLogEntry,
    ContactPerson,
    EmployeeCount,
    Need,
    Network,
    NetworkMembership,
    RiskSignal,
    Sector,
)


def sector(code="28.4"):
    """A WZ 2008 sector; loads the classification if a flushed test database lacks it."""
    wz2008.ensure_loaded(Sector)
    return Sector.objects.get(code=code)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Testwerk {n} GmbH")
    legal_form = "GmbH"
    register_number = factory.Sequence(lambda n: f"HRB {10000 + n}")
    sector = factory.LazyFunction(sector)
    street = factory.Sequence(lambda n: f"Industriestraße {n}")
    postal_code = "52068"
    district = "eilendorf"
    website = "https://www.example.org"
    founded_year = 1985


class EmployeeCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployeeCount

    company = factory.SubFactory(CompanyFactory)
    year = 2020
    employees = 80


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    company = factory.SubFactory(CompanyFactory)
    name = factory.Faker("name", locale="de_DE")
    function = "Geschäftsführung"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    phone = "0241 123456"
    consent_date = datetime.date(2024, 3, 1)
    consent_purpose = "Kontakt im Rahmen des Industrie-Dialogs"


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    company = factory.SubFactory(CompanyFactory)
    topic = Need.Topic.SKILLED_WORKERS
    description = "Fachkräfte für die Zerspanung gesucht"
    source = Need.Source.VISIT


class ContactLogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactLogEntry

    company = factory.SubFactory(CompanyFactory)
    kind = ContactLogEntry.Kind.VISIT
    summary = "Betriebsbesuch mit Rundgang"
    follow_up = "Kontakt zur Agentur für Arbeit vermitteln"
    follow_up_due = datetime.date(2030, 1, 15)


class RiskSignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskSignal

    company = factory.SubFactory(CompanyFactory)
    kind = RiskSignal.Kind.ORDER_SLUMP
    severity = 3
    source = "Gespräch mit der Geschäftsführung"
    note = "Großkunde aus der Automobilindustrie hat Aufträge storniert"


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ["name"]

    name = "Unternehmensnetzwerk Produktionstechnik"


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    company = factory.SubFactory(CompanyFactory)
    joined_on = datetime.date(2015, 1, 1)

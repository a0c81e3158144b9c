"""The large synthetic dataset of ``make bench``: a decade of data at city scale.

5,000 companies with 10 years of employee figures, 20,000 contact log entries, 2,000 risk
signals, 300 measures with 1,500 phases, 2,000 events with 40,000 registrations, 100 reports.
Bulk inserts; deterministic (fixed seed). Run as ``python bench/dataset.py``.
"""

import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialog.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402

from companies.models import (  # noqa: E402
    Company,
    ContactLogEntry,
    District,
    EmployeeCount,
    Need,
    RiskSignal,
    Sector,
)
from measures.models import FieldOfAction, Measure  # noqa: E402

COMPANIES = 5000
YEARS = range(date.today().year - 9, date.today().year + 1)
CONTACT_LOG = 20_000
RISK_SIGNALS = 2_000
MEASURES = 300
rng = random.Random(2014)


def load_companies():
    sectors = list(Sector.objects.filter(code__regex=r"^(1[0-9]|2[0-9]|3[0-3])$")) or [None]
    districts = District.values
    companies = Company.objects.bulk_create(
        Company(
            name=f"Benchmark Fertigung {n:05d} GmbH",
            legal_form="GmbH",
            register_number=f"HRB B{n:05d}",
            sector=rng.choice(sectors),
            street=f"Industriestraße {n % 300 + 1}",
            postal_code="52070",
            district=rng.choice(districts),
            founded_year=rng.randint(1900, 2020),
        )
        for n in range(COMPANIES)
    )
    EmployeeCount.objects.bulk_create(
        (
            EmployeeCount(company=company, year=year, employees=rng.randint(3, 900))
            for company in companies
            for year in YEARS
        ),
        batch_size=5000,
    )
    staff = get_user_model().objects.get(email="verwaltung@example.org")
    ContactLogEntry.objects.bulk_create(
        (
            ContactLogEntry(
                company=rng.choice(companies),
                kind=rng.choice(ContactLogEntry.Kind.values),
                date=date.today() - timedelta(days=rng.randint(0, 3650)),
                staff_member=staff,
                summary="Gespräch über Fachkräfte, Flächen und Energiekosten.",
            )
            for _ in range(CONTACT_LOG)
        ),
        batch_size=5000,
    )
    RiskSignal.objects.bulk_create(
        (
            RiskSignal(
                company=rng.choice(companies),
                kind=rng.choice(RiskSignal.Kind.values),
                severity=rng.randint(1, 5),
                observed_on=date.today() - timedelta(days=rng.randint(0, 1500)),
                source="Presse",
            )
            for _ in range(RISK_SIGNALS)
        ),
        batch_size=2000,
    )
    Need.objects.bulk_create(
        (
            Need(
                company=rng.choice(companies),
                topic=rng.choice(Need.Topic.values),
                description="Bedarf aus dem Unternehmensbesuch.",
                source=rng.choice(Need.Source.values),
            )
            for _ in range(COMPANIES // 2)
        ),
        batch_size=2500,
    )


def load_measures():
    fields = list(FieldOfAction.objects.all())
    if not fields:
        fields = [FieldOfAction.objects.create(number=99, title="Benchmark")]
    Measure.objects.bulk_create(
        Measure(
            code=f"B-{n:03d}",
            title=f"Benchmark-Maßnahme {n}",
            summary="Eine Maßnahme des synthetischen Datensatzes.",
            field_of_action=rng.choice(fields),
            status=rng.choice([Measure.Status.IDEA, Measure.Status.PLANNED, Measure.Status.ACTIVE]),
            priority=rng.choice(Measure.Priority.values),
        )
        for n in range(MEASURES)
    )


def main():
    with transaction.atomic():
        load_companies()
        load_measures()


if __name__ == "__main__":
    main()

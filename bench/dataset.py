"""The large synthetic dataset of ``make bench``: a decade of data at city scale.

5,000 companies with 10 years of employee figures, 20,000 contact log entries, 2,000 risk
signals, 300 measures with 1,500 phases, 2,000 events with 40,000 registrations, 100
reports. Besides, one heavy object of each kind, whose detail pages ``make bench`` measures:
a company with 500 contact log entries and 40 years of employee figures, a measure with 60
phases and 300 progress updates, an event with 600 registrations.
Bulk inserts; deterministic (fixed seed). Run as ``python bench/dataset.py``;
``BENCH_SCALE`` (default 1) scales the bulk (a quick check of the benchmark itself), never the
heavy objects.
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
from django.db import connection, transaction  # noqa: E402

from companies.models import (  # noqa: E402
    Company,
    ContactLogEntry,
    District,
    EmployeeCount,
    Need,
    RiskSignal,
    Sector,
)
from events.models import Event, Registration  # noqa: E402
from measures.models import FieldOfAction, Measure, Phase, ProgressUpdate  # noqa: E402
from reports.models import Report  # noqa: E402

SCALE = float(os.environ.get("BENCH_SCALE", "1"))
COMPANIES = int(5000 * SCALE)
YEARS = range(date.today().year - 9, date.today().year + 1)
CONTACT_LOG = int(20_000 * SCALE)
RISK_SIGNALS = int(2_000 * SCALE)
MEASURES = int(300 * SCALE)
PHASES_PER_MEASURE = 5
EVENTS = int(2_000 * SCALE)
REGISTRATIONS_PER_EVENT = 20
REPORTS = max(1, int(100 * SCALE))
# The heavy objects (found again by these names in bench/pages.py).
HEAVY_COMPANY = "Benchmark Schwergewicht GmbH"
HEAVY_MEASURE = "B-HEAVY"
HEAVY_EVENT = "Benchmark-Großveranstaltung"
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
    measures = Measure.objects.bulk_create(
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
    first_year = date.today().year - 9
    phases = []
    for measure in measures:
        quarter = rng.randint(0, 40)
        for order in range(1, PHASES_PER_MEASURE + 1):
            length = rng.randint(0, 3)
            start = _quarter_start(first_year, quarter)
            end = _quarter_start(first_year, quarter + length)
            phases.append(
                Phase(measure=measure, title=f"Phase {order}", order=order, start=start,
                      end=end, person_days=rng.randint(5, 60))
            )  # fmt: skip
            quarter += length + 1
    Phase.objects.bulk_create(phases, batch_size=2000)


def _quarter_start(first_year, index):
    return date(first_year + index // 4, (index % 4) * 3 + 1, 1)


def load_events():
    from django.utils import timezone

    companies = list(Company.objects.values_list("pk", flat=True)[:1000])
    now = timezone.now()
    events = Event.objects.bulk_create(
        Event(
            title=f"Benchmark-Veranstaltung {n}",
            format=rng.choice(Event.Format.values),
            starts_at=(start := now + timedelta(days=rng.randint(-3650, 180))),
            ends_at=start + timedelta(hours=3),
            venue="Rathaus Aachen",
            capacity=REGISTRATIONS_PER_EVENT + 5,
            visibility=rng.choice(Event.Visibility.values),
            status=Event.Status.HELD if start < now else Event.Status.OPEN,
        )
        for n in range(EVENTS)
    )
    Registration.objects.bulk_create(
        (
            Registration(
                event=event,
                name=f"Person {event.pk}-{n}",
                email=f"person{event.pk}-{n}@example.org",
                company_id=rng.choice(companies),
                status=(
                    rng.choice([Registration.Status.ATTENDED, Registration.Status.NO_SHOW])
                    if event.status == Event.Status.HELD
                    else Registration.Status.REGISTERED
                ),
                queued_at=event.starts_at - timedelta(days=10),
            )
            for event in events
            for n in range(REGISTRATIONS_PER_EVENT)
        ),
        batch_size=5000,
    )


def load_reports():
    from django.utils import timezone

    from reports.models import ReportNumberCounter

    period, now = 99, timezone.now()
    Report.objects.bulk_create(
        Report(
            number=f"BENCH/{n:04d}/WP{period}",
            serial=n,
            electoral_period=period,
            title=f"Sachstandsbericht Industrie-Dialog {n}",
            period_start=date(2016 + n % 10, 1, 1),
            period_end=date(2016 + n % 10, 12, 31),
            visibility=rng.choice(Report.Visibility.values),
            status=Report.Status.RELEASED,
            released_at=now,
            snapshot={},
            pdf=f"berichte/bench-{n:04d}.pdf",
            pdf_sha256="0" * 64,
            pdf_size=100_000,
            pdf_page_count=20,
        )
        for n in range(1, REPORTS + 1)
    )
    ReportNumberCounter.objects.update_or_create(
        electoral_period=period, defaults={"last_serial": REPORTS}
    )


def load_heavy():
    """One company, one measure and one event far beyond the average."""
    from django.utils import timezone

    staff = get_user_model().objects.get(email="verwaltung@example.org")
    company = Company.objects.create(
        name=HEAVY_COMPANY, legal_form="GmbH", register_number="HRB B99999",
        street="Industriestraße 1", postal_code="52070", district=District.values[0],
        founded_year=1950,
    )  # fmt: skip
    this_year = date.today().year
    EmployeeCount.objects.bulk_create(
        EmployeeCount(company=company, year=year, employees=rng.randint(300, 3000))
        for year in range(this_year - 39, this_year + 1)
    )
    ContactLogEntry.objects.bulk_create(
        ContactLogEntry(
            company=company,
            kind=rng.choice(ContactLogEntry.Kind.values),
            date=date.today() - timedelta(days=rng.randint(0, 3650)),
            staff_member=staff,
            summary="Jour fixe: Fachkräfte, Flächen, Energiekosten und Förderprogramme.",
        )
        for _ in range(500)
    )
    measure = Measure.objects.create(
        code=HEAVY_MEASURE, title="Benchmark-Großmaßnahme",
        summary="Die Maßnahme mit den meisten Phasen und Berichten.",
        field_of_action=FieldOfAction.objects.order_by("pk").first(),
        status=Measure.Status.ACTIVE, priority=Measure.Priority.values[0],
    )  # fmt: skip
    first_year = this_year - 9
    Phase.objects.bulk_create(
        Phase(measure=measure, title=f"Phase {n}", order=n, person_days=10,
              start=_quarter_start(first_year, n - 1), end=_quarter_start(first_year, n - 1))
        for n in range(1, 61)
    )  # fmt: skip
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            measure=measure,
            date=date.today() - timedelta(days=n * 7),
            text="Sachstand: Termine gehalten, nächste Schritte mit den Partnern abgestimmt.",
            author=staff,
        )
        for n in range(300)
    )
    now = timezone.now()
    event = Event.objects.create(
        title=HEAVY_EVENT, format=Event.Format.values[0],
        starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=30, hours=3),
        venue="Eurogress Aachen", capacity=650, visibility=Event.Visibility.values[0],
        status=Event.Status.OPEN,
    )  # fmt: skip
    companies = list(Company.objects.values_list("pk", flat=True)[:600])
    Registration.objects.bulk_create(
        Registration(
            event=event,
            name=f"Gast {n}",
            email=f"gast{n}@example.org",
            company_id=companies[n % len(companies)],
            status=Registration.Status.REGISTERED,
            queued_at=now - timedelta(days=1),
        )
        for n in range(600)
    )


def main():
    with transaction.atomic():
        load_companies()
        load_measures()
        load_events()
        load_reports()
        load_heavy()
    # What autovacuum does in production after a bulk load (it is off on some machines, and
    # would otherwise run during the measurement): planner statistics for the new rows.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main()

"""Factories for the reports' tests (and the few hub objects they need)."""

import datetime
import hashlib
from pathlib import Path

import factory
from django.conf import settings
from django.utils import timezone

from companies.models import Company, Need
from dialog.committee.models import Committee, CommitteeMeeting
from measures.models import FieldOfAction, Measure, MeasurePartner, Partner
from reports.models import Report, format_report_number


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ["name"]

    name = "Ausschuss für Arbeit, Wirtschaft und Wissenschaft"
    short_name = "AAWW"


class CommitteeMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMeeting

    committee = factory.SubFactory(CommitteeFactory)
    starts_at = factory.Sequence(
        lambda n: timezone.now().replace(microsecond=0) + datetime.timedelta(days=30 + n)
    )
    location = "Rathaus Aachen, Ratssaal"


class FieldOfActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfAction

    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Handlungsfeld {n + 1}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partnerorganisation {n}")
    kind = Partner.Kind.CHAMBER


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    code = factory.Sequence(lambda n: f"M-{n + 1:03d}")
    title = factory.Sequence(lambda n: f"Maßnahme Nummer {n + 1}")
    summary = "Eine kurze Beschreibung der Maßnahme."
    field_of_action = factory.SubFactory(FieldOfActionFactory)


class MeasurePartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasurePartner

    measure = factory.SubFactory(MeasureFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = MeasurePartner.Role.LEAD


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Vertrauliche Gießerei {n} GmbH")


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    company = factory.SubFactory(CompanyFactory)
    topic = Need.Topic.SKILLED_WORKERS
    description = "Geheimer Bedarf an Schweißern"
    source = Need.Source.VISIT


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    serial = factory.Sequence(lambda n: 9000 + n)
    electoral_period = 16
    number = factory.LazyAttribute(
        lambda o: format_report_number("FB 02", o.serial, o.electoral_period)
    )
    title = factory.Sequence(lambda n: f"Sachstandsbericht Nr. {n}")
    period_end = datetime.date(2026, 6, 30)
    period_start = factory.LazyAttribute(lambda o: o.period_end - datetime.timedelta(days=180))
    meeting = factory.SubFactory(CommitteeMeetingFactory)


FAKE_PDF = b"%PDF-1.4\n% Testdatei\n%%EOF\n"


def released_report(visibility=Report.Visibility.PUBLIC, **kwargs):
    """A released report with a (tiny, fake) PDF file, without running WeasyPrint."""
    report = ReportFactory(visibility=visibility, **kwargs)
    name = f"berichte/{report.pdf_filename}"
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(FAKE_PDF)
    Report.objects.filter(pk=report.pk).update(
        pdf=name,
        pdf_sha256=hashlib.sha256(FAKE_PDF).hexdigest(),
        pdf_sha512=hashlib.sha512(FAKE_PDF).hexdigest(),
        pdf_size=len(FAKE_PDF),
        pdf_page_count=1,
        snapshot={"version": 1, "number": report.number, "sections": {}},
        generated_at=timezone.now(),
        status=Report.Status.RELEASED,
        released_at=timezone.now(),
    )
    report.refresh_from_db()
    return report

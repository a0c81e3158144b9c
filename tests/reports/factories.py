"""Factories of the reports. The hub objects they need have one factory each, in the module of
their app (imported here for the reports' tests)."""

import datetime
import hashlib
from pathlib import Path

import factory
from django.conf import settings
from django.utils import timezone

from reports.models import Report, format_report_number
from tests.committee.factories import CommitteeFactory, CommitteeMeetingFactory  # noqa: F401
from tests.companies.factories import CompanyFactory, NeedFactory  # noqa: F401
from tests.measures.factories import (  # noqa: F401
    FieldOfActionFactory,
    MeasureFactory,
    MeasurePartnerFactory,
    PartnerFactory,
)


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


def ready_report(visibility=Report.Visibility.PUBLIC, **kwargs):
    """A report ready for release with a (tiny, fake) PDF file, without running WeasyPrint."""
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
        status=Report.Status.READY,
    )
    report.refresh_from_db()
    return report


def released_report(visibility=Report.Visibility.PUBLIC, **kwargs):
    """A released report with a (tiny, fake) PDF file; from now on it never changes."""
    report = ready_report(visibility=visibility, **kwargs)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RELEASED, released_at=timezone.now()
    )
    report.refresh_from_db()
    return report

"""The reports' and OParl's routes in the access table (docs/design.md §4)."""

from django.conf import settings

from tests.access_table import EVERYONE, STAFF


def _public_released(user):
    from .factories import released_report

    return {"pk": released_report().pk}


def _draft(user):
    from .factories import ReportFactory

    return {"pk": ReportFactory().pk}


def _ready(user):
    from reports.models import Report

    from .factories import ReportFactory

    return {"pk": ReportFactory(status=Report.Status.READY, pdf_sha256="0" * 64).pk}


def _schedule(user):
    from reports.models import ReportSchedule

    from .factories import CommitteeFactory

    schedule = ReportSchedule.objects.create(
        name="Vor jeder Sitzung", kind="before_meeting", committee=CommitteeFactory()
    )
    return {"pk": schedule.pk}


def _committee(user):
    from .factories import CommitteeFactory

    return {"pk": CommitteeFactory().pk}


def _meeting(user):
    from .factories import CommitteeMeetingFactory

    return {"pk": CommitteeMeetingFactory().pk}


ACCESS = {
    "berichte/": EVERYONE,
    "berichte/neu/": STAFF,
    "berichte/<int:pk>/": EVERYONE,
    "berichte/<int:pk>/pdf/": EVERYONE,
    "berichte/<int:pk>/status/": EVERYONE,
    "berichte/<int:pk>/bearbeiten/": STAFF,
    "berichte/<int:pk>/erzeugen/": STAFF,
    "berichte/<int:pk>/freigeben/": STAFF,
    "berichte/<int:pk>/zurueckziehen/": STAFF,
    "berichte/<int:pk>/berichtigen/": STAFF,
    "berichte/<int:pk>/loeschen/": STAFF,
    "berichte/zeitplaene/": STAFF,
    "berichte/zeitplaene/neu/": STAFF,
    "berichte/zeitplaene/<int:pk>/": STAFF,
    "berichte/zeitplaene/<int:pk>/ausfuehren/": STAFF,
    "berichte/zeitplaene/<int:pk>/loeschen/": STAFF,
    "oparl/v1/system": EVERYONE,
    "oparl/v1/bodies": EVERYONE,
    "oparl/v1/body": EVERYONE,
    "oparl/v1/body/organizations": EVERYONE,
    "oparl/v1/body/people": EVERYONE,
    "oparl/v1/body/meetings": EVERYONE,
    "oparl/v1/body/papers": EVERYONE,
    "oparl/v1/legislativeterm/<int:number>": EVERYONE,
    "oparl/v1/organization/<int:pk>": EVERYONE,
    "oparl/v1/organization/<slug:slug>": EVERYONE,
    "oparl/v1/meeting/<int:pk>": EVERYONE,
    "oparl/v1/paper/<int:pk>": EVERYONE,
    "oparl/v1/file/<int:pk>": EVERYONE,
    "oparl/v1/consultation/<int:pk>": EVERYONE,
}

SAMPLES = {
    "berichte/<int:pk>/": _public_released,
    "berichte/<int:pk>/pdf/": _public_released,
    "berichte/<int:pk>/status/": _public_released,
    "berichte/<int:pk>/bearbeiten/": _draft,
    "berichte/<int:pk>/erzeugen/": _draft,
    "berichte/<int:pk>/zurueckziehen/": _public_released,
    "berichte/<int:pk>/berichtigen/": _public_released,
    "berichte/<int:pk>/freigeben/": _ready,
    "berichte/<int:pk>/loeschen/": _draft,
    "berichte/zeitplaene/<int:pk>/": _schedule,
    "berichte/zeitplaene/<int:pk>/ausfuehren/": _schedule,
    "berichte/zeitplaene/<int:pk>/loeschen/": _schedule,
    "oparl/v1/legislativeterm/<int:number>": lambda user: {
        "number": settings.REPORT_ELECTORAL_PERIOD
    },
    "oparl/v1/organization/<int:pk>": _committee,
    "oparl/v1/organization/<slug:slug>": lambda user: {"slug": "unternehmerbeirat"},
    "oparl/v1/meeting/<int:pk>": _meeting,
    "oparl/v1/paper/<int:pk>": _public_released,
    "oparl/v1/file/<int:pk>": _public_released,
    "oparl/v1/consultation/<int:pk>": _public_released,
}

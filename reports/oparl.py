"""OParl 1.1 objects of the portal: the city as Body, the committee (and the board and FB 02) as
Organization, committee meetings as Meeting, released public reports as Paper with their PDF
as File. Functions here turn models into the JSON objects; ``oparl_views`` serves them.

Non-public and unreleased reports never appear: ``public_papers()`` is the only source of
Paper and File objects. A withdrawn report is a deleted object in OParl 1.1's sense (§ "Gelöschte
Objekte"): its Paper and File keep their URL and answer with only ``id``, ``type``, ``created``,
``modified`` (the time of the withdrawal) and ``deleted: true``; its Consultation, a
sub-object, is gone.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

SCHEMA = "https://schema.oparl.org/1.1/"
BODY_NAME = "Stadt Aachen"
# Organisations that are not committees: the lead department and the entrepreneurs' board.
FIXED_ORGANIZATIONS = {
    "fb-02": {
        "name": "Fachbereich Wirtschaftsförderung/Europäische Angelegenheiten",
        "shortName": "FB 02",
        "organizationType": "Verwaltungsbereich",
        "classification": "Fachbereich",
    },
    "unternehmerbeirat": {
        "name": "Unternehmerbeirat des Aachener Industrie-Dialogs",
        "shortName": "Unternehmerbeirat",
        "organizationType": "Sonstiges",
        "classification": "Beirat",
    },
}


def public_papers():
    from .models import Report

    return (
        Report.objects.released()
        .public()
        .select_related("meeting__committee", "corrects")
        .order_by("released_at", "pk")
    )


class Urls:
    """Absolute URLs of the OParl objects for one request."""

    def __init__(self, request):
        self.request = request

    def __call__(self, name, **kwargs):
        return self.request.build_absolute_uri(reverse(f"oparl:{name}", kwargs=kwargs or None))

    def web(self, path):
        return self.request.build_absolute_uri(path)


def _dt(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _clean(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def system(urls: Urls) -> dict:
    return _clean(
        {
            "id": urls("system"),
            "type": SCHEMA + "System",
            "oparlVersion": SCHEMA,
            "body": urls("body-list"),
            "name": f"{settings.PORTAL_NAME} – OParl",
            "contactEmail": settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">"),
            "contactName": "Stadt Aachen, FB 02",
            "website": urls.web("/"),
            "product": urls.web("/"),
        }
    )


def legislative_term(urls: Urls, number: int) -> dict:
    return {
        "id": urls("legislativeterm", number=number),
        "type": SCHEMA + "LegislativeTerm",
        "body": urls("body"),
        "name": f"Wahlperiode {number}",
    }


def body(urls: Urls) -> dict:
    return _clean(
        {
            "id": urls("body"),
            "type": SCHEMA + "Body",
            "system": urls("system"),
            "name": BODY_NAME,
            "shortName": "Aachen",
            "ags": "05334002",
            "website": "https://www.aachen.de/",
            "organization": urls("organization-list"),
            "person": urls("person-list"),
            "meeting": urls("meeting-list"),
            "paper": urls("paper-list"),
            "legislativeTerm": [legislative_term(urls, settings.REPORT_ELECTORAL_PERIOD)],
            "classification": "Kreisangehörige Stadt",
            "web": urls.web("/"),
        }
    )


def committee_organization(urls: Urls, committee) -> dict:
    return _clean(
        {
            "id": urls("organization", pk=committee.pk),
            "type": SCHEMA + "Organization",
            "body": urls("body"),
            "name": committee.name,
            "shortName": committee.short_name,
            "organizationType": "Gremium",
            "classification": "Ausschuss",
            "created": _dt(committee.created_at),
            "modified": _dt(committee.updated_at),
        }
    )


def fixed_organization(urls: Urls, slug: str) -> dict:
    return {
        "id": urls("organization-fixed", slug=slug),
        "type": SCHEMA + "Organization",
        "body": urls("body"),
        **FIXED_ORGANIZATIONS[slug],
    }


def meeting(urls: Urls, obj) -> dict:
    return _clean(
        {
            "id": urls("meeting", pk=obj.pk),
            "type": SCHEMA + "Meeting",
            "name": f"Sitzung {obj.committee.name}",
            "start": _dt(obj.starts_at),
            "meetingState": "durchgeführt" if obj.starts_at < timezone.now() else "terminiert",
            "cancelled": False,
            "organization": [urls("organization", pk=obj.committee_id)],
            "keyword": ["öffentlich" if obj.public else "nichtöffentlich"],
            "created": _dt(obj.created_at),
            "modified": _dt(obj.updated_at),
        }
    )


def deleted(object_id: str, kind: str, report, **required) -> dict:
    """A withdrawn report's main object as OParl 1.1 keeps a deleted one: ``id``, ``type``,
    ``created``, ``modified`` (when it was withdrawn: the report's last change) and
    ``deleted``, plus what the object's schema requires (``required``)."""
    return {
        "id": object_id,
        "type": SCHEMA + kind,
        "created": _dt(report.created_at),
        "modified": _dt(report.updated_at),
        **required,
        "deleted": True,
    }


def file(urls: Urls, report) -> dict:
    pdf_url = reverse("reports:pdf", kwargs={"pk": report.pk})
    if report.is_withdrawn:
        # The File schema of OParl 1.1 requires accessUrl even on a deleted File; the PDF of a
        # withdrawn report stays in the archive, so the address still answers.
        return deleted(urls("file", pk=report.pk), "File", report, accessUrl=urls.web(pdf_url))
    return _clean(
        {
            "id": urls("file", pk=report.pk),
            "type": SCHEMA + "File",
            "name": f"Vorlage {report.number}",
            "fileName": report.pdf_filename,
            "mimeType": "application/pdf",
            "date": timezone.localdate(report.generated_at).isoformat()
            if report.generated_at
            else None,
            "size": report.pdf_size,
            "sha512Checksum": report.pdf_sha512,
            "accessUrl": urls.web(pdf_url),
            "downloadUrl": urls.web(pdf_url + "?download=1"),
            "paper": [urls("paper", pk=report.pk)],
            "created": _dt(report.generated_at),
            "modified": _dt(report.generated_at),
        }
    )


def consultation(urls: Urls, report) -> dict:
    return _clean(
        {
            "id": urls("consultation", pk=report.pk),
            "type": SCHEMA + "Consultation",
            "paper": urls("paper", pk=report.pk),
            "meeting": urls("meeting", pk=report.meeting_id),
            "organization": [urls("organization", pk=report.meeting.committee_id)],
            "authoritative": False,
            "role": "Kenntnisnahme",
            "created": _dt(report.created_at),
            "modified": _dt(report.updated_at),
        }
    )


def paper(urls: Urls, report) -> dict:
    if report.is_withdrawn:
        return deleted(urls("paper", pk=report.pk), "Paper", report)
    related = []
    if report.corrects_id and report.corrects.is_public:
        related.append(urls("paper", pk=report.corrects_id))
    return _clean(
        {
            "id": urls("paper", pk=report.pk),
            "type": SCHEMA + "Paper",
            "body": urls("body"),
            "name": report.title,
            "reference": report.number,
            "date": timezone.localdate(report.released_at).isoformat(),
            "paperType": "Mitteilungsvorlage",
            "relatedPaper": related,
            "mainFile": file(urls, report),
            "underDirectionOf": [urls("organization-fixed", slug="fb-02")],
            "consultation": [consultation(urls, report)] if report.meeting_id else [],
            "created": _dt(report.created_at),
            "modified": _dt(report.updated_at),
            "web": urls.web(report.get_absolute_url()),
        }
    )

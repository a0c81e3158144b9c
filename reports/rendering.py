"""Turning a report's snapshot into its PDF: Django templates for the HTML, WeasyPrint for the
PDF, pypdf to count the pages.

Rendering depends on the snapshot alone, and the PDF's metadata dates are the snapshot's time,
so the same snapshot always gives the same bytes.
"""

import datetime
import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from .snapshot import SECTIONS

PDF_TEMPLATE = "reports/pdf/report.html"
PDF_STYLESHEET = "css/report-pdf.css"


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    sha256: str
    sha512: str
    page_count: int


def _pdf_date(iso: str) -> str:
    """The snapshot's time in UTC, as WeasyPrint wants it for the PDF metadata."""
    moment = datetime.datetime.fromisoformat(iso).astimezone(datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def report_html(snapshot: dict) -> str:
    """The HTML of the report (German, whatever language the caller speaks)."""
    data = snapshot["sections"]
    present = [section for section in SECTIONS if section.key in data]
    parts = {
        part: [
            {"key": s.key, "title": s.title, "template": s.template, "data": data[s.key]}
            for s in present
            if s.part == part
        ]
        for part in ("vorlage", "begruendung")
    }
    context = {
        "snapshot": snapshot,
        "vorlage": data.get("vorlage", {}),
        "cover_sections": parts["vorlage"],
        "sections": parts["begruendung"],
        "pdf_date": _pdf_date(snapshot["taken_at"]),
    }
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(getattr(settings, "REPORT_PDF_TEMPLATE", PDF_TEMPLATE), context)


def render_report_pdf(snapshot: dict) -> RenderedPdf:
    """Render the snapshot to a PDF and describe it (checksums, page count)."""
    from pypdf import PdfReader
    from weasyprint import CSS, HTML

    stylesheet = finders.find(PDF_STYLESHEET)
    if stylesheet is None:
        raise FileNotFoundError(f"Stylesheet {PDF_STYLESHEET} not found")
    html = HTML(string=report_html(snapshot), base_url=str(settings.BASE_DIR))
    content = html.write_pdf(stylesheets=[CSS(filename=stylesheet)])
    return RenderedPdf(
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        sha512=hashlib.sha512(content).hexdigest(),
        page_count=len(PdfReader(io.BytesIO(content)).pages),
    )

"""Turning a report's snapshot into its PDF: Django templates for the HTML, WeasyPrint for the
PDF, pypdf to count the pages (and to join the parts of a large report).

Rendering depends on the snapshot alone, and the PDF's metadata dates are the snapshot's time,
so the same snapshot always gives the same bytes.

WeasyPrint keeps the whole laid-out document in memory (a large report with thousands of table
rows took more than 400 MB), so a report larger than ``PART_BUDGET`` HTML elements is rendered
in parts, each by its own WeasyPrint run, and joined with pypdf:

* the body parts (the sections of the Begründung; a section too large for one part, like the
  table of the events, is split into pieces) are rendered without the page's margin boxes, and
  each section's first page is noted;
* then the cover sheet with the table of contents, whose page numbers are now known;
* then one document of empty pages that has only the margin boxes ("Seite x von y", the
  Vorlage-Nr.), stamped onto the pages of the joined parts.

Each part begins on a new page; a small report is one part and is rendered as one document.
"""

import datetime
import hashlib
import io
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .snapshot import SECTIONS

PDF_TEMPLATE = "reports/pdf/report.html"
PART_TEMPLATE = "reports/pdf/report_part.html"
SECTION_TEMPLATE = "reports/pdf/_section.html"
FOOTER_TEMPLATE = "reports/pdf/_footer_pages.html"
PDF_STYLESHEET = "css/report-pdf.css"

# HTML elements per WeasyPrint run (``REPORT_PDF_PART_BUDGET`` in the settings overrides it).
# WeasyPrint needs roughly 10 kB per element while it lays a document out.
PART_BUDGET = 8000
PT = 0.75  # points per CSS pixel

# The parts carry no margin boxes: those come from the footer pages stamped onto them.
PART_CSS = """
@page { @top-right { content: none } @bottom-left { content: none }
        @bottom-right { content: none } }
"""
# The cover part's table of contents names the pages it was given.
TOC_CSS = '.toc a::after { content: leader(".") " " attr(data-page); }'
# The footer document: an empty page per page of the report; the Vorlage-Nr. is set as the
# running string and not shown.
FOOTER_CSS = """
.footer-string { height: 0; margin: 0; overflow: hidden; visibility: hidden; }
.footer-page { break-before: page; }
"""


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    sha256: str
    sha512: str
    page_count: int


@dataclass
class ReportParts:
    """The HTML of a report: one document (``single``) or the parts of a large report."""

    number: str = ""
    single: str | None = None
    body: list[str] = field(default_factory=list)  # the parts of the Begründung
    keys: list[str] = field(default_factory=list)  # the sections, in order
    cover_context: dict = field(default_factory=dict)  # for the cover part, but the pages


@dataclass
class RenderedParts:
    """What WeasyPrint made of the parts: one PDF each, and the footer pages."""

    pdfs: list[bytes]
    footer: bytes | None = None
    # The table of contents' links: (page index, (x1, y1, x2, y2) in CSS px from the page's
    # top left, index of the page linked to); pypdf adds them to the joined PDF.
    links: list[tuple[int, tuple, int]] = field(default_factory=list)


def _pdf_date(iso: str) -> str:
    """The snapshot's time in UTC, as WeasyPrint wants it for the PDF metadata."""
    moment = datetime.datetime.fromisoformat(iso).astimezone(datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _context(snapshot: dict) -> dict:
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
    return {
        "snapshot": snapshot,
        "vorlage": data.get("vorlage", {}),
        "cover_sections": parts["vorlage"],
        "sections": parts["begruendung"],
        "pdf_date": _pdf_date(snapshot["taken_at"]),
    }


def report_html(snapshot: dict) -> str:
    """The HTML of the report as one document (German, whatever language the caller speaks)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            getattr(settings, "REPORT_PDF_TEMPLATE", PDF_TEMPLATE), _context(snapshot)
        )


def _split_events(data: dict, count: int) -> list[dict]:
    """The events section in ``count`` pieces of its table; the caption stands above the
    first, the total and the figures below the last."""
    events = data["events"]
    size = math.ceil(len(events) / count)
    chunks = [events[start : start + size] for start in range(0, len(events), size)]
    return [
        {**data, "events": chunk, "continued": index > 0, "continues": index < len(chunks) - 1}
        for index, chunk in enumerate(chunks)
    ]


def _split_measures(data: list, count: int) -> list[list]:
    """The measures in ``count`` pieces, in order; a field of action that spans two pieces
    has its heading again at the top of the second."""
    rows = [(group, measure) for group in data for measure in group["measures"] or [None]]
    size = math.ceil(len(rows) / count)
    pieces = []
    for start in range(0, len(rows), size):
        fields, current = [], None
        for group, measure in rows[start : start + size]:
            if current is None or current[0] is not group:
                current = (group, [])
                fields.append(current)
            if measure is not None:
                current[1].append(measure)
        pieces.append([{**group, "measures": measures} for group, measures in fields])
    return pieces


# Sections that can be split when they alone exceed the budget: key → splitter.
SPLITTERS = {"events": _split_events, "measures": _split_measures}


def _cost(html: str) -> int:
    """What a piece of HTML costs WeasyPrint: its number of elements (roughly)."""
    return html.count("<")


def report_parts(snapshot: dict) -> ReportParts:
    """The HTML of the report: one document if it is small enough, else its parts."""
    budget = getattr(settings, "REPORT_PDF_PART_BUDGET", PART_BUDGET)
    context = _context(snapshot)
    with translation.override(settings.LANGUAGE_CODE):
        fragments = []  # the HTML of the sections (or of their pieces)
        for number, section in enumerate(context["sections"], 1):
            section = {**section, "number": number}
            html = _render_section(section, {"data": section["data"]}, snapshot)
            if _cost(html) > budget and section["key"] in SPLITTERS:
                split = SPLITTERS[section["key"]](section["data"], math.ceil(_cost(html) / budget))
                fragments.extend(
                    _render_section(section, {"data": data, "continued": index > 0}, snapshot)
                    for index, data in enumerate(split)
                )
            else:
                fragments.append(html)
        if sum(map(_cost, fragments)) <= budget:
            return ReportParts(
                number=context["vorlage"].get("number", ""), single=report_html(snapshot)
            )
        body, current = [], []
        for html in fragments:
            if current and sum(map(_cost, current)) + _cost(html) > budget:
                body.append(current)
                current = []
            current.append(html)
        body.append(current)
        body_html = [
            render_to_string(PART_TEMPLATE, {**context, "body": mark_safe("".join(part))})  # noqa: S308 (our templates)
            for part in body
        ]
    return ReportParts(
        number=context["vorlage"].get("number", ""),
        body=body_html,
        keys=[section["key"] for section in context["sections"]],
        cover_context={**context, "cover": True, "body": ""},
    )


def _render_section(section: dict, piece: dict, snapshot: dict) -> str:
    return render_to_string(
        SECTION_TEMPLATE, {"section": section, "piece": piece, "snapshot": snapshot}
    )


def _cover_html(parts: ReportParts, pages: dict[str, int]) -> str:
    context = parts.cover_context
    sections = [{**section, "page": pages[section["key"]]} for section in context["sections"]]
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(PART_TEMPLATE, {**context, "sections": sections})


def footer_html(number: str, pages: int) -> str:
    """An empty document of ``pages`` pages with the report's margin boxes."""
    return render_to_string(FOOTER_TEMPLATE, {"number": number, "breaks": range(pages - 1)})


def render_parts(parts: ReportParts) -> RenderedParts:
    """Everything WeasyPrint does for a report: the one document, or the parts, the cover with
    the table of contents and the footer pages (see the module's docstring)."""
    from weasyprint import CSS, HTML

    stylesheet = finders.find(PDF_STYLESHEET)
    if stylesheet is None:
        raise FileNotFoundError(f"Stylesheet {PDF_STYLESHEET} not found")
    base_url = str(settings.BASE_DIR)

    def layout(html: str, *css: str):
        sheets = [CSS(filename=stylesheet), *(CSS(string=text) for text in css)]
        return HTML(string=html, base_url=base_url).render(stylesheets=sheets)

    if parts.single is not None:
        return RenderedParts(pdfs=[layout(parts.single).write_pdf()])
    pdfs, first_pages, body_pages = [], {}, 0
    for html in parts.body:
        document = layout(html, PART_CSS)
        for index, page in enumerate(document.pages, body_pages + 1):
            for key in parts.keys:
                if key in page.anchors:
                    first_pages.setdefault(key, index)
        body_pages += len(document.pages)
        pdfs.append(document.write_pdf())
        del document  # free its boxes before the next part is laid out
    # The cover's page count is (almost) never changed by the numbers in its contents.
    cover_pages = 2
    for _attempt in range(3):
        pages = {key: cover_pages + page for key, page in first_pages.items()}
        document = layout(_cover_html(parts, pages), PART_CSS, TOC_CSS)
        if len(document.pages) == cover_pages:
            break
        cover_pages = len(document.pages)
    else:
        raise RuntimeError("The cover's page count does not settle.")
    links = []
    for index, page in enumerate(document.pages):
        # The sections are in other parts: the links to them are added when joining.
        for link_type, target, rectangle, _box in page.links:
            if link_type == "internal" and target in pages:
                links.append((index, rectangle, pages[target] - 1))
        page.links[:] = [link for link in page.links if link[0] != "internal"]
    pdfs.insert(0, document.write_pdf())
    del document
    footer = layout(footer_html(parts.number, cover_pages + body_pages), FOOTER_CSS).write_pdf()
    return RenderedParts(pdfs=pdfs, footer=footer, links=links)


def _stamp(writer, page, footer_page, name) -> None:
    """Draw the footer page over the page, as a form XObject (pypdf's ``merge_page`` would
    parse every page's content stream, which takes long).

    The footer page's own content stream becomes the form: cloned into the writer, it brings
    the footer's fonts along (each once for all pages). The page's content is wrapped in
    ``q``/``Q`` so the footer is drawn in the page's initial graphics state.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    form = footer_page["/Contents"]
    stream = form.get_object()
    stream[NameObject("/Type")] = NameObject("/XObject")
    stream[NameObject("/Subtype")] = NameObject("/Form")
    stream[NameObject("/BBox")] = ArrayObject(footer_page.mediabox)
    stream[NameObject("/Resources")] = footer_page["/Resources"]
    resources = page[NameObject("/Resources")].get_object()
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    resources["/XObject"].get_object()[name] = form.clone(writer)
    content = page.get_contents()
    content.isolate_graphics_state()
    content.set_data(content.get_data() + b"q " + name.encode() + b" Do Q\n")
    page.replace_contents(content.flate_encode())


def _join_outlines(writer, readers) -> None:
    """The bookmarks of the parts as one outline, nested as in a report rendered whole: the
    sections of the body parts under the cover's "Begründung"."""
    from pypdf.generic import Fit

    with translation.override(settings.LANGUAGE_CODE):
        begruendung = _("Begründung")
    body = None  # the "Begründung" bookmark: the body parts' sections go under it

    def copy(reader, items, under, offset):
        nonlocal body
        last = None
        for item in items:
            if isinstance(item, list):
                copy(reader, item, last, offset)
                continue
            page = offset + reader.get_destination_page_number(item)
            fit = Fit.xyz(item.left, item.top, item.zoom) if item.typ == "/XYZ" else Fit.fit()
            last = writer.add_outline_item(
                title=item.title, page_number=page, parent=under, fit=fit
            )
            if item.title == begruendung and body is None:
                body = last

    offset = 0
    for index, reader in enumerate(readers):
        copy(reader, reader.outline, None if index == 0 else body, offset)
        offset += len(reader.pages)


def join_parts(rendered: RenderedParts) -> tuple[bytes, int]:
    """The PDF of the report from the rendered parts, and its page count."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link
    from pypdf.generic import NameObject, TextStringObject

    if rendered.footer is None:
        (content,) = rendered.pdfs
        return content, len(PdfReader(io.BytesIO(content)).pages)
    readers = [PdfReader(io.BytesIO(pdf)) for pdf in rendered.pdfs]
    footer = PdfReader(io.BytesIO(rendered.footer))
    writer = PdfWriter()
    for reader in readers:
        writer.append(reader, import_outline=False)
    _join_outlines(writer, readers)
    if len(writer.pages) != len(footer.pages):
        raise RuntimeError("The footer pages do not match the pages of the report.")
    for index, (page, footer_page) in enumerate(zip(writer.pages, footer.pages, strict=True)):
        _stamp(writer, page, footer_page, NameObject(f"/ReportFooter{index}"))
    for index, (x1, y1, x2, y2), target in rendered.links:
        top = float(writer.pages[index].mediabox.top)
        rect = (x1 * PT, top - y2 * PT, x2 * PT, top - y1 * PT)
        writer.add_annotation(index, Link(rect=rect, border=[0, 0, 0], target_page_index=target))
    writer.add_metadata(readers[0].metadata)
    writer.root_object[NameObject("/Lang")] = TextStringObject(
        readers[0].trailer["/Root"].get("/Lang", "de")
    )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), len(writer.pages)


def render_report_pdf(snapshot: dict) -> RenderedPdf:
    """Render the snapshot to a PDF and describe it (checksums, page count)."""
    content, page_count = join_parts(render_parts(report_parts(snapshot)))
    return RenderedPdf(
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        sha512=hashlib.sha512(content).hexdigest(),
        page_count=page_count,
    )

"""A large report is rendered in parts and joined (reports.rendering): page numbers run on
across the parts, the table of contents names the pages the sections begin on, and nothing of
the content is lost or doubled."""

import io
import re

import pytest
from pypdf import PdfReader

from reports import services
from reports.rendering import render_report_pdf, report_parts

pytestmark = pytest.mark.django_db

EVENTS = 90


@pytest.fixture
def snapshot(staff_user, dialog_data, period, django_capture_on_commit_callbacks):
    """The snapshot of a small report, with many events added to its events section."""
    report = services.report_create(
        author=staff_user, title="Großer Bericht", meeting=dialog_data["meeting"], **period
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.report_request_generation(report=report)
    report.refresh_from_db()
    snapshot = report.snapshot
    events = snapshot["sections"]["events"]
    events["events"] = [
        {
            "title": f"Werkstattgespräch Nr. {number:03d}",
            "format_label": "Präsenz",
            "date": "2026-03-02",
            "registered": 10,
            "attended": 8,
            "no_show": 2,
            "companies": 5,
        }
        for number in range(EVENTS)
    ]
    events["attended_total"] = 8 * EVENTS
    return snapshot


def _pages(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _toc(pages: list[str]) -> list[tuple[str, int]]:
    """(heading, page) of each entry of the table of contents."""
    toc_page = next(text for text in pages if "Inhalt" in text and "Begründung" in text)
    return [
        (f"{number}. {title}", int(page))
        for number, title, page in re.findall(r"(\d+)\. ([^.]+?) \.{3,} ?(\d+)", toc_page)
    ]


def test_only_a_report_over_the_budget_is_rendered_in_parts(snapshot, settings):
    assert report_parts(snapshot).single is not None
    settings.REPORT_PDF_PART_BUDGET = 400
    assert report_parts(snapshot).single is None


def test_large_report_is_rendered_in_parts_with_running_page_numbers(
    snapshot, settings, dialog_data
):
    whole = " ".join(_pages(render_report_pdf(snapshot).content))
    settings.REPORT_PDF_PART_BUDGET = 400
    parts = report_parts(snapshot)
    assert parts.single is None
    assert len(parts.body) >= 3

    rendered = render_report_pdf(snapshot)
    pages = _pages(rendered.content)

    assert rendered.page_count == len(pages)
    number = snapshot["number"]
    for index, text in enumerate(pages, 1):
        assert f"Seite {index} von {len(pages)}" in text
        assert f"Vorlage {number}" in text
        assert "Stadt Aachen" in text
    assert f"Seite {len(pages) + 1}" not in " ".join(pages)
    # the Vorlage-Nr. is shown once on the cover (and in the footers), not a second time
    assert pages[0].count(number) == 2
    text = " ".join(pages)
    for measure in dialog_data["measures"]:  # as often as in the report rendered as one
        shown = f"{measure.code} {measure.title}"
        assert text.count(shown) == whole.count(shown) >= 1


def test_table_of_contents_names_the_pages_the_sections_begin_on(snapshot, settings):
    settings.REPORT_PDF_PART_BUDGET = 400
    content = render_report_pdf(snapshot).content
    pages = _pages(content)

    toc = _toc(pages)
    assert len(toc) == len(report_parts(snapshot).keys) >= 10
    for heading, page in toc:
        assert heading in pages[page - 1], (heading, page)
        assert not any(heading in text for text in pages[2 : page - 1]), heading
    # each entry links to its page
    reader = PdfReader(io.BytesIO(content))
    toc_index = next(i for i, text in enumerate(pages) if "Inhalt" in text and "Begründung" in text)
    targets = {
        reader.get_page_number(annotation.get_object()["/Dest"][0].get_object()) + 1
        for annotation in reader.pages[toc_index]["/Annots"]
    }
    assert targets == {page for _heading, page in toc}


def test_split_events_table_keeps_every_row_once(snapshot, settings):
    settings.REPORT_PDF_PART_BUDGET = 400
    text = " ".join(_pages(render_report_pdf(snapshot).content))

    for number in range(EVENTS):
        assert text.count(f"Werkstattgespräch Nr. {number:03d}") == 1
    assert text.count("Im Berichtszeitraum durchgeführte Veranstaltungen") == 1
    assert text.count("Teilnahmen insgesamt") == 1
    assert f"Teilnahmen insgesamt {8 * EVENTS}" in text
    assert text.count("Angegeben sind Zahlen, keine Namen von Teilnehmenden.") == 1


def test_parts_give_the_same_pdf_for_the_same_snapshot(snapshot, settings):
    settings.REPORT_PDF_PART_BUDGET = 400
    first = render_report_pdf(snapshot)
    reader = PdfReader(io.BytesIO(first.content))

    assert render_report_pdf(snapshot).sha256 == first.sha256
    assert reader.metadata.title.startswith(snapshot["number"])
    assert reader.trailer["/Root"]["/Lang"] == "de"


def test_measures_split_in_order_with_the_field_heading_again():
    from reports.rendering import SPLITTERS

    data = [
        {"number": 1, "title": "Eins", "measures": [{"code": f"A-{n}"} for n in range(5)]},
        {"number": 2, "title": "Zwei", "measures": []},
        {"number": 3, "title": "Drei", "measures": [{"code": "C-1"}]},
    ]
    pieces = SPLITTERS["measures"](data, 2)

    assert [[(f["number"], [m["code"] for m in f["measures"]]) for f in p] for p in pieces] == [
        [(1, ["A-0", "A-1", "A-2", "A-3"])],
        [(1, ["A-4"]), (2, []), (3, ["C-1"])],
    ]


def _outline(content: bytes) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of each bookmark, in order."""
    reader = PdfReader(io.BytesIO(content))
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def test_the_bookmarks_of_a_report_in_parts_nest_as_in_one_rendered_whole(snapshot, settings):
    whole = _outline(render_report_pdf(snapshot).content)
    settings.REPORT_PDF_PART_BUDGET = 400
    rendered = render_report_pdf(snapshot)
    parted = _outline(rendered.content)
    assert [(depth, title) for depth, title, _page in parted] == [
        (depth, title) for depth, title, _page in whole
    ]
    # The sections sit under "Begründung", and each points at the page it begins on.
    sections = [(title, page) for depth, title, page in parted if depth == 2]
    assert len(sections) >= 5
    pages = _pages(rendered.content)
    for title, page in sections:
        assert title.split(". ", 1)[-1][:20] in pages[page]

"""The one export path: every list as CSV and Excel, filtered, audited, formulas neutralised."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dialog.accounts.roles import Role
from dialog.audit.models import AuditEntry
from dialog.core.exports import CURRENCY, DATE, DECIMAL, INT, Column, write_csv, write_xlsx
from tests.board.factories import BoardMembershipFactory
from tests.companies.factories import (
    CompanyFactory,
    ContactLogEntryFactory,
    ContactPersonFactory,
    NeedFactory,
    RiskSignalFactory,
)
from tests.events.factories import EventFactory, RegistrationFactory
from tests.measures.factories import MeasureCostFactory, MeasureFactory, PartnerFactory
from tests.reports.factories import ReportFactory

FORMULA = '=HYPERLINK("http://x")'


def _sheet(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def _csv_rows(response):
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


# --- The writers ----------------------------------------------------------------------------
COLUMNS = [
    Column("Name", "name"),
    Column("Anzahl", "count", INT),
    Column("Anteil", "share", DECIMAL),
    Column("Kosten", "costs", CURRENCY),
    Column("Datum", "day", DATE),
]


class Row:
    def __init__(self, name, count=3, share=Decimal("1234.5"), costs=Decimal("99.9")):
        self.name = name
        self.count = count
        self.share = share
        self.costs = costs
        self.day = datetime.date(2026, 12, 2)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_that_a_spreadsheet_would_run_gets_an_apostrophe_in_both_formats(start):
    text = start + "SUM(A1)"
    rows = list(
        csv.reader(io.StringIO(write_csv(COLUMNS, [Row(text)]).decode("utf-8-sig")), delimiter=";")
    )
    assert rows[1][0] == "'" + text
    sheet = load_workbook(io.BytesIO(write_xlsx(COLUMNS, [Row(text)]))).active
    assert sheet["A2"].data_type == "s"
    # XML reads a carriage return back as a line feed.
    assert sheet["A2"].value == "'" + text.replace("\r", "\n")


def test_a_header_is_neutralised_in_both_formats_too():
    columns = [Column("=SUM(A2)", "name"), Column("Anzahl", "count", INT)]
    sheet = load_workbook(io.BytesIO(write_xlsx(columns, [Row("x")]))).active
    assert (sheet["A1"].value, sheet["A1"].data_type) == ("'=SUM(A2)", "s")
    header = next(
        csv.reader(io.StringIO(write_csv(columns, []).decode("utf-8-sig")), delimiter=";")
    )
    assert header == ["'=SUM(A2)", "Anzahl"]


def test_negative_numbers_stay_numbers():
    sheet = load_workbook(io.BytesIO(write_xlsx(COLUMNS, [Row("x", count=-5)]))).active
    assert sheet["B2"].value == -5 and sheet["B2"].data_type == "n"
    rows = list(
        csv.reader(
            io.StringIO(write_csv(COLUMNS, [Row("x", count=-5)]).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[1][1] == "-5"


def test_csv_writes_german_numbers_and_dates():
    content = write_csv(COLUMNS, [Row("Aachen")])
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["Name", "Anzahl", "Anteil", "Kosten", "Datum"],
        ["Aachen", "3", "1234,50", "99,90", "02.12.2026"],
    ]


def test_xlsx_has_typed_cells_a_bold_frozen_header_an_autofilter_and_widths():
    sheet = load_workbook(io.BytesIO(write_xlsx(COLUMNS, [Row("Aachen"), Row("Düren")]))).active
    assert [cell.value for cell in sheet[1]] == ["Name", "Anzahl", "Anteil", "Kosten", "Datum"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E3"
    assert sheet["B2"].value == 3
    assert sheet["C2"].value == 1234.5
    assert sheet["D2"].value == 99.9 and sheet["D2"].number_format == "#,##0.00 €"
    assert sheet["E2"].value == datetime.datetime(2026, 12, 2) and sheet["E2"].is_date
    assert sheet.column_dimensions["A"].width >= len("Aachen")


# --- Every list -----------------------------------------------------------------------------
def _companies():
    CompanyFactory(name="Brander Guss GmbH")
    return reverse("companies:list"), "Brander Guss GmbH"


def _watchlist():
    RiskSignalFactory(company=CompanyFactory(name="Sorgen AG"))
    return reverse("companies:watchlist"), "Sorgen AG"


def _needs():
    NeedFactory(description="Hallenfläche gesucht")
    return reverse("companies:needs"), "Hallenfläche gesucht"


def _follow_ups():
    ContactLogEntryFactory(follow_up="Förderbescheid nachreichen")
    return reverse("companies:follow-ups"), "Förderbescheid nachreichen"


def _measures():
    MeasureCostFactory(measure=MeasureFactory(title="Woche der Mobilität"))
    return reverse("measures:list"), "Woche der Mobilität"


def _partners():
    PartnerFactory(name="IHK Aachen")
    return reverse("measures:partner-list"), "IHK Aachen"


def _events():
    EventFactory(title="Werkstattgespräch")
    return reverse("events:list"), "Werkstattgespräch"


def _registrations():
    registration = RegistrationFactory(name="Greta Gast")
    return reverse("events:registrations", args=[registration.event.pk]), "Greta Gast"


def _board_members():
    BoardMembershipFactory(user__full_name="Bert Beirat")
    return reverse("board:member-list"), "Bert Beirat"


def _reports():
    ReportFactory(title="Sachstandsbericht Herbst")
    return reverse("reports:list"), "Sachstandsbericht Herbst"


# list name: (role, what to create, giving the URL and a text the file holds)
LISTS = {
    "unternehmen": (Role.VERWALTUNG, _companies),
    "unternehmensverzeichnis": (Role.BEIRAT, _companies),
    "fruehwarnung": (Role.VERWALTUNG, _watchlist),
    "bedarfe": (Role.VERWALTUNG, _needs),
    "wiedervorlagen": (Role.VERWALTUNG, _follow_ups),
    "massnahmen": (Role.VERWALTUNG, _measures),
    "partner": (Role.BEIRAT, _partners),
    "veranstaltungen": (Role.VERWALTUNG, _events),
    "anmeldungen": (Role.VERWALTUNG, _registrations),
    "beirat-mitglieder": (Role.BEIRAT, _board_members),
    "berichte": (Role.VERWALTUNG, _reports),
    "protokoll": (Role.VERWALTUNG, lambda: (reverse("audit:log"), "Daten exportiert")),
    "benutzerkonten": (Role.VERWALTUNG, lambda: (reverse("users:list"), "@example")),
}


@pytest.mark.parametrize("name", LISTS)
def test_every_list_downloads_as_xlsx_and_csv_and_each_download_is_audited(client_for, name):
    role, make = LISTS[name]
    client = client_for(role)
    url, text = make()
    AuditEntry.objects.create(actor_label="System", action=AuditEntry.Action.EXPORT)
    page = client.get(url).content.decode()
    assert "CSV herunterladen" in page and "Excel herunterladen" in page

    response = client.get(url, {"format": "xlsx"})
    sheet = _sheet(response)
    # The registrations of an event are "anmeldungen-<event>".
    list_name = f"{name}-{url.split('/')[-3]}" if name == "anmeldungen" else name
    assert response["Content-Disposition"].startswith(f'attachment; filename="{list_name}-20')
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet["A1"].font.bold
    assert text in " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row)

    rows = _csv_rows(client.get(url, {"format": "csv"}))
    assert rows[0] == [cell.value for cell in sheet[1]]
    # The log's second download holds the entry of the first.
    assert len(rows) == sheet.max_row + (name == "protokoll")

    entries = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, actor=client.user)
    assert [(e.detail["liste"], e.detail["format"], e.detail["zeilen"]) for e in entries] == [
        (list_name, "csv", len(rows) - 1),
        (list_name, "xlsx", sheet.max_row - 1),
    ]


def test_the_export_holds_the_filtered_rows_of_all_pages_not_just_the_first(client_for):
    client = client_for(Role.VERWALTUNG)
    for index in range(30):
        CompanyFactory(name=f"Brand {index:02d} GmbH", district="brand")
    CompanyFactory(name="Haarener Blech GmbH", district="haaren")
    sheet = _sheet(client.get(reverse("companies:list"), {"district": "brand", "format": "xlsx"}))
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [f"Brand {index:02d} GmbH" for index in range(30)]
    assert AuditEntry.objects.get().detail["filter"] == "district=brand"


def test_a_board_members_company_export_has_no_staff_columns(client_for):
    company = CompanyFactory(name="Sorgenkind GmbH", register_number="HRB 999", founded_year=1950)
    RiskSignalFactory(company=company)
    sheet = _sheet(client_for(Role.BEIRAT).get(reverse("companies:list"), {"format": "xlsx"}))
    headers = [cell.value for cell in sheet[1]]
    assert headers == [
        "Name",
        "WZ-Schlüssel",
        "Wirtschaftszweig",
        "Stadtbezirk",
        "Website",
        "Netzwerke",
    ]
    values = [v for row in sheet.iter_rows(values_only=True) for v in row]
    assert "HRB 999" not in values and 1950 not in values


def test_staff_company_export_has_typed_numbers(client_for):
    CompanyFactory(name="Alt GmbH", founded_year=1950)
    sheet = _sheet(client_for(Role.VERWALTUNG).get(reverse("companies:list"), {"format": "xlsx"}))
    headers = [cell.value for cell in sheet[1]]
    founded = sheet.cell(row=2, column=headers.index("Gründungsjahr") + 1)
    assert founded.value == 1950 and founded.data_type == "n"


def test_dates_and_money_are_typed_cells(client_for):
    client = client_for(Role.VERWALTUNG)
    NeedFactory(stated_on=datetime.date(2026, 3, 4))
    sheet = _sheet(client.get(reverse("companies:needs"), {"format": "xlsx"}))
    assert sheet["E2"].is_date and sheet["E2"].value == datetime.datetime(2026, 3, 4)
    assert (
        _csv_rows(client.get(reverse("companies:needs"), {"format": "csv"}))[1][4] == "04.03.2026"
    )

    measure = MeasureFactory()
    MeasureCostFactory(measure=measure, estimate=Decimal("1500.50"))
    MeasureCostFactory(measure=measure, year=2027, estimate=Decimal("1000.00"))
    sheet = _sheet(client.get(reverse("measures:list"), {"format": "xlsx"}))
    costs = sheet.cell(row=2, column=11)
    assert sheet.cell(row=1, column=11).value == "Kosten geplant"
    assert costs.value == 2500.5 and costs.number_format == "#,##0.00 €"
    assert _csv_rows(client.get(reverse("measures:list"), {"format": "csv"}))[1][10] == "2500,50"


@pytest.mark.parametrize(
    ("url", "make"),
    [
        (reverse("companies:list"), lambda: CompanyFactory(name=FORMULA)),
        (reverse("measures:list"), lambda: MeasureFactory(title=FORMULA)),
    ],
)
def test_a_formula_in_a_name_comes_out_as_text(client_for, url, make):
    client = client_for(Role.VERWALTUNG)
    make()
    sheet = _sheet(client.get(url, {"format": "xlsx"}))
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value]
    formula = [cell for cell in cells if FORMULA in str(cell.value)]
    assert [(cell.value, cell.data_type) for cell in formula] == [("'" + FORMULA, "s")]
    rows = _csv_rows(client.get(url, {"format": "csv"}))
    assert "'" + FORMULA in rows[1]
    assert FORMULA not in [value for row in rows for value in row]


def test_the_old_measure_export_address_leads_to_the_list(client_for):
    client = client_for(Role.VERWALTUNG)
    response = client.get(reverse("measures:export"), {"format": "csv", "status": "planned"})
    assert response.status_code == 302
    assert response["Location"] == reverse("measures:list") + "?format=csv&status=planned"


def test_who_may_not_export_a_list_gets_no_file(client_for):
    for role, url in [
        (None, reverse("measures:list")),
        (Role.BEIRAT, reverse("measures:list")),
        (Role.BEIRAT, reverse("events:list")),
        (Role.BEIRAT, reverse("companies:needs")),
    ]:
        response = client_for(role).get(url, {"format": "xlsx"})
        assert not response.get("Content-Disposition"), (role, url)
    assert not AuditEntry.objects.exists()


def test_the_event_format_filter_still_filters_and_exports(client_for):
    client = client_for(Role.VERWALTUNG)
    EventFactory(title="Frühstück", format="breakfast")
    EventFactory(title="Werkstatt", format="workshop")
    sheet = _sheet(
        client.get(reverse("events:list"), {"event_format": "workshop", "format": "xlsx"})
    )
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Werkstatt"]
    assert sheet["A2"].is_date


# --- Query counts ---------------------------------------------------------------------------
QUERY_LISTS = {
    "companies": (Role.VERWALTUNG, reverse("companies:list"), lambda: CompanyFactory()),
    "watchlist": (Role.VERWALTUNG, reverse("companies:watchlist"), lambda: RiskSignalFactory()),
    "needs": (Role.VERWALTUNG, reverse("companies:needs"), lambda: NeedFactory()),
    "follow-ups": (
        Role.VERWALTUNG,
        reverse("companies:follow-ups"),
        lambda: ContactLogEntryFactory(contact_person=ContactPersonFactory()),
    ),
    "measures": (Role.VERWALTUNG, reverse("measures:list"), lambda: MeasureCostFactory()),
    "partners": (Role.BEIRAT, reverse("measures:partner-list"), lambda: PartnerFactory()),
    "events": (Role.VERWALTUNG, reverse("events:list"), lambda: EventFactory()),
    "members": (Role.BEIRAT, reverse("board:member-list"), lambda: BoardMembershipFactory()),
    "reports": (Role.VERWALTUNG, reverse("reports:list"), lambda: ReportFactory()),
    "users": (Role.VERWALTUNG, reverse("users:list"), lambda: None),
}


@pytest.mark.parametrize("name", QUERY_LISTS)
def test_an_export_makes_as_many_queries_for_50_rows_as_for_5(
    client_for, count_queries, name, make_user
):
    role, url, make = QUERY_LISTS[name]
    client = client_for(role)

    def add(n):
        for _index in range(n):
            make_user(Role.PARTNER) if name == "users" else make()

    add(5)
    few = count_queries(lambda: client.get(url, {"format": "xlsx"}))
    add(45)
    many = count_queries(lambda: client.get(url, {"format": "xlsx"}))
    assert few == many


def test_a_registration_export_makes_as_many_queries_for_50_rows_as_for_5(
    client_for, count_queries
):
    client = client_for(Role.VERWALTUNG)
    event = EventFactory(capacity=100)
    url = reverse("events:registrations", args=[event.pk])
    RegistrationFactory.create_batch(5, event=event)
    few = count_queries(lambda: client.get(url, {"format": "csv"}))
    RegistrationFactory.create_batch(45, event=event)
    assert count_queries(lambda: client.get(url, {"format": "csv"})) == few

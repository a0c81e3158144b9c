"""Importing companies and employee figures: preview, German row errors, all or nothing."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.urls import reverse
from openpyxl import Workbook

from companies.models import Company, EmployeeCount
from companies.views import IMPORT_SESSION_KEY

from .factories import CompanyFactory

pytestmark = pytest.mark.django_db
IMPORT = reverse("companies:import")
CONFIRM = reverse("companies:import-confirm")
HEADER = "Handelsregisternummer;Name;WZ-Schlüssel;Stadtbezirk;Website;Gründungsjahr"


def csv_file(*lines, name="unternehmen.csv"):
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode("utf-8"), "text/csv")


def xlsx_file(rows, name="unternehmen.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, file, kind="companies"):
    return client.post(IMPORT, {"kind": kind, "file": file})


def test_a_clean_file_is_previewed_then_written_and_a_reimport_updates(staff_client):
    file = csv_file(
        HEADER,
        "HRB 100;Eilendorfer Guss GmbH;24.5;Eilendorf;https://guss.example;1950",
        "HRB 101;Brander Blech GmbH;25;brand;;",
    )
    preview = upload(staff_client, file)
    content = preview.content.decode()
    assert "2 Zeilen sind fehlerfrei" in content and "neu anlegen" in content
    assert not Company.objects.exists()

    response = staff_client.post(CONFIRM, follow=True)
    assert "2 Zeilen wurden übernommen" in response.content.decode()
    guss = Company.objects.get(register_number="HRB 100")
    assert (guss.name, guss.sector.code, guss.district, guss.founded_year) == (
        "Eilendorfer Guss GmbH",
        "24.5",
        "eilendorf",
        1950,
    )

    upload(staff_client, csv_file(HEADER, "HRB 100;Eilendorfer Guss AG;24.5;Eilendorf;;1950"))
    staff_client.post(CONFIRM)
    assert Company.objects.count() == 2
    assert Company.objects.get(register_number="HRB 100").name == "Eilendorfer Guss AG"


def test_xlsx_files_are_read_too(staff_client):
    rows = [
        ["Handelsregisternummer", "Name", "Gründungsjahr"],
        ["HRB 7", "Tabellen GmbH", 1999],
    ]
    assert "1 Zeile ist fehlerfrei" in upload(staff_client, xlsx_file(rows)).content.decode()
    staff_client.post(CONFIRM)
    assert Company.objects.get().founded_year == 1999


def test_every_bad_row_is_reported_in_german_and_nothing_is_written(staff_client):
    file = csv_file(
        HEADER,
        "HRB 1;Gut GmbH;28.4;Haaren;;1990",
        ";Ohne Nummer GmbH;;;;",
        "HRB 2;Falscher Zweig GmbH;99.9;Mitte;;",
        "HRB 3;Falscher Bezirk GmbH;;Köln;;",
        "HRB 4;Kaputte Website GmbH;;;keine adresse;",
        "HRB 5;Zukunft GmbH;;;;zweitausend",
        "HRB 1;Doppelt GmbH;;;;",
        "HRB 6;;;;;",
        "HRB 7;" + "X" * 300 + ";;;;",
    )
    content = upload(staff_client, file).content.decode()
    for message in [
        "Zeile 3, Spalte „Handelsregisternummer“: Die Angabe fehlt.",
        "Zeile 4, Spalte „WZ-Schlüssel“: „99.9“ ist kein WZ-2008-Schlüssel",
        "Zeile 5, Spalte „Stadtbezirk“: „Köln“ ist kein Aachener Stadtbezirk",
        "Zeile 6, Spalte „Website“: „keine adresse“ ist keine gültige Adresse",
        "Zeile 7, Spalte „Gründungsjahr“: „zweitausend“ ist keine ganze Zahl.",
        "Zeile 8, Spalte „Handelsregisternummer“: „HRB 1“ steht schon in Zeile 2.",
        "Zeile 9, Spalte „Name“: Die Angabe fehlt.",
        "Zeile 10, Spalte „Name“: Höchstens 255 Zeichen.",
        "Es wurde nichts übernommen.",
    ]:
        assert message in content.replace("&quot;", '"'), message
    assert "Import übernehmen" not in content
    assert staff_client.post(CONFIRM).status_code == 302
    assert not Company.objects.exists()


def test_wrong_columns_are_named(staff_client):
    content = upload(staff_client, csv_file("Firma;Ort", "X;Aachen")).content.decode()
    assert "Es fehlen die Spalten: Handelsregisternummer, Name." in content
    assert "Unbekannte Spalten: Firma." in content


def test_an_oversized_file_is_refused_with_its_size(staff_client):
    big = SimpleUploadedFile("gross.csv", b"Name\n" + b"x" * (2 * 1024 * 1024 + 10))
    content = upload(staff_client, big).content.decode()
    assert "Die Datei ist zu groß" in content and "höchstens 2048 KB" in content


def test_too_many_rows_are_refused(staff_client):
    lines = [HEADER] + [f"HRB {n};Firma {n};;;;" for n in range(5001)]
    content = upload(staff_client, csv_file(*lines)).content.decode()
    assert "mehr als 5000 Datenzeilen" in content
    assert not Company.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bild.xlsx", b"PK\x03\x04kaputt", "keine lesbare XLSX-Tabelle"),
        (
            "bild.png",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "Bitte laden Sie eine CSV- oder XLSX-Datei hoch",
        ),
        ("daten.csv", b"\x00\x01\x02binary", "keine Textdatei im CSV-Format"),
        ("leer.csv", b"", "leer"),
        ("kodierung.csv", b"Name\n\x81\x8d\x8f", "Zeichenkodierung der Datei ist unbekannt"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_message(staff_client, name, data, message):
    response = upload(staff_client, SimpleUploadedFile(name, data))
    assert response.status_code == 200
    assert message in response.content.decode()


def test_employee_figures_are_imported_by_register_number_and_year(staff_client):
    company = CompanyFactory(register_number="HRB 42")
    EmployeeCount.objects.create(company=company, year=2022, employees=10)
    file = csv_file(
        "Handelsregisternummer;Jahr;Beschäftigte",
        "HRB 42;2022;12",
        "HRB 42;2023;15",
    )
    content = upload(staff_client, file, kind="employees").content.decode()
    assert "aktualisieren" in content and "neu anlegen" in content
    staff_client.post(CONFIRM)
    assert dict(company.employee_counts.values_list("year", "employees")) == {2022: 12, 2023: 15}


def test_employee_figures_with_errors_are_reported_per_row(staff_client):
    CompanyFactory(register_number="HRB 42")
    file = csv_file(
        "Handelsregisternummer;Jahr;Beschäftigte",
        "HRB 42;2022;-5",
        "HRB 43;2022;5",
        "HRB 42;1800;5",
        "HRB 42;2023;viele",
        "HRB 42;2024;5",
        "HRB 42;2024;6",
    )
    content = upload(staff_client, file, kind="employees").content.decode()
    for message in [
        "Zeile 2, Spalte „Beschäftigte“: -5 liegt nicht zwischen 0 und 10000000.",
        "Zeile 3, Spalte „Handelsregisternummer“: Kein Unternehmen mit der "
        "Handelsregisternummer „HRB 43“ im Register.",
        "Zeile 4, Spalte „Jahr“: 1800 liegt nicht zwischen 1900 und 2100.",
        "Zeile 5, Spalte „Beschäftigte“: „viele“ ist keine ganze Zahl.",
        "Zeile 7, Spalte „Jahr“: Für „HRB 42“ und 2024 steht schon ein Wert in Zeile 6.",
    ]:
        assert message in content, message
    assert not EmployeeCount.objects.exists()


def test_confirming_without_a_checked_file_explains_what_to_do(staff_client):
    response = staff_client.post(CONFIRM, follow=True)
    assert "Es liegt keine geprüfte Datei vor" in response.content.decode()


# --- Decompression bombs ------------------------------------------------------------------------
SST = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def bomb_xlsx(unpacked_mb, name="bombe.xlsx"):
    """A valid XLSX (a header and one clean row) whose shared strings, millions of short
    ones, unpack to about ``unpacked_mb`` megabytes but pack to a few hundred kilobytes."""
    clean = xlsx_file([["Handelsregisternummer", "Name"], ["HRB 1", "Bomben GmbH"]]).read()
    string = "<si><t>Aachen</t></si>"
    count = unpacked_mb * 1024 * 1024 // len(string)
    shared = f'<sst xmlns="{SST}" count="{count}" uniqueCount="{count}">{string * count}</sst>'
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(clean)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for member in source.infolist():
            data = source.read(member.filename).decode()
            if member.filename == "[Content_Types].xml":
                override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/>'
                data = data.replace("</Types>", override + "</Types>")
            elif member.filename == "xl/_rels/workbook.xml.rels":
                rel = f'<Relationship Type="{SST_REL}" Target="sharedStrings.xml" Id="rId99"/>'
                data = data.replace("</Relationships>", rel + "</Relationships>")
            bomb.writestr(member.filename, data)
        bomb.writestr("xl/sharedStrings.xml", shared)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_an_xlsx_that_would_unpack_to_tens_of_megabytes_is_refused_before_parsing(staff_client):
    file = bomb_xlsx(40)
    assert file.size < 512 * 1024  # well within the upload limit of 2 MB
    started = time.monotonic()
    response = upload(staff_client, file)
    elapsed = time.monotonic() - started
    content = response.content.decode()
    assert response.status_code == 200
    assert "Die XLSX-Datei ist entpackt 40 MB groß; erlaubt sind höchstens 10 MB." in content
    assert IMPORT_SESSION_KEY not in staff_client.session
    # openpyxl needs several seconds for these shared strings; the check needs none of them.
    assert elapsed < 3, elapsed


def test_an_xlsx_packed_unusually_tightly_is_refused_even_below_the_size_limit(staff_client):
    content = upload(staff_client, bomb_xlsx(8)).content.decode()
    assert "ungewöhnlich aufgebaut" in content and "aus Sicherheitsgründen" in content
    assert not Company.objects.exists()


def test_a_bomb_is_refused_by_its_content_whatever_it_is_called(staff_client):
    content = upload(staff_client, bomb_xlsx(40, name="unternehmen.csv")).content.decode()
    assert "Die XLSX-Datei ist entpackt 40 MB groß" in content


def test_a_table_wider_than_fifty_columns_is_refused(staff_client):
    header = ["Handelsregisternummer", "Name"] + [f"Spalte {n}" for n in range(60)]
    file = xlsx_file([header, ["HRB 1", "Breit GmbH"] + ["x"] * 60])
    content = upload(staff_client, file).content.decode()
    assert "Die Tabelle hat mehr als 50 Spalten." in content
    lines = [";".join(header), ";".join(["HRB 1", "Breit GmbH"] + ["x"] * 60)]
    content = upload(staff_client, csv_file(*lines)).content.decode()
    assert "Die Tabelle hat mehr als 50 Spalten." in content


def test_a_cell_far_to_the_right_does_not_make_every_row_that_wide(staff_client):
    """A stray cell in column 16,000 would make openpyxl pad each of the 4,000 rows to 16,000
    cells (seconds of work); only the columns an import can have are read."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Handelsregisternummer", "Name"])
    for number in range(2, 4002):
        sheet.append([f"HRB {number}", f"Firma {number}"])
    sheet.cell(row=4001, column=16000, value=None).number_format = "0.00"
    buffer = io.BytesIO()
    workbook.save(buffer)
    started = time.monotonic()
    response = upload(staff_client, SimpleUploadedFile("breit.xlsx", buffer.getvalue()))
    elapsed = time.monotonic() - started
    assert "4000 Zeilen sind fehlerfrei" in response.content.decode()
    assert elapsed < 5, elapsed


def test_a_four_digit_wz_class_and_a_subclass_are_imported(staff_client):
    file = csv_file(
        HEADER,
        "HRB 300;Kaldenbach Zerspanung GmbH;25.62;;;",
        "HRB 301;Rothe Erde Werkzeug GmbH;28.41.0;;;",
    )
    content = upload(staff_client, file).content.decode()
    assert "2 Zeilen sind fehlerfrei" in content
    staff_client.post(CONFIRM)
    drehteile = Company.objects.select_related("sector__parent__parent").get(
        register_number="HRB 300"
    )
    assert (drehteile.sector.code, drehteile.sector.title) == ("25.62", "Mechanik a. n. g.")
    assert drehteile.sector.level == "class"
    assert drehteile.sector.parent.parent.code == "25"
    assert Company.objects.get(register_number="HRB 301").sector.level == "subclass"


def test_the_complete_wz_2008_classification_is_shipped():
    from companies.models import Sector

    levels = dict(Sector.objects.values("level").annotate(n=Count("pk")).values_list("level", "n"))
    assert levels == {
        "section": 21,
        "division": 88,
        "group": 272,
        "class": 615,
        "subclass": 839,
    }


def test_a_website_without_scheme_gets_https(staff_client):
    upload(
        staff_client,
        csv_file(
            HEADER, "HRB 310;Netz GmbH;;;beispiel.de;", "HRB 311;W GmbH;;;www.w-gmbh.de/kontakt;"
        ),
    )
    staff_client.post(CONFIRM)
    assert Company.objects.get(register_number="HRB 310").website == "https://beispiel.de"
    assert Company.objects.get(register_number="HRB 311").website == "https://www.w-gmbh.de/kontakt"


def test_the_preview_shows_old_and_new_values_and_unchanged_rows(staff_client):
    CompanyFactory(
        register_number="HRB 320",
        name="Alt GmbH",
        website="https://alt.example",
        district="mitte",
        founded_year=1990,
    )
    CompanyFactory(register_number="HRB 321", name="Gleich GmbH", website="", founded_year=None)
    file = csv_file(
        "Handelsregisternummer;Name;Website;Stadtbezirk;Gründungsjahr",
        "HRB 320;Neu GmbH;neu.example;Brand;1990",
        "HRB 321;Gleich GmbH;;;",
    )
    content = upload(staff_client, file).content.decode()
    rows = content.split("<tr>")
    changed = next(row for row in rows if "HRB 320" in row)
    unchanged = next(row for row in rows if "HRB 321" in row)
    assert "Name: <del>Alt GmbH</del> → <ins>Neu GmbH</ins>" in changed
    assert "<del>https://alt.example</del> → <ins>https://neu.example</ins>" in changed
    assert "<del>Aachen-Mitte</del> → <ins>Brand</ins>" in changed
    assert "1990" not in changed  # the founding year stays as it is
    assert "aktualisieren" in changed
    assert "unverändert" in unchanged and "aktualisieren" not in unchanged
    response = staff_client.post(CONFIRM, follow=True)
    assert "1 Zeile wurde übernommen" in response.content.decode()


def test_employee_preview_shows_old_and_new_figures(staff_client):
    company = CompanyFactory(register_number="HRB 330")
    EmployeeCount.objects.create(company=company, year=2022, employees=10)
    EmployeeCount.objects.create(company=company, year=2023, employees=20)
    file = csv_file("Handelsregisternummer;Jahr;Beschäftigte", "HRB 330;2022;12", "HRB 330;2023;20")
    content = upload(staff_client, file, kind="employees").content.decode()
    assert "Beschäftigte: <del>10</del> → <ins>12</ins>" in content
    assert "unverändert" in content


def test_each_import_is_written_to_the_audit_log(staff_client):
    from dialog.audit.models import AuditEntry

    CompanyFactory(register_number="HRB 340", name="Bleibt GmbH")
    upload(
        staff_client,
        csv_file("Handelsregisternummer;Name", "HRB 340;Bleibt GmbH", "HRB 341;Neu GmbH"),
    )
    staff_client.post(CONFIRM)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT)
    assert entry.actor == staff_client.user
    assert entry.detail == {
        "art": "Unternehmen",
        "datei": "unternehmen.csv",
        "neu": 1,
        "aktualisiert": 0,
        "unverändert": 1,
    }
    log = staff_client.get(reverse("audit:log")).content.decode()
    assert "Daten importiert" in log


def test_an_imported_subclass_is_found_under_its_section_and_division(staff_client):
    upload(staff_client, csv_file(HEADER, "HRB 350;Tief Eingeordnet GmbH;25.62.0;;;"))
    staff_client.post(CONFIRM)
    from companies.models import Sector

    for sector in ("C", "25"):
        pk = Sector.objects.get(code=sector).pk
        listing = staff_client.get(reverse("companies:list"), {"sector": pk}).content.decode()
        assert "Tief Eingeordnet GmbH" in listing, sector


def test_the_preview_queries_do_not_grow_with_the_rows(staff_client, count_queries):
    for i in range(30):
        CompanyFactory(register_number=f"HRB 9{i:03d}", name=f"Alt {i} GmbH")

    def lines(n):
        return [f"HRB 9{i:03d};Neu {i} GmbH;25.62;Mitte;neu{i}.example;" for i in range(n)]

    first = count_queries(lambda: upload(staff_client, csv_file(HEADER, *lines(2))))
    many = count_queries(lambda: upload(staff_client, csv_file(HEADER, *lines(30))))
    assert many == first

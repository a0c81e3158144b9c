"""Browser journeys of the company register, with axe-core on every page they pass."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from companies import wz2008
from companies.models import Company, Sector
from dialog.accounts.roles import Role
from tests.companies.factories import (
    CompanyFactory,
    ContactLogEntryFactory,
    ContactPersonFactory,
    EmployeeCountFactory,
    NeedFactory,
    NetworkMembershipFactory,
    RiskSignalFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _sectors(transactional_db):
    """Transactional tests flush the database, and with it the WZ 2008 data migration."""
    wz2008.ensure_loaded(Sector)


def test_staff_create_a_company_record_a_need_and_a_signal_find_it_on_the_watchlist_and_export(
    page, live_server, staff_user, login_in_browser, assert_accessible
):
    CompanyFactory(name="Ruhige Mühle GmbH", district="haaren")
    login_in_browser(page, staff_user.email)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Unternehmen"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unternehmen")
    assert_accessible(page)

    page.get_by_role("link", name="Unternehmen anlegen").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Testguss Aachen GmbH")
    page.get_by_label("Handelsregisternummer").fill("HRB 2014")
    page.get_by_label("Wirtschaftszweig (WZ 2008)").select_option(label="24.5 Gießereien")
    page.get_by_label("Stadtbezirk").select_option(label="Brand")
    page.get_by_label("Gründungsjahr").fill("1911")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Testguss Aachen GmbH")
    expect(page.get_by_role("status")).to_contain_text("wurde angelegt")
    assert_accessible(page)

    page.get_by_role("link", name="Bedarf erfassen").click()
    assert_accessible(page)
    page.get_by_label("Thema").select_option(label="Energie")
    page.get_by_label("Beschreibung").fill("Sucht Beratung zu Lastmanagement")
    page.get_by_label("Quelle").select_option(label="Unternehmensbesuch")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Der Bedarf wurde erfasst")
    expect(page.get_by_text("Sucht Beratung zu Lastmanagement")).to_be_visible()

    page.get_by_role("link", name="Frühwarnsignal erfassen").click()
    assert_accessible(page)
    page.get_by_label("Art").select_option(label="Insolvenzgefahr")
    page.get_by_label("Schwere").select_option(label="5 – existenzbedrohend")
    page.get_by_label("Quelle").fill("Hinweis der Hausbank")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Das Frühwarnsignal wurde erfasst")
    assert_accessible(page)

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Frühwarnung"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Frühwarnung")
    first_row = page.get_by_role("row").nth(1)
    expect(first_row).to_contain_text("Testguss Aachen GmbH")
    expect(first_row).to_contain_text("Insolvenzgefahr")
    expect(page.get_by_text("Ruhige Mühle GmbH")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Unternehmen"
    ).click()
    page.get_by_label("Stadtbezirk").select_option(label="Brand")
    page.get_by_role("button", name="Filtern").click()
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV herunterladen").click()
    with open(csv_download.value.path(), encoding="utf-8-sig") as handle:
        text = handle.read()
    assert "Testguss Aachen GmbH" in text and "HRB 2014" in text
    assert "Ruhige Mühle GmbH" not in text
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Excel herunterladen").click()
    with open(xlsx_download.value.path(), "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Testguss Aachen GmbH"
    ]


def test_staff_pages_of_a_company_are_accessible(
    page, live_server, staff_user, login_in_browser, assert_accessible
):
    company = CompanyFactory(name="Barrierefrei GmbH")
    for year, employees in [(2019, 40), (2020, 44), (2021, 52), (2022, 61)]:
        EmployeeCountFactory(company=company, year=year, employees=employees)
    person = ContactPersonFactory(company=company, name="Paula Prüfer")
    ContactLogEntryFactory(company=company, contact_person=person)
    NeedFactory(company=company)
    RiskSignalFactory(company=company)
    RiskSignalFactory(
        company=company,
        observed_on=datetime.date(2024, 1, 1),
        resolved_on=datetime.date(2024, 3, 1),
    )
    NetworkMembershipFactory(company=company)
    login_in_browser(page, staff_user.email)
    page.goto(live_server.url + company.get_absolute_url())
    expect(page.get_by_role("img", name="Entwicklung der Beschäftigten")).to_be_visible()
    assert_accessible(page)

    for link in [
        "Profil bearbeiten",
        "Beschäftigtenzahl eintragen",
        "Ansprechperson erfassen",
        "Kontakt festhalten",
        "Mitgliedschaft eintragen",
        "Bearbeiten – Fachkräfte",
    ]:
        page.get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
        page.get_by_role("button", name="Speichern").click()  # empty or unchanged: German errors
        assert_accessible(page)
        page.goto(live_server.url + company.get_absolute_url())

    page.get_by_role("link", name="Anonymisieren – Paula Prüfer").click()
    assert_accessible(page)
    page.get_by_role("button", name="Endgültig anonymisieren").click()
    expect(page.get_by_role("status")).to_contain_text("anonymisiert")
    expect(page.get_by_text("Paula Prüfer")).to_have_count(0)

    page.get_by_role("button", name="Erledigt – Sonstiges").or_(
        page.get_by_role("button", name="Erledigt – Auftragseinbruch")
    ).first.click()
    expect(page.get_by_role("status")).to_contain_text("als erledigt markiert")
    assert_accessible(page)


def test_staff_import_preview_and_needs_overview_are_accessible(
    page, live_server, staff_user, login_in_browser, assert_accessible, tmp_path
):
    NeedFactory(company=CompanyFactory(name="Bedarf GmbH"))
    login_in_browser(page, staff_user.email)
    page.goto(live_server.url + "/unternehmen/bedarfe/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedarfe der Unternehmen")
    expect(page.get_by_role("link", name="Bedarf GmbH")).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + "/unternehmen/import/")
    assert_accessible(page)
    bad = tmp_path / "fehler.csv"
    bad.write_text("Handelsregisternummer;Name;Gründungsjahr\n;Ohne GmbH;19x\n", encoding="utf-8")
    page.get_by_label("Inhalt der Datei").select_option(label="Unternehmen")
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(str(bad))
    page.get_by_role("button", name="Datei prüfen").click()
    expect(page.get_by_role("alert")).to_contain_text("Zeile 2, Spalte „Handelsregisternummer“")
    assert_accessible(page)

    CompanyFactory(register_number="HRB 78", name="Alter Name GmbH")
    good = tmp_path / "gut.csv"
    good.write_text(
        "Handelsregisternummer;Name\nHRB 77;Importiert GmbH\nHRB 78;Neuer Name GmbH\n",
        encoding="utf-8",
    )
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(str(good))
    page.get_by_role("button", name="Datei prüfen").click()
    expect(page.get_by_role("cell", name="Importiert GmbH")).to_be_visible()
    expect(page.get_by_text("Name: Alter Name GmbH → Neuer Name GmbH")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Import übernehmen").click()
    expect(page.get_by_role("status")).to_contain_text("2 Zeilen wurden übernommen")
    assert Company.objects.filter(register_number="HRB 77").exists()


@pytest.mark.parametrize("role", [Role.BEIRAT, Role.PARTNER])
def test_board_members_and_partners_browse_the_directory_without_confidential_data(
    role, page, live_server, make_user, login_in_browser, assert_accessible
):
    user = make_user(role)
    company = CompanyFactory(name="Verzeichnis GmbH", website="https://verzeichnis.example")
    NetworkMembershipFactory(company=company)
    RiskSignalFactory(company=company, note="Streng vertraulich: Kreditlinie gekündigt")
    login_in_browser(page, user.email)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Unternehmen"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unternehmensverzeichnis")
    assert_accessible(page)
    page.get_by_role("link", name="Verzeichnis GmbH").click()
    expect(page.get_by_text("Unternehmensnetzwerk Produktionstechnik")).to_be_visible()
    assert "Kreditlinie" not in page.content()
    assert "Frühwarn" not in page.content()
    assert_accessible(page)
    if role == Role.BEIRAT:
        page.goto(live_server.url + "/unternehmen/bedarfe/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Bedarfe der Unternehmen")
        assert "Verzeichnis GmbH" not in page.content()
        assert_accessible(page)

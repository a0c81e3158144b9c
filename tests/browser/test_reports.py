"""Browser journey of the reports: staff draft, generate (real worker), watch and release a
report; a committee member downloads it; the public sees public reports only."""

import re

import pytest
from playwright.sync_api import expect

from dialog.accounts.roles import Role
from tests.reports.factories import CommitteeMeetingFactory, released_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page):
    page.get_by_role("link", name="Abmelden").click()
    page.get_by_role("button", name="Ja, abmelden").click()


@pytest.mark.worker
def test_staff_generate_and_release_a_report_committee_member_downloads_it(
    page, live_server, celery_worker_process, make_user, login_in_browser, assert_accessible
):
    staff = make_user(Role.VERWALTUNG, is_staff=True)
    member = make_user(Role.AUSSCHUSS)
    CommitteeMeetingFactory()
    released_report(title="Öffentlicher Bericht vom Vorjahr")

    login_in_browser(page, staff.email)
    page.get_by_role("link", name="Berichte", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichte an den Ausschuss")
    assert_accessible(page)
    page.get_by_role("link", name="Neuer Bericht").click()
    assert_accessible(page)
    page.get_by_label("Betreff").fill("Sachstandsbericht Industrie-Dialog 2026")
    page.get_by_label("Berichtszeitraum von").fill("2026-01-01")
    page.get_by_label("Berichtszeitraum bis").fill("2026-06-30")
    page.get_by_label("Ausschusssitzung").select_option(index=1)
    page.get_by_label("Status der Vorlage").select_option("non_public")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status").first).to_contain_text("wurde angelegt")
    expect(page.locator("#report-status")).to_have_text("Entwurf")
    assert_accessible(page)

    page.get_by_role("button", name="PDF erzeugen").click()
    # The worker renders it; the page polls the status URL and shows the result.
    expect(page.locator("#report-status")).to_have_text("bereit zur Freigabe", timeout=60_000)
    assert_accessible(page)
    page.get_by_role("link", name="Freigeben …").click()
    # Releasing is final: a page of its own, confirmed with a checkbox.
    expect(page.get_by_text("Die Freigabe ist endgültig.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Endgültig freigeben").click()
    expect(page.get_by_text("Bitte bestätigen Sie die Freigabe").first).to_be_visible()
    page.get_by_label("Ich habe das PDF geprüft").check()
    page.get_by_role("button", name="Endgültig freigeben").click()
    expect(page.locator("#report-status")).to_have_text("freigegeben")
    report_url = page.url
    _logout(page)

    login_in_browser(page, member.email)
    page.goto(report_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sachstandsbericht Industrie-Dialog 2026"
    )
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF herunterladen").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    _logout(page)

    page.goto(f"{live_server.url}/berichte/")
    expect(page.get_by_role("link", name="Öffentlicher Bericht vom Vorjahr")).to_be_visible()
    expect(page.get_by_text("Sachstandsbericht Industrie-Dialog 2026")).to_have_count(0)
    page.goto(report_url)
    expect(page).to_have_url(re.compile(r"/konto/login/"))


def test_schedules_page_is_accessible(
    page, live_server, make_user, login_in_browser, assert_accessible
):
    staff = make_user(Role.VERWALTUNG, is_staff=True)
    CommitteeMeetingFactory()
    login_in_browser(page, staff.email)
    page.goto(f"{live_server.url}/berichte/zeitplaene/")
    assert_accessible(page)
    page.get_by_role("link", name="Neuer Zeitplan").click()
    assert_accessible(page)
    page.get_by_label("Bezeichnung").fill("Drei Wochen vor jeder Sitzung")
    page.get_by_label("Art").select_option("before_meeting")
    page.get_by_label("Ausschuss").select_option(index=1)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("link", name="Drei Wochen vor jeder Sitzung")).to_be_visible()
    assert_accessible(page)


def test_staff_edit_a_draft(page, live_server, make_user, login_in_browser, assert_accessible):
    from tests.reports.factories import ReportFactory

    staff = make_user(Role.VERWALTUNG, is_staff=True)
    report = ReportFactory(title="Entwurf mit Tippfehler")
    login_in_browser(page, staff.email)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.get_by_role("link", name="Bearbeiten").click()
    assert_accessible(page)
    page.get_by_label("Berichtszeitraum bis").fill("2020-01-01")
    page.get_by_role("button", name="Speichern").click()
    expect(
        page.get_by_text("Das Ende des Berichtszeitraums liegt vor seinem Beginn.").first
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Berichtszeitraum bis").fill("2026-06-30")
    page.get_by_label("Betreff").fill("Entwurf ohne Tippfehler")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Entwurf ohne Tippfehler")

    page.get_by_role("link", name="Löschen …").click()
    assert_accessible(page)
    page.get_by_role("button", name="Endgültig löschen").click()
    expect(page.get_by_text(f"Der Bericht {report.number} wurde gelöscht.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichte an den Ausschuss")


def test_staff_run_a_schedule_now(page, live_server, make_user, login_in_browser):
    import datetime

    from django.utils import timezone

    from reports.models import ReportSchedule
    from reports.services import report_schedule_save

    staff = make_user(Role.VERWALTUNG, is_staff=True)
    meeting = CommitteeMeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=7))
    report_schedule_save(
        schedule=ReportSchedule(
            name="Drei Wochen vorher", kind="before_meeting", committee=meeting.committee
        )
    )
    login_in_browser(page, staff.email)
    page.goto(f"{live_server.url}/berichte/zeitplaene/")
    expect(page.get_by_role("cell", name="noch nie")).to_be_visible()
    page.get_by_role("button", name="Jetzt ausführen – Drei Wochen vorher").click()
    expect(page.get_by_role("status").first).to_contain_text("angelegt")
    expect(page.get_by_role("cell", name="noch nie")).to_have_count(0)


def test_staff_correct_a_released_report_and_the_public_sees_it_withdrawn(
    page, live_server, make_user, login_in_browser, assert_accessible
):
    staff = make_user(Role.VERWALTUNG, is_staff=True)
    old = released_report(title="Sachstand mit Fehler")

    login_in_browser(page, staff.email)
    page.goto(f"{live_server.url}{old.get_absolute_url()}")
    page.get_by_role("link", name="Berichtigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bericht {old.number} berichtigen")
    assert_accessible(page)
    page.get_by_label("Grund").fill("Die Zahlen in Kapitel 2 waren vertauscht.")
    page.get_by_role("button", name="Zurückziehen und Berichtigung anlegen").click()
    expect(page.get_by_role("status").first).to_contain_text("ist als Entwurf angelegt")
    expect(page.locator("#report-status")).to_have_text("Entwurf")
    assert_accessible(page)
    page.get_by_role("link", name=old.number).click()
    expect(page.get_by_role("note")).to_contain_text("Zurückgezogen am")
    expect(page.get_by_role("note")).to_contain_text("Die Zahlen in Kapitel 2 waren vertauscht.")
    assert_accessible(page)
    _logout(page)

    page.goto(f"{live_server.url}{old.get_absolute_url()}")
    expect(page.get_by_role("note")).to_contain_text("Grund: Die Zahlen in Kapitel 2")
    expect(page.get_by_role("link", name="Berichtigen")).to_have_count(0)
    assert_accessible(page)

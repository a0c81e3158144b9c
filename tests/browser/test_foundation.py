"""Browser journeys of the foundation, with axe-core on every page they pass."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from dialog.accounts.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-passwort-2014"


def test_invitation_set_password_login_logout(
    page, live_server, staff_user, login_in_browser, assert_accessible
):
    login_in_browser(page, staff_user.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht der Wirtschaftsförderung")
    page.get_by_role("link", name="Benutzer", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Person einladen").click()
    assert_accessible(page)
    page.get_by_label("E-Mail-Adresse").fill("neues.mitglied@example.org")
    page.get_by_label("Name").fill("Nora Neumann")
    page.get_by_label("Organisation").fill("Neumann Gießerei GmbH")
    page.get_by_label("Rolle").select_option(Role.BEIRAT.value)
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_role("status")).to_contain_text("neues.mitglied@example.org")
    expect(page.get_by_role("cell", name="Nora Neumann")).to_be_visible()
    page.get_by_role("link", name="Abmelden").click()
    page.get_by_role("button", name="Ja, abmelden").click()

    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/konto/einladung/\S+/)", mail.outbox[0].body).group(1)
    page.goto(live_server.url + path)
    assert_accessible(page)
    page.get_by_label("Passwort*").fill("Mein-neues-Passwort-7")
    page.get_by_label("Passwort (Wiederholung)").fill("Mein-neues-Passwort-7")
    page.get_by_role("button", name="Passwort festlegen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Passwort ist gesetzt")

    page.get_by_label("Passwort").fill("Mein-neues-Passwort-7")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bereich des Unternehmerbeirats")
    assert_accessible(page)
    page.get_by_role("link", name="Abmelden").click()
    page.get_by_role("button", name="Ja, abmelden").click()
    expect(page.get_by_role("link", name="Anmelden")).to_be_visible()

    # The link was for one use only.
    page.goto(live_server.url + path)
    expect(page.get_by_text("ungültig, abgelaufen oder wurde bereits verwendet")).to_be_visible()


@pytest.mark.parametrize(
    ("role", "heading"),
    [
        (Role.VERWALTUNG, "Übersicht der Wirtschaftsförderung"),
        (Role.BEIRAT, "Bereich des Unternehmerbeirats"),
        (Role.PARTNER, "Bereich der Kooperationspartner"),
        (Role.AUSSCHUSS, "Bereich des Ausschusses"),
    ],
)
def test_each_demo_account_lands_on_its_dashboard(
    role, heading, demo, page, live_server, login_in_browser, assert_accessible
):
    login_in_browser(page, f"{role.value}@example.org", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)


def test_public_pages_are_accessible(page, live_server, assert_accessible):
    for path, heading in [
        ("/", "Aachener Industrie-Dialog"),
        ("/konto/login/", "Anmelden"),
        ("/konto/password/reset/", None),
        ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
        ("/datenschutz/", "Datenschutzerklärung"),
        ("/impressum/", "Impressum"),
        ("/diese-seite-gibt-es-nicht/", "Seite nicht gefunden"),
    ]:
        page.goto(live_server.url + path)
        if heading:
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)


def test_forbidden_page_is_german_and_accessible(
    page, live_server, make_user, login_in_browser, assert_accessible
):
    user = make_user(Role.PARTNER)
    login_in_browser(page, user.email)
    response = page.goto(live_server.url + "/benutzer/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Zugriff verweigert")
    assert_accessible(page)


def test_anonymous_visitor_is_sent_to_login(page, live_server):
    page.goto(live_server.url + "/benutzer/")
    assert "/konto/login/" in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")


def test_skip_link_moves_focus_to_the_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    skip.press("Enter")
    assert page.url.endswith("#inhalt")

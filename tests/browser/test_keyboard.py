"""Each role's main journey works with the keyboard alone, with a visible focus."""

import re

import pytest
from playwright.sync_api import expect

from .keyboard import keyboard_login, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "demo-passwort-2014"


def test_staff_invite_a_person_with_the_keyboard(demo, page, live_server):
    keyboard_login(page, live_server.url, "verwaltung@example.org", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht der Wirtschaftsförderung")
    tab_to(page, r"^Benutzer$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/benutzer/"))
    tab_to(page, r"Person einladen")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/benutzer/einladen/"))
    tab_to(page, r"E-Mail")
    page.keyboard.type("tastatur@example.org")
    tab_to(page, r"^Name")
    page.keyboard.type("Tanja Tastatur")
    tab_to(page, r"Einladung senden")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("tastatur@example.org")


@pytest.mark.parametrize(
    ("email", "heading", "section", "section_heading"),
    [
        ("beirat@example.org", "Bereich des Unternehmerbeirats", "Unternehmerbeirat",
         "Unternehmerbeirat"),
        ("partner@example.org", "Bereich der Kooperationspartner", "Maßnahmen",
         "Maßnahmen des Handlungskonzepts"),
        ("ausschuss@example.org", "Bereich des Ausschusses", "Berichte",
         "Berichte an den Ausschuss"),
    ],
)  # fmt: skip
def test_members_reach_their_area_and_log_out_with_the_keyboard(
    demo, page, live_server, email, heading, section, section_heading
):
    keyboard_login(page, live_server.url, email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    tab_to(page, rf"^{section}$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(section_heading)
    tab_to(page, r"^Abmelden$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/konto/logout/"))
    tab_to(page, r"^Ja, abmelden$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Anmelden")).to_be_visible()


def test_a_visitor_finds_the_public_events_with_the_keyboard(demo, page, live_server):
    page.goto(live_server.url + "/")
    tab_to(page, r"^Veranstaltungen$")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranstaltungen")
    tab_to(page, r"^Filtern$")

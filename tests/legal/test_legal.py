"""The legal pages show the built-in text until staff replace it with their own."""

import pytest
from django.urls import reverse

from dialog.accounts.roles import Role
from dialog.legal.text_format import html_to_text, text_to_html

pytestmark = pytest.mark.django_db


def test_accessibility_statement_has_a_feedback_contact_and_the_arbitration_body(client):
    content = client.get("/barrierefreiheit/").content.decode()
    assert "BITV 2.0" in content
    assert "mailto:" in content
    assert "Schlichtungsverfahren" in content


def test_staff_edit_a_legal_page_prefilled_with_the_built_in_text(client, staff_user):
    client.force_login(staff_user)
    form = client.get(reverse("legal:impressum-edit")).content.decode()
    assert "Stadt Aachen – Der Oberbürgermeister" in form
    response = client.post(
        reverse("legal:impressum-edit"),
        {"body": "## Herausgeberin\n\nStadt Aachen\nMarkt 39, 52062 Aachen\n\nkontakt@example.org"},
    )
    assert response.status_code == 302
    page = client.get("/impressum/").content.decode()
    assert "<h2>Herausgeberin</h2>" in page
    assert 'href="mailto:kontakt@example.org"' in page
    assert "Stand:" in page


def test_too_short_text_is_refused_in_german(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("legal:datenschutz-edit"), {"body": "kurz"})
    assert "vollständigen Text" in response.content.decode()


def test_only_staff_see_the_edit_button(client_for):
    assert "Text bearbeiten" in client_for(Role.VERWALTUNG).get("/datenschutz/").content.decode()
    assert "Text bearbeiten" not in client_for(Role.BEIRAT).get("/datenschutz/").content.decode()


def test_text_format_escapes_html_and_round_trips_headings():
    html = text_to_html("## Titel\n\n<script>alert(1)</script>")
    assert "<script>" not in html
    assert "<h2>Titel</h2>" in html
    assert html_to_text("<h2>Titel</h2><p>Eins<br>Zwei</p>") == "## Titel\n\nEins\nZwei"


def test_robots_txt_keeps_search_engines_out_of_what_needs_a_login(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    for path in ("/konto/", "/unternehmen/", "/beirat/", "/admin/"):
        assert f"Disallow: {path}" in text
    assert "Disallow: /\n" not in text  # the public pages stay findable


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        (
            "/datenschutz/",
            [
                "Art. 6 Abs. 1",
                "Datenschutzbeauftragte",
                "Speicherdauer",
                "Server-Protokolle",
                "Landesbeauftragte für Datenschutz und Informationsfreiheit",
                "poststelle@ldi.nrw.de",
            ],
        ),
        (
            "/impressum/",
            ["Herausgeberin", "vertreten durch", "Telefon", "Verantwortlich für den Inhalt"],
        ),
        (
            "/barrierefreiheit/",
            [
                "erstellt",
                "2026",
                "Feedback und Kontakt",
                "ombudsstelle-barrierefreie-it@mags.nrw.de",
            ],
        ),
    ],
)
def test_the_built_in_legal_pages_have_every_mandatory_part(client, path, parts):
    content = client.get(path).content.decode()
    for part in parts:
        assert part in content, part


def test_every_public_page_has_a_meta_description(client):
    for path in ("/", "/veranstaltungen/", "/datenschutz/", "/impressum/", "/barrierefreiheit/"):
        content = client.get(path).content.decode()
        assert '<meta name="description" content="Der Aachener Industrie-Dialog' in content, path

"""Event pages: registering, managing, attendance, PDF list and flat query counts."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from dialog.accounts.roles import Role
from events.models import Event, Registration

from .factories import CompanyFactory, EventFactory, PartnerFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_registers_and_confirms_through_the_link(client, mails_sent):
    event = EventFactory(capacity=3)
    with mails_sent():
        response = client.post(
            f"/veranstaltungen/{event.pk}/anmelden/",
            {
                "name": "Karin Lürken",
                "email": "k.luerken@example.org",
                "company_name": "",
                "consent": "on",
            },
            follow=True,
        )
    assert "Bitte bestätigen Sie Ihre Anmeldung" in response.content.decode()
    link = re.search(r"https?://[^/\s]+(/veranstaltungen/anmeldung/\S+/)", mail.outbox[0].body)
    page = client.get(link.group(1))
    assert "Anmeldung bestätigen" in page.content.decode()
    response = client.post(link.group(1), follow=True)
    assert "Sie sind angemeldet" in response.content.decode()
    assert event.registrations.get().status == Registration.Status.REGISTERED


def test_bad_registration_input_rerenders_the_form_in_german(client):
    event = EventFactory()
    response = client.post(
        f"/veranstaltungen/{event.pk}/anmelden/",
        {"name": "Karin Lürken", "email": "keine-adresse", "company_name": "Lürken KG"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "gültige E-Mail-Adresse" in content
    assert "Lürken KG" in content  # nothing typed is lost
    assert not Registration.objects.exists()


def test_a_forged_confirmation_link_is_refused(client):
    response = client.get("/veranstaltungen/anmeldung/gefaelscht/bestaetigen/")
    assert response.status_code == 400
    assert "ungültig" in response.content.decode()


def test_member_registers_with_one_click_and_cancels(client_for):
    client = client_for(Role.BEIRAT)
    event = EventFactory(visibility="members", capacity=1)
    response = client.post(f"/veranstaltungen/{event.pk}/anmelden/", follow=True)
    assert "Sie sind angemeldet" in response.content.decode()
    registration = event.registrations.get()
    assert registration.user == client.user
    response = client.post(f"/veranstaltungen/{event.pk}/abmelden/", follow=True)
    assert "abgemeldet" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_self_cancellation_link_frees_the_place_for_the_waitlist(client, mailoutbox, mails_sent):
    from events.tokens import cancel_token_make

    event = EventFactory(capacity=1)
    first = RegistrationFactory(event=event, email="erste@example.org")
    waiting = RegistrationFactory(event=event, status="waitlisted", email="zweite@example.org")
    token = cancel_token_make(first)
    with mails_sent():
        client.post(f"/veranstaltungen/anmeldung/{token}/abmelden/")
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED
    assert mailoutbox[-1].to == ["zweite@example.org"]


def test_staff_create_an_event_and_bad_dates_are_explained(client_for):
    client = client_for(Role.VERWALTUNG)
    data = {
        "title": "Werkstattgespräch Energieeffizienz",
        "format": "workshop_talk",
        "status": "open",
        "visibility": "public",
        "starts_at": "2031-05-06T16:00",
        "ends_at": "2031-05-06T14:00",
        "capacity": "25",
        "venue": "Technologiezentrum am Europaplatz",
        "description": "",
    }
    response = client.post("/veranstaltungen/neu/", data)
    assert response.status_code == 200
    assert "Das Ende liegt vor dem Beginn." in response.content.decode()
    data["ends_at"] = "2031-05-06T18:00"
    response = client.post("/veranstaltungen/neu/", data)
    event = Event.objects.get()
    assert response["Location"] == event.get_absolute_url()
    assert timezone.localtime(event.starts_at).hour == 16


def test_staff_cancel_an_event_and_registrants_are_told(client_for, mailoutbox, mails_sent):
    client = client_for(Role.VERWALTUNG)
    event = EventFactory()
    RegistrationFactory(event=event, email="gast@example.org")
    assert client.post(f"/veranstaltungen/{event.pk}/absagen/", {"reason": ""}).status_code == 200
    with mails_sent():
        client.post(f"/veranstaltungen/{event.pk}/absagen/", {"reason": "Zu wenige Anmeldungen."})
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert mailoutbox[-1].to == ["gast@example.org"]


def test_check_in_marks_attendance_and_shows_the_no_show_rate(client_for):
    client = client_for(Role.VERWALTUNG)
    event = EventFactory()
    came = RegistrationFactory(event=event, name="Anna Anwesend")
    missed = RegistrationFactory(event=event, name="Bernd Fehlt")
    client.post(
        f"/veranstaltungen/{event.pk}/teilnahme/", {"registration": came.pk, "attended": "true"}
    )
    client.post(
        f"/veranstaltungen/{event.pk}/teilnahme/", {"registration": missed.pk, "attended": "false"}
    )
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.status, missed.status) == ("attended", "no_show")
    assert (
        "Nichterscheinen: 50 %"
        in client.get(f"/veranstaltungen/{event.pk}/teilnahme/").content.decode()
    )


def test_attendance_pdf_lists_the_registered_people(client_for):
    client = client_for(Role.VERWALTUNG)
    event = EventFactory(title="Betriebsbesichtigung Gießerei")
    RegistrationFactory(event=event, name="Anna Anwesend", company_name="Musterguss GmbH")
    RegistrationFactory(event=event, name="Warte Liste", status="waitlisted")
    response = client.get(f"/veranstaltungen/{event.pk}/teilnahmeliste.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Teilnahmeliste" in text
    assert "Betriebsbesichtigung Gießerei" in text
    assert "Anna Anwesend" in text and "Musterguss GmbH" in text
    assert "Warte Liste" not in text
    assert "Unterschrift" in text


def test_co_organising_partner_sees_the_registrations(client_for):
    client = client_for(Role.PARTNER)
    partner = PartnerFactory()
    partner.users.add(client.user)
    event = EventFactory()
    event.organisers.add(partner)
    RegistrationFactory(event=event, name="Paula Partnergast")
    response = client.get(f"/veranstaltungen/{event.pk}/anmeldungen/")
    assert "Paula Partnergast" in response.content.decode()
    other = EventFactory()
    assert client.get(f"/veranstaltungen/{other.pk}/anmeldungen/").status_code == 403


def test_list_filters_by_format_and_year(client):
    EventFactory(
        title="Frühstück 2031", starts_at=datetime.datetime(2031, 3, 1, 8, tzinfo=datetime.UTC)
    )
    EventFactory(
        title="Workshop 2031",
        format="workshop",
        starts_at=datetime.datetime(2031, 4, 1, 8, tzinfo=datetime.UTC),
    )
    EventFactory(
        title="Frühstück 2030", starts_at=datetime.datetime(2030, 3, 1, 8, tzinfo=datetime.UTC)
    )
    content = client.get("/veranstaltungen/?event_format=breakfast&year=2031").content.decode()
    assert "Frühstück 2031" in content
    assert "Workshop 2031" not in content and "Frühstück 2030" not in content
    assert client.get("/veranstaltungen/?year=abc").status_code == 200


# --- Query counts -------------------------------------------------------------------------
def _fill_events(n):
    partner = PartnerFactory()
    company = CompanyFactory()
    for _ in range(n):
        event = EventFactory(host_company=company, venue="")
        event.organisers.add(partner)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status="waitlisted")


@pytest.mark.parametrize("role", [None, Role.PARTNER, Role.VERWALTUNG])
def test_event_list_queries_do_not_grow(role, client_for, count_queries):
    client = client_for(role)
    _fill_events(2)
    first = count_queries(lambda: client.get("/veranstaltungen/"))
    _fill_events(18)
    assert count_queries(lambda: client.get("/veranstaltungen/")) == first


def test_event_list_shows_the_venue_or_else_the_host(client):
    EventFactory(venue="", host_company=CompanyFactory(name="Gastgeber Walzwerk GmbH"))
    EventFactory(venue="Rathaus Aachen, Krönungssaal")
    EventFactory(venue="", host_company=None)
    content = client.get("/veranstaltungen/").content.decode()
    assert "Gastgeber Walzwerk GmbH" in content
    assert "Rathaus Aachen, Krönungssaal" in content
    assert "<td>–</td>" in content


@pytest.mark.parametrize("role", [None, Role.BEIRAT, Role.VERWALTUNG])
def test_event_page_reads_the_event_once(role, client_for, settings):
    """The permission check and the page share one fetch of the event and its relations."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_TIMEOUT = 0  # the render, not the page cache
    client = client_for(role)
    event = EventFactory()
    event.organisers.add(PartnerFactory())
    client.get(f"/veranstaltungen/{event.pk}/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/veranstaltungen/{event.pk}/").status_code == 200
    event_reads = [q for q in ctx.captured_queries if 'FROM "events_event"' in q["sql"]]
    assert len(event_reads) == 1, [q["sql"][:80] for q in event_reads]
    assert len(ctx.captured_queries) <= 8


def _registrations(event, n):
    for _ in range(n):
        RegistrationFactory(event=event)


@pytest.mark.parametrize(
    "path",
    [
        "/veranstaltungen/{pk}/",
        "/veranstaltungen/{pk}/anmeldungen/",
        "/veranstaltungen/{pk}/teilnahme/",
    ],
)
def test_event_page_queries_do_not_grow_with_registrations(path, client_for, count_queries):
    client = client_for(Role.VERWALTUNG)
    event = EventFactory(capacity=100)
    for _ in range(3):
        event.organisers.add(PartnerFactory())
    url = path.format(pk=event.pk)
    _registrations(event, 3)
    first = count_queries(lambda: client.get(url))
    _registrations(event, 27)
    assert count_queries(lambda: client.get(url)) == first


def test_network_page_queries_do_not_grow(client_for, count_queries):
    from .factories import NetworkFactory

    client = client_for(Role.VERWALTUNG)
    network = NetworkFactory()

    def meetings(n):
        for _ in range(n):
            event = EventFactory(
                format="network_meeting",
                network=network,
                starts_at=timezone.now() - datetime.timedelta(days=30),
                ends_at=timezone.now() - datetime.timedelta(days=30, hours=-2),
            )
            RegistrationFactory(event=event, status="attended", company=CompanyFactory())

    meetings(2)
    first = count_queries(lambda: client.get("/veranstaltungen/netzwerktreffen/"))
    meetings(18)
    assert count_queries(lambda: client.get("/veranstaltungen/netzwerktreffen/")) == first


@pytest.mark.parametrize("role", [Role.VERWALTUNG, Role.BEIRAT, Role.PARTNER, Role.AUSSCHUSS])
def test_dashboard_panel_shows_upcoming_events_with_flat_queries(role, client_for, count_queries):
    client = client_for(role)
    EventFactory(title="Nächstes Unternehmerfrühstück")
    assert "Nächstes Unternehmerfrühstück" in client.get("/").content.decode()
    first = count_queries(lambda: client.get("/"))
    for _ in range(9):
        RegistrationFactory(event=EventFactory(), user=client.user)
    assert count_queries(lambda: client.get("/")) == first


def test_check_in_with_a_broken_form_is_not_an_error_page(client_for):
    client = client_for(Role.VERWALTUNG)
    event = EventFactory()
    response = client.post(f"/veranstaltungen/{event.pk}/teilnahme/", {"registration": "abc"})
    assert response.status_code == 404
    other = RegistrationFactory()  # of another event
    response = client.post(f"/veranstaltungen/{event.pk}/teilnahme/", {"registration": other.pk})
    assert response.status_code == 404


def test_self_cancellation_link_after_the_start_explains_and_keeps_the_place(client):
    from events.tokens import cancel_token_make

    start = timezone.now() - datetime.timedelta(hours=1)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    registration = RegistrationFactory(event=event)
    url = f"/veranstaltungen/anmeldung/{cancel_token_make(registration)}/abmelden/"
    assert "nicht mehr möglich" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "nicht mehr möglich" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED

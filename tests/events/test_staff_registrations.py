"""Staff manage registrations for people: add, cancel (the waitlist moves up), move; the
no-show rate on the registration list and across events; a full event says so."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dialog.accounts.roles import Role
from events import services
from events.models import Registration

from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_staff_cancelling_a_registration_moves_the_first_waiting_person_up_and_mails_them(
    client_for, mailoutbox, mails_sent
):
    client = client_for(Role.VERWALTUNG)
    event = EventFactory(capacity=1)
    registered = RegistrationFactory(event=event, email="erste@example.org")
    first_waiting = RegistrationFactory(
        event=event,
        status="waitlisted",
        email="zweite@example.org",
        queued_at=timezone.now() - datetime.timedelta(hours=2),
    )
    later_waiting = RegistrationFactory(
        event=event, status="waitlisted", email="dritte@example.org"
    )
    with mails_sent():
        response = client.post(
            f"/veranstaltungen/{event.pk}/anmeldungen/{registered.pk}/stornieren/", follow=True
        )
    assert "wurde storniert" in response.content.decode()
    registered.refresh_from_db()
    first_waiting.refresh_from_db()
    later_waiting.refresh_from_db()
    assert registered.status == Registration.Status.CANCELLED
    assert first_waiting.status == Registration.Status.REGISTERED
    assert later_waiting.status == Registration.Status.WAITLISTED
    assert [message.to for message in mailoutbox] == [["zweite@example.org"]]
    assert "Ein Platz ist frei geworden" in mailoutbox[0].subject


def test_staff_cannot_cancel_after_the_start_and_are_told(client_for):
    client = client_for(Role.VERWALTUNG)
    event = EventFactory(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    registration = RegistrationFactory(event=event)
    response = client.post(
        f"/veranstaltungen/{event.pk}/anmeldungen/{registration.pk}/stornieren/", follow=True
    )
    assert "bereits begonnen" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED


def test_staff_add_a_registration_for_someone_who_is_mailed(client_for, mailoutbox, mails_sent):
    client = client_for(Role.VERWALTUNG)
    event = EventFactory(capacity=1, registration_deadline=timezone.now() - datetime.timedelta(1))
    url = f"/veranstaltungen/{event.pk}/anmeldungen/neu/"
    assert client.get(url).status_code == 200
    with mails_sent():
        response = client.post(
            url,
            {"name": "Karl Kaldenbach", "email": "Karl@Example.org", "company_name": "Kaldenbach"},
            follow=True,
        )
    assert "ist angemeldet" in response.content.decode()
    registration = event.registrations.get()
    assert (registration.name, registration.email, registration.company_name) == (
        "Karl Kaldenbach",
        "karl@example.org",
        "Kaldenbach",
    )
    assert registration.status == Registration.Status.REGISTERED
    assert [message.to for message in mailoutbox] == [["karl@example.org"]]

    # The event is full now: the next person joins the waitlist; a duplicate is explained.
    client.post(url, {"name": "Wilma Warten", "email": "wilma@example.org"})
    assert event.registrations.get(email="wilma@example.org").status == "waitlisted"
    response = client.post(url, {"name": "Karl Kaldenbach", "email": "karl@example.org"})
    assert response.status_code == 200
    assert "bereits eine Anmeldung vorhanden" in response.content.decode()


def test_staff_move_a_registration_to_another_event(client_for, mailoutbox, mails_sent):
    client = client_for(Role.VERWALTUNG)
    event = EventFactory(capacity=1, title="Frühstück März")
    other = EventFactory(capacity=5, title="Frühstück April")
    moving = RegistrationFactory(event=event, email="karl@example.org", name="Karl Kaldenbach")
    waiting = RegistrationFactory(event=event, status="waitlisted", email="wilma@example.org")
    url = f"/veranstaltungen/{event.pk}/anmeldungen/{moving.pk}/umbuchen/"
    page = client.get(url).content.decode()
    assert "Frühstück April" in page
    with mails_sent():
        response = client.post(url, {"event": other.pk}, follow=True)
    assert "umgebucht" in response.content.decode()
    moving.refresh_from_db()
    waiting.refresh_from_db()
    assert moving.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.REGISTERED
    moved = other.registrations.get()
    assert (moved.name, moved.email, moved.status) == (
        "Karl Kaldenbach",
        "karl@example.org",
        Registration.Status.REGISTERED,
    )
    assert sorted(message.to[0] for message in mailoutbox) == [
        "karl@example.org",
        "wilma@example.org",
    ]


def test_moving_to_an_event_the_person_is_already_on_is_explained():
    event, other = EventFactory(), EventFactory()
    registration = RegistrationFactory(event=event, email="karl@example.org")
    RegistrationFactory(event=other, email="KARL@example.org")
    with pytest.raises(ValidationError, match="bereits angemeldet"):
        services.registration_move(registration=registration, event=other)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.REGISTERED


def test_registration_list_shows_the_no_show_rate(client_for):
    client = client_for(Role.VERWALTUNG)
    event = EventFactory(
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2) + datetime.timedelta(hours=2),
    )
    RegistrationFactory(event=event, status="attended")
    RegistrationFactory(event=event, status="attended")
    RegistrationFactory(event=event, status="attended")
    RegistrationFactory(event=event, status="no_show")
    content = client.get(f"/veranstaltungen/{event.pk}/anmeldungen/").content.decode()
    assert "Nichterscheinen: 25 %" in content
    assert "Noch keine Teilnahme erfasst" not in content


def test_event_list_shows_staff_the_no_show_rate_across_events(client_for):
    past = timezone.now() - datetime.timedelta(days=10)
    for no_show, attended in ((1, 1), (0, 2)):
        event = EventFactory(starts_at=past, ends_at=past + datetime.timedelta(hours=2))
        for _ in range(no_show):
            RegistrationFactory(event=event, status="no_show")
        for _ in range(attended):
            RegistrationFactory(event=event, status="attended")
    staff_page = client_for(Role.VERWALTUNG).get("/veranstaltungen/").content.decode()
    assert "Nichterscheinen über alle Veranstaltungen mit erfasster Teilnahme: 25 %" in staff_page
    public_page = client_for(None).get("/veranstaltungen/").content.decode()
    assert "Nichterscheinen" not in public_page


def test_a_full_event_is_listed_as_booked_out_with_a_waitlist(client):
    full = EventFactory(capacity=1, title="Volles Frühstück")
    RegistrationFactory(event=full)
    EventFactory(capacity=5, title="Freies Frühstück")
    content = client.get("/veranstaltungen/").content.decode()
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in content.split("<tr")[1:]}
    assert "ausgebucht – Warteliste" in rows["Volles Frühstück"]
    assert "Anmeldung offen" not in rows["Volles Frühstück"]
    assert "Anmeldung offen" in rows["Freies Frühstück"]
    assert "ausgebucht" not in rows["Freies Frühstück"]


def test_registration_list_with_actions_queries_do_not_grow(client_for, count_queries):
    client = client_for(Role.VERWALTUNG)
    event = EventFactory(capacity=100)
    url = f"/veranstaltungen/{event.pk}/anmeldungen/"
    for _ in range(3):
        RegistrationFactory(event=event)
    first = count_queries(lambda: client.get(url))
    for _ in range(20):
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status="waitlisted")
    content = client.get(url).content.decode()
    assert content.count("Umbuchen") >= 43
    assert count_queries(lambda: client.get(url)) == first


def test_move_page_queries_do_not_grow_with_events(client_for, count_queries):
    client = client_for(Role.VERWALTUNG)
    registration = RegistrationFactory()
    url = f"/veranstaltungen/{registration.event_id}/anmeldungen/{registration.pk}/umbuchen/"
    EventFactory()
    first = count_queries(lambda: client.get(url))
    for _ in range(10):
        EventFactory()
    assert count_queries(lambda: client.get(url)) == first

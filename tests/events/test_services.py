"""Registrations, waitlist, cancellations and e-mails."""

import datetime
import re

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from events import services
from events.models import Event, Registration
from events.tokens import confirm_token_registration

from .factories import CompanyFactory, EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _register(event, n, confirmed=True, **kwargs):
    return services.registration_create(
        event=event,
        name=f"Person {n}",
        email=f"person{n}@example.org",
        confirmed=confirmed,
        **kwargs,
    )


def test_anonymous_registration_waits_for_the_confirmation_link(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        registration = _register(event, 1, confirmed=False)
    assert registration.status == Registration.Status.PENDING
    assert event.registrations.holding_place().count() == 0
    assert len(mail.outbox) == 1
    token = re.search(r"/anmeldung/([^/\s]+)/bestaetigen/", mail.outbox[0].body).group(1)
    assert confirm_token_registration(token) == registration

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.registration_confirm(registration=registration)
    assert confirmed.status == Registration.Status.REGISTERED
    assert "Anmeldung bestätigt" in mail.outbox[1].subject
    assert "/anmeldung/" in mail.outbox[1].body  # the self-cancellation link


def test_confirming_twice_changes_nothing():
    event = EventFactory(capacity=1)
    registration = _register(event, 1, confirmed=False)
    services.registration_confirm(registration=registration)
    again = services.registration_confirm(registration=registration)
    assert again.status == Registration.Status.REGISTERED
    assert event.registrations.count() == 1


def test_a_full_event_puts_people_on_the_waitlist():
    event = EventFactory(capacity=2)
    statuses = [_register(event, n).status for n in range(4)]
    assert statuses == ["registered", "registered", "waitlisted", "waitlisted"]


def test_cancellation_moves_the_first_waitlisted_person_up_and_tells_them(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=1)
    first = _register(event, 1)
    second = _register(event, 2)
    third = _register(event, 3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Registration.Status.REGISTERED
    assert third.status == Registration.Status.WAITLISTED
    assert [message.to for message in mail.outbox] == [["person2@example.org"]]
    assert "Platz ist frei geworden" in mail.outbox[0].subject


def test_leaving_the_waitlist_frees_no_place_for_others():
    event = EventFactory(capacity=1)
    _register(event, 1)
    waiting = _register(event, 2)
    also_waiting = _register(event, 3)
    services.registration_cancel(registration=waiting)
    also_waiting.refresh_from_db()
    assert also_waiting.status == Registration.Status.WAITLISTED


def test_the_same_address_cannot_register_twice_but_may_again_after_cancelling():
    event = EventFactory()
    registration = _register(event, 1)
    with pytest.raises(ValidationError, match="bereits eine Anmeldung"):
        services.registration_create(
            event=event, name="Noch mal", email="PERSON1@example.org", confirmed=True
        )
    services.registration_cancel(registration=registration)
    assert _register(event, 1).status == Registration.Status.REGISTERED


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Event.Status.PLANNED},
        {"status": Event.Status.CANCELLED},
        {"registration_deadline": timezone.now() - datetime.timedelta(hours=1)},
    ],
)
def test_no_registration_when_registration_is_closed(changes):
    event = EventFactory(**changes)
    with pytest.raises(ValidationError, match="keine Anmeldung"):
        _register(event, 1)


def test_no_registration_after_the_start():
    start = timezone.now() - datetime.timedelta(hours=1)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    with pytest.raises(ValidationError):
        _register(event, 1)


def test_registration_is_linked_to_the_company_of_the_register():
    company = CompanyFactory(name="Eilendorfer Stanztechnik GmbH")
    registration = _register(EventFactory(), 1, company_name="eilendorfer stanztechnik gmbh")
    assert registration.company == company


def test_cancelling_an_event_tells_registered_and_waiting_people(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=1)
    _register(event, 1)
    _register(event, 2)
    cancelled = _register(event, 3)
    services.registration_cancel(registration=cancelled)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, reason="Der Referent ist erkrankt.")
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == ["person1@example.org", "person2@example.org"]
    assert "Der Referent ist erkrankt." in mail.outbox[0].body


def test_cancelling_an_event_needs_a_reason():
    with pytest.raises(ValidationError):
        services.event_cancel(event=EventFactory(), reason="  ")


def test_attendance_counts_only_for_registered_people():
    event = EventFactory(capacity=1)
    registered = _register(event, 1)
    waiting = _register(event, 2)
    services.registration_set_attendance(registration=registered, attended=False)
    registered.refresh_from_db()
    assert registered.status == Registration.Status.NO_SHOW
    with pytest.raises(ValidationError):
        services.registration_set_attendance(registration=waiting, attended=True)


def test_unconfirmed_registrations_expire_after_two_days():
    event = EventFactory()
    old = _register(event, 1, confirmed=False)
    Registration.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=49)
    )
    fresh = _register(event, 2, confirmed=False)
    kept = _register(event, 3)
    Registration.objects.filter(pk=kept.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10)
    )
    assert services.registrations_expire() == 1
    assert set(Registration.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}


def test_the_periodic_cleanup_task_is_scheduled(settings):
    from events.tasks import expire_unconfirmed_registrations

    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert expire_unconfirmed_registrations.name in entries
    RegistrationFactory(status="pending", created_at=timezone.now() - datetime.timedelta(days=3))
    assert expire_unconfirmed_registrations.delay().get() == 1


def test_more_places_move_waiting_people_up(mails_sent):
    event = EventFactory(capacity=1)
    _register(event, 1)
    waiting = [_register(event, n) for n in (2, 3, 4)]
    event.capacity = 3
    mail.outbox.clear()
    with mails_sent():
        services.event_save(event=event)
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == ["registered", "registered", "waitlisted"]
    assert sorted(m.to[0] for m in mail.outbox) == ["person2@example.org", "person3@example.org"]


def test_no_cancellation_once_the_event_has_begun():
    event = EventFactory(capacity=1)
    first = _register(event, 1)
    waiting = _register(event, 2)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    with pytest.raises(ValidationError, match="bereits begonnen"):
        services.registration_cancel(registration=first)
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == ("registered", "waitlisted")


def test_attendance_once_taken_is_not_lost_by_a_late_cancellation():
    registration = _register(EventFactory(), 1)
    services.registration_set_attendance(registration=registration, attended=True)
    with pytest.raises(ValidationError):
        services.registration_cancel(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ATTENDED


def test_a_registration_confirmation_carries_the_event_for_the_calendar(
    settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://industrie-dialog.aachen.de"
    event = EventFactory(capacity=5, title='Werkstatt & "Zukunft"\r\nBcc: x@example.org')
    with django_capture_on_commit_callbacks(execute=True):
        _register(event, 1)
    message = mail.outbox[0]
    assert message.subject == 'Anmeldung bestätigt: Werkstatt & "Zukunft" Bcc: x@example.org'
    assert 'Werkstatt & "Zukunft"' in message.body and "&amp;" not in message.body
    assert "Werkstatt &amp; &quot;Zukunft&quot;" in message.alternatives[0][0]
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith(settings.SITE_URL + "/") for link in links)
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("veranstaltung.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar.walk("VEVENT")[0]["summary"]).startswith('Werkstatt & "Zukunft"')


def test_only_a_place_comes_with_a_calendar_entry(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    _register(event, 1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _register(event, 2)  # waitlisted
        _register(event, 3, confirmed=False)  # asked to confirm first
    assert [message.attachments for message in mail.outbox] == [[], []]

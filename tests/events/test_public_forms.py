"""The forms anyone may send: no mail relay in the city's name, no look into the register."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from dialog.accounts.roles import Role
from events import services
from events.models import MobilityApplication, Registration

from .factories import CompanyFactory, EventFactory, MobilityWeekFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "zu viele Anfragen"


def _register(client, event, *, name="Karin Lürken", email, **client_address):
    return client.post(
        reverse("events:register", args=[event.pk]),
        {"name": name, "email": email, "company_name": "", "consent": "on"},
        **client_address,
    )


def _apply(client, week, *, email, name="Timo Kaldenbach", **client_address):
    return client.post(
        reverse("events:mobility-apply", kwargs={"year": week.year}),
        {
            "name": name,
            "email": email,
            "company_name": "Kaldenbach Zerspanung GmbH",
            "interests": "Montage",
            "preferred_days": [week.days[0].isoformat()],
            "consent": "on",
        },
        **client_address,
    )


def test_the_twenty_first_anonymous_registration_within_a_minute_is_refused(client, mails_sent):
    event = EventFactory(capacity=100)
    with mails_sent():
        for n in range(20):
            assert _register(client, event, email=f"person{n}@example.org").status_code == 302
        response = _register(client, event, email="person20@example.org")
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert not Registration.objects.filter(email="person20@example.org").exists()
    assert len(mail.outbox) == 20


def test_one_address_is_not_mailed_over_and_over_from_many_clients(client, mails_sent):
    events = [EventFactory() for _ in range(6)]
    with mails_sent():
        for n, event in enumerate(events[:5]):
            response = _register(
                client, event, email="opfer@example.org", REMOTE_ADDR=f"192.0.2.{n + 1}"
            )
            assert response.status_code == 302
        response = _register(client, events[5], email="Opfer@Example.org", REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert len(mail.outbox) == 5


def test_mobility_applications_are_limited_per_client(client, mails_sent):
    week = MobilityWeekFactory()
    with mails_sent():
        for n in range(10):
            assert _apply(client, week, email=f"bewerber{n}@example.org").status_code == 302
        response = _apply(client, week, email="bewerber10@example.org")
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert MobilityApplication.objects.count() == 10
    assert len(mail.outbox) == 10


def test_mobility_applications_are_limited_per_address(client):
    weeks = [
        MobilityWeekFactory(
            year=year,
            starts_on=datetime.date(year, 9, 16),
            ends_on=datetime.date(year, 9, 20),
        )
        for year in (2041, 2042, 2043, 2044)
    ]
    for n, week in enumerate(weeks[:3]):
        response = _apply(client, week, email="wdm@example.org", REMOTE_ADDR=f"192.0.2.{n + 1}")
        assert response.status_code == 302
    response = _apply(client, weeks[3], email="wdm@example.org", REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("name", "explanation"),
    [
        ("Karin " + "x" * 144, "höchstens 80 Zeichen"),
        ("Karin, gewinnen Sie jetzt: https://spam.example/preis", "ohne Internet"),
        ("Karin www.spam.example", "ohne Internet"),
        ("Karin spam.example", "ohne Internet"),
        ("Karin\nSehr geehrte Damen und Herren", "in einer Zeile"),
    ],
    ids=["too-long", "url", "www", "domain", "newline"],
)
def test_the_name_a_mail_greets_with_is_short_and_carries_no_link(
    name, explanation, client, mails_sent
):
    event, week = EventFactory(), MobilityWeekFactory()
    with mails_sent():
        registration = _register(client, event, name=name, email="karin@example.org")
        application = _apply(client, week, name=name, email="karin@example.org")
    for response in (registration, application):
        assert response.status_code == 200
        assert explanation in response.content.decode()
    assert not mail.outbox
    assert not Registration.objects.exists() and not MobilityApplication.objects.exists()


def test_a_long_name_given_before_is_greeted_with_eighty_characters_at_most(mails_sent):
    registration = RegistrationFactory(name="K" * 150, status=Registration.Status.PENDING)
    with mails_sent():
        services.registration_confirm(registration=registration)
    greeting = mail.outbox[0].body.splitlines()[0]
    assert greeting.startswith("Guten Tag K")
    assert len(greeting) <= len("Guten Tag ,") + 80


def test_the_public_mobility_form_lists_nothing_of_the_register(client):
    week = MobilityWeekFactory()
    companies = [CompanyFactory(name=f"Verdeckte Firma {n} GmbH") for n in range(3)]
    content = client.get(reverse("events:mobility-apply", kwargs={"year": week.year})).content
    page = content.decode()
    assert 'name="company_name"' in page
    assert "<select" not in page.split('name="company_name"')[0].rsplit("<form", 1)[-1]
    for company in companies:
        assert company.name not in page
        assert f'value="{company.pk}"' not in page


def test_an_account_with_a_proven_address_claims_its_registration_made_without_one(
    client_for, mails_sent
):
    client = client_for(Role.BEIRAT)
    member = client.user
    event = EventFactory()
    earlier = RegistrationFactory(
        event=event, email=member.email.upper(), status=Registration.Status.PENDING
    )
    with mails_sent():
        response = client.post(reverse("events:register", args=[event.pk]), follow=True)
    assert "Sie sind angemeldet" in response.content.decode()
    earlier.refresh_from_db()
    assert (earlier.user, earlier.status) == (member, Registration.Status.REGISTERED)
    assert event.registrations.count() == 1

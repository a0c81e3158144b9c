"""Nobody can act as someone else: an address counts for an account only once it is proven.

The attack these tests replay: a member enters another person's address at /konto/email/,
makes it their login address and so takes over that person's event registration, or logs in
with the other person's address and their own password.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from dialog.accounts import services
from dialog.accounts.roles import Role
from dialog.accounts.tokens import invitation_token_make
from tests.conftest import PASSWORD
from tests.events.factories import EventFactory, RegistrationFactory

User = get_user_model()
pytestmark = pytest.mark.django_db

VICTIM = "teilnehmerin@example.org"


def _confirm_path(message):
    return re.search(r"https?://[^/\s]+(/konto/confirm-email/\S+/)", message.body).group(1)


def _consistent(user):
    """The account's addresses agree with its login: one primary, and it is ``User.email``."""
    user.refresh_from_db()
    primary = EmailAddress.objects.filter(user=user, primary=True)
    return primary.count() == 1 and primary.get().email == user.email.lower()


@pytest.fixture
def mails_sent(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (which send the e-mails) of everything in the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def registered_victim():
    """Another participant, registered without an account, and the event they are on."""
    event = EventFactory(capacity=10)
    return RegistrationFactory(event=event, email=VICTIM, name="Tanja Teilnehmerin")


@pytest.mark.parametrize("proven", [False, True], ids=["unproven-login", "proven-login"])
def test_entering_another_participants_address_gives_no_access_to_their_registration(
    proven, client, make_user, registered_victim, mails_sent
):
    # The demo committee member's address had never been proven; today's accounts' are.
    attacker = make_user(Role.AUSSCHUSS, email="ausschuss@example.org", email_verified=proven)
    client.force_login(attacker)
    event = registered_victim.event
    with mails_sent():
        added = client.post(reverse("account_email"), {"email": VICTIM, "action_add": ""})
    response = client.post(reverse("account_email"), {"email": VICTIM, "action_primary": ""})
    assert response.status_code == 302
    attacker.refresh_from_db()
    assert attacker.email == "ausschuss@example.org"  # the other address is not the login
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Ihr Status" not in page
    cancel = client.post(reverse("events:cancel-own", args=[event.pk]))
    assert cancel.status_code == 404
    registered_victim.refresh_from_db()
    assert registered_victim.status == "registered"
    if proven:
        # The change waits for the link, which went to the address, i.e. to the participant.
        assert added.status_code == 302
        assert [message.to for message in mail.outbox] == [[VICTIM]]
    else:
        # An unproven login address is proven first; nothing is changed or sent before.
        assert "noch nicht bestätigt" in added.content.decode()
        assert not EmailAddress.objects.filter(email=VICTIM).exists()
        assert not mail.outbox


def test_a_registration_belongs_to_its_account_not_to_a_matching_address(
    client, make_user, registered_victim
):
    """Even an account that logs in with the very address sees and cancels only its own."""
    member = make_user(Role.BEIRAT)
    User.objects.filter(pk=member.pk).update(email=VICTIM)  # e.g. staff changed it in /admin/
    client.force_login(User.objects.get(pk=member.pk))
    event = registered_victim.event
    assert "Ihr Status" not in client.get(event.get_absolute_url()).content.decode()
    assert client.post(reverse("events:cancel-own", args=[event.pk])).status_code == 404
    registered_victim.refresh_from_db()
    assert registered_victim.status == "registered"


def test_an_unproven_address_registers_nobody_without_the_link(client, make_user, mails_sent):
    """The account's one click is for proven addresses; otherwise the link by e-mail."""
    member = make_user(Role.BEIRAT, email="ungeprueft@example.org", email_verified=False)
    client.force_login(member)
    event = EventFactory()
    with mails_sent():
        response = client.post(reverse("events:register", args=[event.pk]), follow=True)
    assert "Bitte bestätigen Sie Ihre Anmeldung" in response.content.decode()
    registration = event.registrations.get()
    assert (registration.status, registration.user) == ("pending", member)
    assert [message.to for message in mail.outbox] == [["ungeprueft@example.org"]]


def test_a_new_address_replaces_the_old_one_only_once_its_link_was_followed(
    client, make_user, mails_sent
):
    member = make_user(Role.BEIRAT, email="alt@example.org")
    client.force_login(member)
    with mails_sent():
        response = client.post(
            reverse("account_email"), {"email": "Neu@Example.org", "action_add": ""}
        )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "alt@example.org"
    [message] = mail.outbox
    assert message.to == ["neu@example.org"]
    assert "Bitte bestätigen Sie" in message.subject
    mail.outbox.clear()
    path = _confirm_path(message)
    assert client.get(path).status_code == 200
    with mails_sent():
        client.post(path)
    member.refresh_from_db()
    assert member.email == "neu@example.org"
    assert list(EmailAddress.objects.filter(user=member).values_list("email", "verified")) == [
        ("neu@example.org", True)
    ]
    # The old address hears of the change.
    assert [m.to for m in mail.outbox] == [["alt@example.org"]]
    assert "neu@example.org" in mail.outbox[0].body


def test_an_address_another_account_uses_is_refused_in_german(client, make_user):
    make_user(Role.VERWALTUNG, email="verwaltung@example.org")
    member = make_user(Role.AUSSCHUSS, email="ausschuss@example.org")
    client.force_login(member)
    response = client.post(
        reverse("account_email"), {"email": "Verwaltung@Example.org", "action_add": ""}
    )
    assert response.status_code == 200
    assert "wird bereits von einem anderen Konto verwendet" in response.content.decode()
    assert not EmailAddress.objects.filter(user=member, email="verwaltung@example.org").exists()
    # Trying to make it the login anyway: no error page, nothing changed.
    response = client.post(
        reverse("account_email"), {"email": "verwaltung@example.org", "action_primary": ""}
    )
    assert response.status_code == 302
    assert _consistent(member)
    assert member.email == "ausschuss@example.org"
    assert EmailAddress.objects.filter(email="verwaltung@example.org").count() == 1


def test_an_address_taken_meanwhile_is_refused_when_its_link_is_followed(
    client, make_user, mails_sent
):
    member = make_user(Role.AUSSCHUSS, email="ausschuss@example.org")
    client.force_login(member)
    with mails_sent():
        client.post(reverse("account_email"), {"email": "frei@example.org", "action_add": ""})
    path = _confirm_path(mail.outbox[0])
    # Before the link is followed, staff give the address to another account.
    other = make_user(Role.PARTNER, email="frei@example.org", email_verified=False)
    response = client.post(path, follow=True)
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.email == "ausschuss@example.org"
    assert _consistent(member)
    assert not EmailAddress.objects.filter(user=member, email="frei@example.org", verified=True)
    assert User.objects.get(pk=other.pk).email == "frei@example.org"


def test_logging_in_with_a_pending_address_and_ones_own_password_opens_no_account(
    client, make_user, mails_sent
):
    attacker = make_user(Role.AUSSCHUSS, email="ausschuss@example.org")
    client.force_login(attacker)
    with mails_sent():
        client.post(reverse("account_email"), {"email": VICTIM, "action_add": ""})
    assert EmailAddress.objects.filter(user=attacker, email=VICTIM, verified=False).exists()
    client.logout()
    client.post(reverse("account_login"), {"login": VICTIM, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_an_account_proves_an_unproven_address_before_it_logs_in(client, make_user, mails_sent):
    person = make_user(Role.PARTNER, email="partner@example.org", email_verified=False)
    with mails_sent():
        client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    [message] = mail.outbox
    assert message.to == ["partner@example.org"]
    client.post(_confirm_path(message))
    assert EmailAddress.objects.get(user=person).verified
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(person.pk)


def test_accepting_the_invitation_proves_the_address(client, staff_user, mails_sent):
    with mails_sent():
        invitee = services.user_invite(
            email="eingeladen@example.org", full_name="Ina Eingeladen", role=Role.BEIRAT,
            invited_by=staff_user,
        )  # fmt: skip
    url = reverse("invitation-accept", kwargs={"token": invitation_token_make(invitee)})
    client.post(url, {"password1": "Ein-gutes-Passwort-1", "password2": "Ein-gutes-Passwort-1"})
    address = EmailAddress.objects.get(user=invitee)
    assert (address.email, address.verified, address.primary) == (invitee.email, True, True)
    client.post(
        reverse("account_login"), {"login": invitee.email, "password": "Ein-gutes-Passwort-1"}
    )
    assert client.session["_auth_user_id"] == str(invitee.pk)


def test_demo_accounts_log_in_with_their_proven_addresses(client, demo):
    for email in ("verwaltung@example.org", "beirat@example.org", "ausschuss@example.org"):
        assert EmailAddress.objects.get(email=email).verified
    assert not User.objects.filter(emailaddress__isnull=True).exists()
    client.post(
        reverse("account_login"),
        {"login": "ausschuss@example.org", "password": "demo-passwort-2014"},
    )
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email="ausschuss@example.org").pk
    )


def test_a_change_to_the_account_is_announced_to_its_address_in_german(
    client, make_user, mails_sent
):
    member = make_user(Role.BEIRAT, email="beirat@example.org")
    client.force_login(member)
    with mails_sent():
        client.post(
            reverse("account_change_password"),
            {
                "oldpassword": PASSWORD,
                "password1": "Ein-neues-Passwort-8",
                "password2": "Ein-neues-Passwort-8",
            },
        )
    [message] = mail.outbox
    assert message.to == ["beirat@example.org"]
    assert "Ihr Passwort wurde geändert." in message.body
    assert "Wirtschaftsförderung der Stadt Aachen" in message.body

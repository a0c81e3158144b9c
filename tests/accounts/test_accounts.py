"""Invitations, roles, deactivation, closed sign-up and the two-factor rule for staff."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from dialog.accounts import services
from dialog.accounts.roles import Role
from dialog.accounts.tokens import invitation_token_make, invitation_token_user

User = get_user_model()
pytestmark = pytest.mark.django_db


def _link_path(message):
    return re.search(r"https?://[^/\s]+(/konto/einladung/\S+/)", message.body).group(1)


def test_staff_invite_creates_an_account_without_password_and_mails_a_link(
    staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_invite(
            email="Neu@Example.org", full_name="Anna Neu", role=Role.BEIRAT, invited_by=staff_user
        )
    assert user.email == "neu@example.org"
    assert user.role == Role.BEIRAT
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]
    assert "Unternehmerbeirat" in mail.outbox[0].body
    assert _link_path(mail.outbox[0])


def test_invitation_link_sets_the_password_once(
    client, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_invite(
            email="p@example.org", full_name="Paul P", role=Role.PARTNER, invited_by=staff_user
        )
    path = _link_path(mail.outbox[0])
    response = client.post(
        path, {"password1": "Ein-gutes-Passwort-1", "password2": "Ein-gutes-Passwort-1"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Ein-gutes-Passwort-1")
    assert user.invitations.get().accepted_at is not None
    # The same link does not work a second time.
    again = client.get(path)
    assert again.status_code == 400
    assert "ungültig, abgelaufen oder wurde bereits verwendet" in again.content.decode()


def test_invitation_link_expires(settings, staff_user, make_user):
    user = make_user(Role.AUSSCHUSS)
    user.set_unusable_password()
    user.save()
    token = invitation_token_make(user)
    assert invitation_token_user(token) == user
    settings.INVITATION_TIMEOUT = -1
    assert invitation_token_user(token) is None


def test_a_forged_invitation_token_is_refused(client):
    response = client.get(reverse("invitation-accept", kwargs={"token": "erfunden"}))
    assert response.status_code == 400


def test_password_mismatch_and_weak_password_are_explained_in_german(client, make_user):
    user = make_user(Role.BEIRAT)
    user.set_unusable_password()
    user.save()
    url = reverse("invitation-accept", kwargs={"token": invitation_token_make(user)})
    response = client.post(url, {"password1": "abcdefghij1", "password2": "anders"})
    assert "Die beiden Passwörter stimmen nicht überein." in response.content.decode()
    response = client.post(url, {"password1": "123", "password2": "123"})
    assert "zu kurz" in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_staff_invite_page_refuses_an_address_that_exists(client, staff_user, make_user):
    make_user(Role.BEIRAT, email="vorhanden@example.org")
    client.force_login(staff_user)
    response = client.post(
        reverse("users:invite"),
        {"email": "Vorhanden@example.org", "full_name": "X", "role": Role.PARTNER},
    )
    assert response.status_code == 200
    assert "bereits ein Konto" in response.content.decode()
    assert User.objects.filter(email__iexact="vorhanden@example.org").count() == 1


def test_staff_change_role_and_deactivate(client, staff_user, make_user):
    person = make_user(Role.BEIRAT)
    client.force_login(staff_user)
    response = client.post(
        reverse("users:update", args=[person.pk]),
        {"full_name": "Neuer Name", "organisation": "IHK", "role": Role.PARTNER},
    )
    assert response.status_code == 302
    person = User.objects.get(pk=person.pk)
    assert person.role == Role.PARTNER
    assert not person.is_active
    assert person.full_name == "Neuer Name"


def test_staff_cannot_lock_themselves_out(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("users:update", args=[staff_user.pk]),
        {"full_name": "Ich", "role": Role.VERWALTUNG},
    )
    assert response.status_code == 200
    assert "eigenes Konto nicht deaktivieren" in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.is_active


def test_resend_invitation_sends_a_new_mail(client, staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        person = services.user_invite(
            email="r@example.org", full_name="R", role=Role.BEIRAT, invited_by=staff_user
        )
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("users:resend-invitation", args=[person.pk]))
    assert len(mail.outbox) == 2
    assert person.invitations.count() == 2


def test_deactivated_user_cannot_log_in(client, make_user):
    person = make_user(Role.BEIRAT, email="weg@example.org", is_active=False)
    client.post(
        reverse("account_login"), {"login": person.email, "password": "Sicheres-Passwort-2014"}
    )
    assert "_auth_user_id" not in client.session


def test_sign_up_is_closed(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "x@example.org",
            "password1": "Ein-gutes-Passwort-1",
            "password2": "Ein-gutes-Passwort-1",
        },
    )
    assert not User.objects.filter(email="x@example.org").exists()
    assert response.status_code == 200


def test_user_list_filters_by_role(client, staff_user, make_user):
    make_user(Role.BEIRAT, full_name="Berta Beirat")
    make_user(Role.PARTNER, full_name="Peter Partner")
    client.force_login(staff_user)
    content = client.get(reverse("users:list"), {"role": Role.BEIRAT}).content.decode()
    assert "Berta Beirat" in content
    assert "Peter Partner" not in content


def test_user_list_query_count_stays_flat(client, staff_user, make_user, count_queries):
    client.force_login(staff_user)
    for _ in range(3):
        make_user(Role.BEIRAT)
    small = count_queries(lambda: client.get(reverse("users:list")))
    for _ in range(30):
        make_user(Role.PARTNER)
    large = count_queries(lambda: client.get(reverse("users:list")))
    assert small == large


def test_staff_without_totp_are_sent_to_set_it_up_when_required(client, settings, staff_user):
    settings.MFA_REQUIRED_FOR_VERWALTUNG = True
    client.force_login(staff_user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    Authenticator.objects.create(user=staff_user, type=Authenticator.Type.TOTP, data={})
    assert client.get(reverse("home")).status_code == 200


def test_other_roles_are_not_forced_into_totp(client, settings, make_user):
    settings.MFA_REQUIRED_FOR_VERWALTUNG = True
    client.force_login(make_user(Role.BEIRAT))
    assert client.get(reverse("home")).status_code == 200


def test_login_rate_limit_uses_the_shared_cache(client, make_user):
    person = make_user(Role.BEIRAT, email="rate@example.org")
    for _ in range(6):
        client.post(reverse("account_login"), {"login": person.email, "password": "falsch"})
    response = client.post(
        reverse("account_login"), {"login": person.email, "password": "Sicheres-Passwort-2014"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_account_pages_link_to_two_factor_set_up(client, make_user):
    client.force_login(make_user(Role.BEIRAT))
    content = client.get(reverse("account_change_password")).content.decode()
    assert reverse("mfa_index") in content
    assert "Zwei-Faktor-Anmeldung" in content
    mfa = client.get(reverse("mfa_index")).content.decode()
    assert reverse("mfa_activate_totp") in mfa


def _current_code(secret):
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_any_member_sets_up_totp_and_then_needs_the_code_to_log_in(client, make_user):
    user = make_user(Role.PARTNER, email="zwei@example.org")
    login = client.post(
        reverse("account_login"), {"login": user.email, "password": "Sicheres-Passwort-2014"}
    )
    assert login.status_code == 302
    # Setting up a second factor asks for the password once more.
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(
        reverse("account_reauthenticate")
    )
    client.post(reverse("account_reauthenticate"), {"password": "Sicheres-Passwort-2014"})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    client.logout()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "Sicheres-Passwort-2014"}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_model_permissions_granted_in_the_admin_add_no_rights_to_a_role(
    client, make_user, count_queries
):
    """A role's rights are its rules; a permission given to its group or to a person in
    /admin/ changes nothing (and asking for it costs no query)."""
    from django.contrib.auth.models import Group, Permission

    person = make_user(Role.PARTNER, email="partner@example.org")
    view_report = Permission.objects.get(content_type__app_label="reports", codename="view_report")
    Group.objects.get(name=Role.PARTNER).permissions.add(view_report)
    person.user_permissions.add(view_report)
    person = User.objects.get(pk=person.pk)
    asked = {}
    queries = count_queries(lambda: asked.update(perm=person.has_perm("reports.view_report")))
    assert asked["perm"] is False
    assert queries == 0
    assert person.get_all_permissions() == set()
    client.post(
        reverse("account_login"), {"login": person.email, "password": "Sicheres-Passwort-2014"}
    )
    assert client.session["_auth_user_id"] == str(person.pk)


def test_user_list_filters_say_alle(client, staff_user):
    client.force_login(staff_user)
    content = client.get(reverse("users:list")).content.decode()
    assert "---------" not in content and "Unbekannt" not in content
    assert ">alle</option>" in content

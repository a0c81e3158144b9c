"""Failed logins slow an attacker down without locking the account's owner out."""

import pytest
from django.test import Client
from django.urls import reverse

from dialog.accounts.roles import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER_IP, OWNER_IP = "203.0.113.9", "198.51.100.7"


def _login(client, email, password, **client_address):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, **client_address
    )


@pytest.fixture
def staff_account(make_user):
    return make_user(Role.VERWALTUNG, is_staff=True, email="verwaltung@example.org")


def test_the_owner_logs_in_from_another_client_after_an_attackers_five_failures(staff_account):
    attacker, owner = Client(), Client()
    for _ in range(5):
        _login(attacker, staff_account.email, "geraten-123456", REMOTE_ADDR=ATTACKER_IP)
    # The owner, from their own client, logs in as ever …
    _login(owner, staff_account.email, PASSWORD, REMOTE_ADDR=OWNER_IP)
    assert owner.session.get("_auth_user_id") == str(staff_account.pk)
    # … while the attacker is slowed down: even the right password is not tried any more.
    refused = _login(attacker, staff_account.email, PASSWORD, REMOTE_ADDR=ATTACKER_IP)
    assert "_auth_user_id" not in attacker.session
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in refused.content.decode()


def test_behind_the_proxy_clients_are_told_apart_by_the_forwarded_address(settings, staff_account):
    """nginx (deploy/nginx) appends the client's address to X-Forwarded-For; every request
    reaches gunicorn from the proxy itself."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    attacker, owner = Client(), Client()
    for _ in range(5):
        _login(
            attacker, staff_account.email, "geraten-123456",
            HTTP_X_FORWARDED_FOR=f"10.0.0.1, {ATTACKER_IP}", **proxy,
        )  # fmt: skip
    _login(owner, staff_account.email, PASSWORD, HTTP_X_FORWARDED_FOR=OWNER_IP, **proxy)
    assert owner.session.get("_auth_user_id") == str(staff_account.pk)
    _login(attacker, staff_account.email, PASSWORD, HTTP_X_FORWARDED_FOR=ATTACKER_IP, **proxy)
    assert "_auth_user_id" not in attacker.session


def test_one_client_cannot_guess_on_across_many_accounts(make_user):
    """Per client, failures across accounts are limited too (10 a minute)."""
    accounts = [make_user(Role.BEIRAT) for _ in range(11)]
    attacker = Client()
    for account in accounts[:10]:
        _login(attacker, account.email, "geraten-123456", REMOTE_ADDR=ATTACKER_IP)
    _login(attacker, accounts[10].email, PASSWORD, REMOTE_ADDR=ATTACKER_IP)
    assert "_auth_user_id" not in attacker.session


def test_while_redis_is_down_logins_and_public_forms_are_not_limited_but_work(
    settings, staff_account
):
    """The cache fails open (dialog/core/cache.py): the limits pause, nobody is locked out."""
    from tests.events.factories import EventFactory

    settings.CACHES = {
        "default": {
            "BACKEND": "dialog.core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    owner = Client()
    _login(owner, staff_account.email, PASSWORD, REMOTE_ADDR=OWNER_IP)
    assert owner.session.get("_auth_user_id") == str(staff_account.pk)
    event = EventFactory()
    response = Client().post(
        reverse("events:register", args=[event.pk]),
        {"name": "Karin Lürken", "email": "karin@example.org", "consent": "on"},
    )
    assert response.status_code == 302
    assert event.registrations.filter(email="karin@example.org").exists()

"""Cross-cutting security properties: CSRF on every route, session rotation, headers."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from dialog.accounts.roles import Role

from .access_table import SAMPLES
from .test_access import ROUTES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("route", "name"), ROUTES, ids=[route or "/" for route, _ in ROUTES])
def test_state_changing_requests_need_a_csrf_token(route, name, make_user):
    user = make_user(Role.VERWALTUNG, is_staff=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    kwargs = SAMPLES[route](user) if route in SAMPLES else {}
    response = client.post(reverse(name, kwargs=kwargs), {"x": "y"})
    assert response.status_code == 403, f"{route} accepted a POST without CSRF token"


def test_csrf_failure_page_is_german(make_user):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "Sitzung abgelaufen" in response.content.decode()


def test_session_key_changes_at_login(client, make_user):
    user = make_user(Role.BEIRAT, email="rotation@example.org")
    client.get(reverse("account_login"))
    client.session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(
        reverse("account_login"), {"login": user.email, "password": "Sicheres-Passwort-2014"}
    )
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.session.get("_auth_user_id") == str(user.pk)
    assert before != after


def test_content_security_policy_has_no_unsafe_inline(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"

"""The page cache (dialog/pagecache.py): pages come from the cache until data changes, per user,
with the visitor's own CSRF token and never hiding a flash message."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialog.accounts.roles import Role
from dialog.celery import app
from dialog.core import pagecache
from tests.companies.factories import CompanyFactory
from tests.conftest import database_queries

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def rendered(response):
    """Whether the view rendered a template (a cache hit renders none)."""
    return bool(response.templates)


def count_queries(func):
    with CaptureQueriesContext(connection) as ctx:
        func()
    return database_queries(ctx)


def test_second_visit_comes_from_the_cache_with_fewer_queries(client_for):
    client = client_for(Role.VERWALTUNG)
    CompanyFactory.create_batch(3)
    url = reverse("companies:list")
    first = {}
    miss = count_queries(lambda: first.setdefault("r", client.get(url)))
    second = {}
    hit = count_queries(lambda: second.setdefault("r", client.get(url)))
    assert rendered(first["r"]) and not rendered(second["r"])
    assert second["r"].status_code == 200
    assert TOKEN.sub("", first["r"].content.decode()) == TOKEN.sub("", second["r"].content.decode())
    assert hit < miss
    assert hit <= 3  # session, user: what every request costs


def test_a_saved_change_shows_at_once(client_for):
    client = client_for(Role.VERWALTUNG)
    company = CompanyFactory(name="Alte Firma GmbH")
    url = reverse("companies:detail", args=[company.pk])
    assert "Alte Firma GmbH" in client.get(url).content.decode()
    company.name = "Neue Firma GmbH"
    company.save()
    response = client.get(url)
    assert rendered(response)
    assert "Neue Firma GmbH" in response.content.decode()


def test_a_change_without_signals_shows_after_the_next_state_changing_request(client_for):
    client = client_for(Role.VERWALTUNG)
    company = CompanyFactory(name="Alte Firma GmbH")
    url = reverse("companies:detail", args=[company.pk])
    client.get(url)
    type(company).objects.filter(pk=company.pk).update(name="Neue Firma GmbH")
    client.post(reverse("set_language"), {"language": "de", "next": url})
    assert "Neue Firma GmbH" in client.get(url).content.decode()


def test_every_user_gets_their_own_page(make_user):
    one = make_user(Role.VERWALTUNG, is_staff=True, full_name="Erste Sachbearbeiterin")
    two = make_user(Role.VERWALTUNG, is_staff=True, full_name="Zweiter Sachbearbeiter")
    first, second = Client(), Client()
    first.force_login(one)
    second.force_login(two)
    url = reverse("measures:list")

    def signed_in_as(page):
        return re.search(r'class="portal-user small">\s*([^<]+)<', page).group(1).strip()

    assert signed_in_as(first.get(url).content.decode()) == "Erste Sachbearbeiterin"
    assert signed_in_as(second.get(url).content.decode()) == "Zweiter Sachbearbeiter"
    assert signed_in_as(first.get(url).content.decode()) == "Erste Sachbearbeiterin"


def test_a_cached_page_carries_the_visitors_own_working_csrf_token(make_user):
    user = make_user(Role.VERWALTUNG, is_staff=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    url = reverse("measures:list")
    client.get(url)
    hit = client.get(url)
    assert not rendered(hit)
    page = hit.content.decode()
    assert pagecache.TOKEN_PLACEHOLDER not in page
    token = TOKEN.search(page).group(1)
    response = client.post(
        reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    # A second browser of another visitor gets a token of its own, not the cached one.
    other = Client(enforce_csrf_checks=True)
    other.force_login(user)
    other_page = other.get(url).content.decode()
    assert TOKEN.search(other_page).group(1) != token


def test_a_pending_message_is_shown_not_hidden_by_the_cache(client_for):
    client = client_for(Role.VERWALTUNG)
    url = reverse("measures:list")
    client.get(url)
    # A message waiting in the cookie, written by a request that changed no data.
    storage = CookieStorage(RequestFactory().get("/"))
    carrier = HttpResponse()
    storage._store([Message(constants.SUCCESS, "Gespeichert, ohne Änderung.")], carrier)
    client.cookies[storage.cookie_name] = carrier.cookies[storage.cookie_name].value
    response = client.get(url)
    assert rendered(response)
    assert "Gespeichert, ohne Änderung." in response.content.decode()
    # The page with the message is not kept: the next visit shows the page without it.
    again = client.get(url)
    assert "Gespeichert, ohne Änderung." not in again.content.decode()


def test_each_language_has_its_own_page(client):
    url = reverse("measures:list")
    german = client.get(url, headers={"accept-language": "de"}).content.decode()
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert 'lang="de"' in german and 'lang="en"' in english


def test_exports_are_never_cached_and_always_audited(client_for):
    from dialog.audit.models import AuditEntry

    client = client_for(Role.VERWALTUNG)
    url = reverse("companies:list") + "?format=csv"
    client.get(url)
    client.get(url)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).count() == 2


def test_a_finished_task_starts_a_new_data_version():
    before = pagecache.current_version()

    @app.task(name="tests.pagecache_probe")
    def probe():
        return "ok"

    assert probe.apply().get() == "ok"
    assert pagecache.current_version() != before


def test_switched_off_with_a_timeout_of_zero(client_for, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    client = client_for(Role.VERWALTUNG)
    url = reverse("measures:list")
    client.get(url)
    assert rendered(client.get(url))


@pytest.mark.skipif(not settings.REDIS_URL, reason="counts Redis commands (cache in Redis)")
def test_a_hit_reads_version_and_page_in_one_round_trip_on_one_reused_client(
    client_for, monkeypatch
):
    from django.core.cache import cache

    client = client_for(Role.VERWALTUNG)
    url = reverse("companies:list")
    client.get(url)
    redis = cache._cache.get_client()
    assert cache._cache.get_client() is redis  # not a new redis.Redis per call
    commands = []
    execute = redis.execute_command

    def counting(*args, **options):
        commands.append(args[0])
        return execute(*args, **options)

    monkeypatch.setattr(redis, "execute_command", counting)
    response = client.get(url)
    assert not rendered(response)
    # The session (cached_db) and one MGET of the data version and the page.
    assert commands.count("MGET") == 1
    assert len(commands) <= 2, commands


def test_a_page_kept_under_an_older_version_is_rendered_afresh(client_for):
    client = client_for(Role.VERWALTUNG)
    url = reverse("companies:list")
    client.get(url)
    assert not rendered(client.get(url))
    pagecache.bump_version()
    assert rendered(client.get(url))
    assert not rendered(client.get(url))

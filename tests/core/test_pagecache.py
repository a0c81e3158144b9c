"""The page cache (dialog/pagecache.py): pages come from the cache until data changes, per user,
with the visitor's own CSRF token and never hiding a flash message."""

import re
import time

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
from django.utils import timezone

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


def test_a_change_without_signals_shows_at_once(client_for):
    client = client_for(Role.VERWALTUNG)
    company = CompanyFactory(name="Alte Firma GmbH")
    url = reverse("companies:detail", args=[company.pk])
    client.get(url)
    type(company).objects.filter(pk=company.pk).update(name="Neue Firma GmbH")
    response = client.get(url)
    assert rendered(response)
    assert "Neue Firma GmbH" in response.content.decode()


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


def test_a_task_that_writes_starts_a_new_data_version_one_that_only_reads_does_not():
    company = CompanyFactory(name="Alte Firma GmbH")

    @app.task(name="tests.pagecache_reader")
    def reader():
        return type(company).objects.count()

    @app.task(name="tests.pagecache_writer")
    def writer(pk):
        type(company).objects.filter(pk=pk).update(name="Neue Firma GmbH")

    before = pagecache.current_version()
    assert reader.apply().get() >= 1
    assert pagecache.current_version() == before
    writer.apply(args=[company.pk]).get()
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


# --- Invalidation only by real data writes (#17) -------------------------------------------
@pytest.fixture
def cache_pages(make_user):
    """Two staff members' lists, cached; returns a check that they are all still kept."""

    def fill():
        clients = []
        for _ in range(2):
            client = Client()
            client.force_login(make_user(Role.VERWALTUNG, is_staff=True))
            clients.append(client)
        urls = [reverse("companies:list"), reverse("measures:list")]
        for client in clients:
            for url in urls:
                assert rendered(client.get(url))
                assert not rendered(client.get(url))

        def still_kept():
            return all(not rendered(client.get(url)) for client in clients for url in urls)

        return still_kept

    return fill


def test_an_anonymous_post_refused_by_csrf_keeps_every_page(cache_pages):
    cached_pages = cache_pages()
    before = pagecache.current_version()
    anonymous = Client(enforce_csrf_checks=True)
    for url in (reverse("companies:list"), reverse("set_language"), "/konto/login/"):
        assert anonymous.post(url, {"language": "en"}).status_code == 403
    assert pagecache.current_version() == before
    assert cached_pages()


def test_a_refused_post_of_a_signed_in_user_keeps_every_page(cache_pages, make_user):
    partner = Client(enforce_csrf_checks=True)
    partner.force_login(make_user(Role.PARTNER))
    cached_pages = cache_pages()
    before = pagecache.current_version()
    partner.get(reverse("measures:list"))
    # Without a token: refused by CSRF; with a token, on a form the role may not use: 403.
    assert partner.post(reverse("companies:create"), {"name": "X"}).status_code == 403
    token = partner.cookies[settings.CSRF_COOKIE_NAME].value
    response = partner.post(
        reverse("companies:create"), {"name": "X", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 403
    assert pagecache.current_version() == before
    assert cached_pages()


def test_a_login_keeps_every_page(cache_pages, make_user):
    from tests.conftest import PASSWORD

    user = make_user(Role.BEIRAT)
    cached_pages = cache_pages()
    before = pagecache.current_version()
    visitor = Client()
    response = visitor.post("/konto/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.last_login is not None  # the login did write: its timestamp and session
    assert pagecache.current_version() == before
    assert cached_pages()


def test_beats_bookkeeping_keeps_every_page(cache_pages):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every_hour = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    task = PeriodicTask.objects.create(name="probe", task="probe", interval=every_hour)
    cached_pages = cache_pages()
    before = pagecache.current_version()
    # What beat does after every run (django_celery_beat.schedulers.ModelEntry.save).
    task.last_run_at, task.total_run_count, task.no_changes = timezone.now(), 1, True
    task.save()
    assert pagecache.current_version() == before
    assert cached_pages()


def test_a_real_data_save_drops_the_pages(cache_pages):
    cached_pages = cache_pages()
    CompanyFactory()
    assert not cached_pages()


def test_a_write_started_inside_a_transaction_starts_a_new_version_again_after_commit():
    from django.db import transaction

    with transaction.atomic():
        CompanyFactory()
        inside = pagecache.current_version()
        callbacks = [entry[1] for entry in connection.run_on_commit]
        CompanyFactory()
        # One callback per transaction, however many writes.
        assert [entry[1] for entry in connection.run_on_commit] == callbacks
    assert pagecache.bump_version in callbacks
    assert inside is not None


@pytest.mark.parametrize(
    ("sql", "changes"),
    [
        ('INSERT INTO "companies_company" ("name") VALUES (%s)', True),
        ('UPDATE "companies_company" SET "name" = %s WHERE "id" = %s', True),
        ('DELETE FROM "events_registration" WHERE "id" IN (%s)', True),
        ('TRUNCATE "django_session", "companies_company"', True),
        ('SELECT "id" FROM "companies_company" FOR UPDATE', False),
        ('UPDATE "django_session" SET "expire_date" = %s WHERE "session_key" = %s', False),
        ('INSERT INTO "dialog_cache" (cache_key, value, expires) VALUES (%s, %s, %s)', False),
        ('UPDATE "dialog_user" SET "last_login" = %s WHERE "dialog_user"."id" = %s', False),
        ('UPDATE "dialog_user" SET "last_login" = %s, "email" = %s WHERE "id" = %s', True),
        ('UPDATE "dialog_user" SET "is_active" = %s WHERE "id" = %s', True),
        ('UPDATE "mfa_authenticator" SET "last_used_at" = %s WHERE "id" = %s', False),
        ('UPDATE "django_celery_beat_periodictask" SET "total_run_count" = %s', False),
    ],
)
def test_which_statements_change_pages(sql, changes):
    assert pagecache.changes_pages(sql) is changes


# --- One render for concurrent misses ------------------------------------------------------
def test_concurrent_misses_of_one_page_render_it_once(rf):
    from concurrent.futures import ThreadPoolExecutor

    from django.contrib.auth.models import AnonymousUser
    from django.urls import resolve

    renders = []

    def slow_view(request):
        renders.append(1)
        time.sleep(0.5)
        return HttpResponse("<p>Seite</p>", content_type="text/html; charset=utf-8")

    def get_response(request):
        response = middleware.process_view(request, slow_view, (), {})
        return response if response is not None else slow_view(request)

    middleware = pagecache.PageCacheMiddleware(get_response)

    def visit(_):
        request = rf.get(reverse("home"))
        request.user = AnonymousUser()
        request.resolver_match = resolve(reverse("home"))
        return middleware(request)

    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(visit, range(6)))
    assert [response.status_code for response in responses] == [200] * 6
    assert {response.content for response in responses} == {b"<p>Seite</p>"}
    assert len(renders) == 1


def test_a_miss_renders_itself_when_the_first_render_is_not_kept(rf, settings):
    """The first renderer's page is not storable (here: a 404): the others do not wait for
    ``RENDER_WAIT`` but render on their own as soon as the lock is given up."""
    from concurrent.futures import ThreadPoolExecutor

    from django.contrib.auth.models import AnonymousUser
    from django.urls import resolve

    renders = []

    def slow_missing(request):
        renders.append(1)
        time.sleep(0.3)
        return HttpResponse("weg", status=404, content_type="text/html")

    def get_response(request):
        return middleware.process_view(request, slow_missing, (), {}) or slow_missing(request)

    middleware = pagecache.PageCacheMiddleware(get_response)

    def visit(_):
        request = rf.get(reverse("home"))
        request.user = AnonymousUser()
        request.resolver_match = resolve(reverse("home"))
        started = time.monotonic()
        response = middleware(request)
        return response.status_code, time.monotonic() - started

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(visit, range(3)))
    assert [status for status, _ in results] == [404] * 3
    assert len(renders) == 3
    assert max(seconds for _, seconds in results) < pagecache.RENDER_WAIT


def test_on_the_embedded_default_writes_move_the_version_without_breaking_inserts(tmp_path):
    """SQLite with the cache in the same database (no DATABASE_URL, no REDIS_URL): a save
    outside a transaction moves the version before the next statement or at the end of the
    request, and an insert whose id is read back (INSERT … RETURNING) is not disturbed."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(VAR_DIR=str(tmp_path), DEBUG="true")
    script = """
from django.core.management import call_command
from django.core.signals import request_finished
from allauth.account.models import EmailAddress
from dialog.core import pagecache
from tests.factories import UserFactory
call_command("createcachetable")
call_command("migrate", verbosity=0)
before = pagecache.current_version()
user = UserFactory(email="eingebettet@example.org")
assert EmailAddress.objects.filter(user=user).count() == 1
after_insert = pagecache.current_version()
assert after_insert != before
user.full_name = "Neu"
user.save(update_fields=["full_name"])
request_finished.send(sender=None)
assert pagecache.current_version() != after_insert
print("OK")
"""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "OK" in result.stdout, result.stdout + result.stderr[-3000:]

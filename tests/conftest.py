"""Fixtures shared by the whole suite: users per role, a real browser, axe, a real worker."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialog.accounts.roles import Role
from dialog.celery import app as celery_app

from .factories import UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
ROLES = [role.value for role in Role]
PASSWORD = "Sicheres-Passwort-2014"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


DB_FIXTURES = {"db", "transactional_db", "live_server"}


@pytest.fixture(autouse=True)
def _fresh_cache(request, django_db_blocker):
    """Sessions, rate limits and cached figures never leak from one test into the next.

    Only for tests that use the database (the embedded default keeps the cache there).
    """
    if not (
        request.node.get_closest_marker("django_db") or DB_FIXTURES & set(request.fixturenames)
    ):
        return
    from django.core.cache import cache

    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
            call_command("createcachetable")  # the embedded default keeps it in the test DB
        cache.clear()


@pytest.fixture(autouse=True)
def _german_in_every_test():
    """Each test starts in the portal's language: a request of an earlier test in English
    (LocaleMiddleware activates the visitor's language for the thread) never carries over."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _tasks_run_eagerly():
    """Tasks run in-process unless a test asks for the real worker."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def _every_mail_has_text_and_html():
    """Whatever a test makes the portal send: a text part and an HTML part, one recipient."""
    yield
    from django.core import mail

    for message in getattr(mail, "outbox", []):
        assert message.body.strip(), message.subject
        assert [kind for _html, kind in message.alternatives] == ["text/html"], message.subject
        assert len(message.to) == 1 and not message.cc and not message.bcc, message.subject


# --- The demo data ---------------------------------------------------------------------
_DEMO = {}  # per database (each xdist worker has its own): the tables' rows and the media


@pytest.fixture
def demo(db, settings, tmp_path_factory):
    """What ``manage.py load_demo`` writes: loaded once per worker, then copied in.

    Loading the demo renders its released reports and writes some 2,500 rows (about 15 s); the
    tests that only need its data get the same rows and files copied in with PostgreSQL's
    ``COPY`` in well under a second. The tests of ``load_demo`` itself call the command.
    On SQLite (the embedded default) every use loads the demo.
    """
    import shutil

    if connection.vendor != "postgresql":
        call_command("load_demo", verbosity=0)
        return
    key = connection.settings_dict["NAME"]
    media = Path(settings.MEDIA_ROOT)
    if key not in _DEMO:
        call_command("load_demo", verbosity=0)
        saved_media = tmp_path_factory.mktemp("demo-media")
        if media.exists():
            shutil.copytree(media, saved_media, dirs_exist_ok=True)
        _DEMO[key] = (_copy_tables_out(), saved_media)
        return
    tables, saved_media = _DEMO[key]
    _copy_tables_in(tables)
    shutil.copytree(saved_media, media, dirs_exist_ok=True)


def _demo_tables():
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _copy_tables_out():
    tables = {}
    with connection.cursor() as cursor:
        for table in _demo_tables():
            with cursor.copy(f'COPY "{table}" TO STDOUT (FORMAT BINARY)') as copy:
                tables[table] = b"".join(bytes(block) for block in copy)
    return tables


def _copy_tables_in(tables):
    """Replace every table's rows with ``tables``' (Django's foreign keys are checked at
    commit, so the order does not matter), then move the sequences past the ids."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.core.management.color import no_style
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        names = ", ".join(f'"{table}"' for table in _demo_tables())
        cursor.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        for table, rows in tables.items():
            with cursor.copy(f'COPY "{table}" FROM STDIN (FORMAT BINARY)') as copy:
                copy.write(rows)
        # Also the many-to-many tables (user groups): their ids would collide, and `add()`
        # ignores a conflict silently.
        models = apps.get_models(include_auto_created=True)
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    ContentType.objects.clear_cache()
    cache.clear()


@pytest.fixture
def make_user(db):
    def make(role=None, **kwargs):
        kwargs.setdefault("password", PASSWORD)
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def staff_user(make_user):
    return make_user(Role.VERWALTUNG, is_staff=True)


@pytest.fixture
def client_for(client, make_user):
    """A test client logged in with the given role (``None``: anonymous)."""

    def login(role):
        client.logout()
        client.user = None
        if role and role != "anonymous":
            client.user = make_user(role, is_staff=role == Role.VERWALTUNG)
            client.force_login(client.user)
        return client

    return login


def database_queries(ctx):
    """The number of queries captured, without those of the database cache."""
    return sum('"dialog_cache"' not in query["sql"] for query in ctx.captured_queries)


@pytest.fixture
def count_queries(settings):
    """Run a callable and return how many queries it made.

    The page cache is off while it is in use: the counts are those of rendering the page.
    Reads of the cache itself do not count (with the embedded default it lives in a table of
    the database; in production it is Redis).
    """
    settings.PAGE_CACHE_TIMEOUT = 0

    def count(func):
        with CaptureQueriesContext(connection) as ctx:
            func()
        return database_queries(ctx)

    return count


# --- Browser ------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "de-DE", "timezone_id": "Europe/Berlin"}


@pytest.fixture
def login_in_browser(live_server):
    def login(page, email, password=PASSWORD):
        page.goto(f"{live_server.url}/konto/login/")
        page.get_by_label("E-Mail").fill(email)
        page.get_by_label("Passwort").fill(password)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_load_state()

    return login


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def assert_accessible(axe):
    """axe-core finds no WCAG 2.1 A/AA violation on the page as it is now."""

    def check(page):
        from playwright.sync_api import Error

        for attempt in range(3):
            # A click on a link may still be navigating: axe then runs on a document that
            # goes away under it. Wait for the new page and check that one.
            page.wait_for_load_state("load")
            try:
                results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
                break
            except Error as exc:
                navigating = "documentElement" in str(exc) or "context was destroyed" in str(exc)
                if not navigating or attempt == 2:
                    raise
        violations = results.response["violations"]
        assert not violations, f"{page.url}:\n" + results.generate_report()

    return check


# --- A real Celery worker -----------------------------------------------------------------
def _database_url_for_worker():
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    """A real ``celery worker`` process on the configured broker and the test database."""
    celery_app.conf.task_always_eager = False
    env = {
        **os.environ,
        "DATABASE_URL": _database_url_for_worker(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "EMAIL_URL": "dummymail://",
    }
    log = (tmp_path / "worker.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "dialog",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log_path = tmp_path / "worker.log"
    deadline = time.monotonic() + 60
    while " ready." not in log_path.read_text():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("Celery worker did not start:\n" + log_path.read_text())
        time.sleep(0.3)
    yield proc
    # Shown by pytest only when the test failed: what the worker did.
    print("--- worker log ---\n" + log_path.read_text()[-4000:])
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()

"""Fault tests on real, private services: a killed worker, a stopped Redis, a restarted
PostgreSQL.

Design
------
Other engineers' tests use the machine's shared PostgreSQL (5432) and Redis (6379) at the same
time, and pytest-django's test database lives on that shared server. A fault test must never
stop, restart or flush those. So these tests start their own services, once per session:

* a private ``redis-server`` on a free port without persistence, which a test may stop and
  start again on the same port;
* a private PostgreSQL cluster: ``initdb`` into a temporary directory as the ``postgres`` OS
  user (when run as root, as in CI), ``pg_ctl start`` on a free port with its socket in that
  directory, migrated once with ``manage.py migrate``; a test may restart it.

Everything that talks to these services runs as a real subprocess with production settings
and the environment of production (``DATABASE_URL``, ``REDIS_URL``; a short
``CELERY_VISIBILITY_TIMEOUT`` and ``CELERY_RESTORE_INTERVAL``): the web part is gunicorn with
one sync worker (so its database connection persists between requests, as in production),
workers are ``celery worker`` processes. The test process does not use Django's ORM for these
services (its connections point at the shared test database): it drives the web part over
HTTP like a browser, prepares data with short ``manage.py shell`` scripts, and reads the
outcome with psycopg and redis-py. Nothing is mocked.

Each test gets fresh web/worker processes and an empty private Redis; processes, services and
the cluster directory are stopped and removed in the fixtures' teardown, also when a test fails.
Every wait is bounded, so a broken service fails a test within seconds instead of hanging.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 10  # seconds; production: CELERY_VISIBILITY_TIMEOUT, default 300
RESTORE_INTERVAL = 1  # seconds between a worker's looks for messages of dead workers
STAFF_EMAIL = "faults-verwaltung@example.org"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout: float, what: str, interval: float = 0.2):
    """Poll ``condition`` until it returns something truthy; fail the test after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def _stop(proc: subprocess.Popen | None, sig=signal.SIGTERM, timeout: float = 15) -> None:
    """Stop a process this test suite started (its own process group), by its id."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


# --- Redis ------------------------------------------------------------------------------------
class PrivateRedis:
    """A redis-server of our own; ``stop()`` and ``start()`` keep the port."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def start(self) -> None:
        log = (self.directory / "redis.log").open("a")
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.directory)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        wait_for(self._answers, 15, "the private Redis to start")

    def _answers(self) -> bool:
        try:
            return bool(self.client().ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        _stop(self.proc)
        self.proc = None

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


# --- PostgreSQL -------------------------------------------------------------------------------
class PrivatePostgres:
    """A PostgreSQL cluster of our own in a temporary directory."""

    def __init__(self):
        bindirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key)
        if not bindirs:
            pytest.fail("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
        self.bindir = Path(bindirs[-1])
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="dialog-faults-pg-"))
        self.as_root = os.geteuid() == 0
        if self.as_root:  # the server refuses to run as root: it runs as "postgres"
            shutil.chown(self.directory, "postgres", "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/dialog"

    def _run(self, *args: str, timeout: float = 60) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=self.directory
        )
        if result.returncode:
            pytest.fail(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")

    def init_and_start(self) -> None:
        data = str(self.directory / "data")
        self._run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8")
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.directory / "server.log")
        self._run("pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "30", "start")
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE dialog")

    def restart(self) -> None:
        # "fast" ends every open connection, as a crash or an upgrade of the server would.
        data, log = str(self.directory / "data"), str(self.directory / "server.log")
        self._run("pg_ctl", "-D", data, "-l", log, "-m", "fast", "-w", "restart")

    def stop_and_delete(self) -> None:
        try:
            data = str(self.directory / "data")
            if (self.directory / "data" / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop", timeout=30)
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def dsn(self, dbname: str = "dialog") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname} connect_timeout=5"

    def fetch_report(self, report_id: int) -> dict:
        with psycopg.connect(self.dsn()) as conn:
            cursor = conn.execute(
                "SELECT status, error_message, pdf, pdf_sha256, pdf_page_count, generated_at"
                " FROM reports_report WHERE id = %s",
                [report_id],
            )
            names = [column.name for column in cursor.description]
            return dict(zip(names, cursor.fetchone(), strict=True))


def _version_key(path: str):
    version = Path(path).parent.name
    return int(version) if version.isdigit() else 0


# --- The whole private stack ------------------------------------------------------------------
@dataclass
class PrivateServices:
    redis: PrivateRedis
    postgres: PrivatePostgres
    media_root: Path
    # Variables every process of the current test gets besides (e.g. the file broker's).
    extra_env: dict[str, str] = field(default_factory=dict)

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a web or worker process on the private services."""
        env = {
            **os.environ,
            "DATABASE_URL": self.postgres.url,
            "REDIS_URL": self.redis.url,
            "MEDIA_ROOT": str(self.media_root),
            "EMAIL_URL": "dummymail://",
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "CELERY_RESTORE_INTERVAL": str(RESTORE_INTERVAL),
            "CONN_MAX_AGE": "60",
            "LOG_LEVEL": "INFO",
            "LOG_FORMAT": "plain",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PYTHONUNBUFFERED": "1",
        }
        env.setdefault("SECRET_KEY", "test-only-not-secret")
        env.setdefault("DEBUG", "false")
        env.setdefault("HTTPS", "false")
        env.update(self.extra_env)
        env.update(extra)
        return env

    def django(self, code: str) -> str:
        """Run a few lines of Python in Django against the private services; its last line of
        output is the answer."""
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode:
            pytest.fail(f"manage.py shell failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout.strip().splitlines()[-1]

    def staff_session(self) -> str:
        """A logged-in staff member's session key (the login page itself is not under test)."""
        return self.django(
            "from django.test import Client\n"
            "from dialog.accounts.models import User\n"
            "from dialog.accounts.roles import Role\n"
            "from tests.factories import UserFactory\n"
            f"user = User.objects.filter(email={STAFF_EMAIL!r}).first()\n"
            f"user = user or UserFactory(email={STAFF_EMAIL!r}, role=Role.VERWALTUNG,"
            " is_staff=True)\n"
            "client = Client()\n"
            "client.force_login(user)\n"
            "print(client.cookies['sessionid'].value)\n"
        )

    def create_report(self, title: str, *, request_generation: bool) -> int:
        """A draft report by the staff member; optionally queued for generation at once."""
        return int(
            self.django(
                "import datetime\n"
                "from django.utils import timezone\n"
                "from dialog.accounts.models import User\n"
                "from reports import services\n"
                "today = timezone.localdate()\n"
                "report = services.report_create(\n"
                f"    author=User.objects.get(email={STAFF_EMAIL!r}), title={title!r},\n"
                "    period_start=today - datetime.timedelta(days=90), period_end=today)\n"
                + ("services.report_request_generation(report=report)\n" * request_generation)
                + "print(report.pk)\n"
            )
        )


@pytest.fixture(scope="session")
def private_services(tmp_path_factory):
    """Private Redis and PostgreSQL for the whole session, migrated once."""
    base = tmp_path_factory.mktemp("faults")
    stack = PrivateServices(
        redis=PrivateRedis(base), postgres=PrivatePostgres(), media_root=base / "media"
    )
    try:
        stack.redis.start()
        stack.postgres.init_and_start()
        result = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=ROOT,
            env=stack.env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode:
            pytest.fail(f"migrate on the private PostgreSQL failed:\n{result.stderr}")
        yield stack
    finally:
        stack.redis.stop()
        stack.postgres.stop_and_delete()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """In a parallel run (``--dist loadgroup``) the tests on the private stack go to one xdist
    worker. They would not collide on two (free ports, own directories, own processes), but
    the stack is session-scoped: a second worker would build a second cluster (initdb,
    migrate: half a minute) for its share of them."""
    for item in items:
        if "private_services" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("private-services"))


@pytest.fixture
def stack(private_services, tmp_path):
    """The private services for one test: Redis running and empty, media in the test's
    directory. A test that stopped Redis leaves it running again afterwards."""
    if not private_services.redis.running:
        private_services.redis.start()
    private_services.redis.client().flushall()
    private_services.media_root = tmp_path / "media"
    private_services.extra_env = {}
    yield private_services
    private_services.extra_env = {}
    if not private_services.redis.running:
        private_services.redis.start()


@dataclass
class FileBroker:
    """The embedded default's Celery broker: folders on the file system (no ``REDIS_URL``)."""

    var_dir: Path

    @property
    def queue(self) -> Path:
        return self.var_dir / "celery" / "queue"

    def messages(self) -> list[Path]:
        return sorted(self.queue.glob("*.msg")) if self.queue.exists() else []


@pytest.fixture
def file_broker(stack, tmp_path):
    """The processes of this test use the embedded default's broker and cache instead of
    Redis: the file-system broker under their own ``VAR_DIR``, the cache in a table of the
    (private) database. Redis stays running; nobody uses it."""
    broker = FileBroker(tmp_path / "var")
    stack.extra_env = {"REDIS_URL": "", "VAR_DIR": str(broker.var_dir)}
    result = subprocess.run(
        [sys.executable, "manage.py", "createcachetable"],
        cwd=ROOT,
        env=stack.env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode:
        pytest.fail(f"createcachetable failed:\n{result.stderr}")
    return broker


# --- Reports ----------------------------------------------------------------------------------
def wait_for_report(stack: PrivateServices, report_id: int, wanted: set[str], timeout: float):
    """The report's row once its status is one of ``wanted``."""
    return wait_for(
        lambda: (row := stack.postgres.fetch_report(report_id))["status"] in wanted and row,
        timeout,
        f"report {report_id} to reach {wanted}",
    )


def assert_stored_pdf_matches(stack: PrivateServices, row: dict) -> None:
    """The report is ready and its stored file is the PDF its checksum names."""
    assert row["status"] == "ready", row["error_message"]
    assert row["pdf_page_count"] and row["pdf_page_count"] >= 1
    assert row["generated_at"] is not None
    content = (stack.media_root / row["pdf"]).read_bytes()
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == row["pdf_sha256"]


# --- Processes --------------------------------------------------------------------------------
class Processes:
    """Web and worker processes of one test; all stopped at its end."""

    def __init__(self, stack: PrivateServices, directory: Path):
        self.stack = stack
        self.directory = directory
        self.started: list[subprocess.Popen] = []
        self.logs: dict[str, Path] = {}

    def _popen(self, name: str, command: list[str], **env: str) -> subprocess.Popen:
        log_path = self.directory / f"{name}.log"
        self.logs[name] = log_path
        with log_path.open("w") as log:
            proc = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.stack.env(**env),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stoppable as a whole
            )
        self.started.append(proc)
        return proc

    def log(self, name: str) -> str:
        return self.logs[name].read_text(errors="replace")

    def _start(self, name: str, command: list[str], ready, **env: str) -> subprocess.Popen:
        """Start a process and wait until ``ready()``; fail with its log if it exits."""
        proc = self._popen(name, command, **env)

        def started():
            if proc.poll() is not None:
                pytest.fail(f"{name} exited:\n{self.log(name)}")
            return ready()

        wait_for(started, 45, f"{name} to start")
        return proc

    def worker(self, name: str, *, app: str = "dialog", **env: str) -> subprocess.Popen:
        """A ``celery worker`` (solo pool: the task runs in the process we may kill) of the
        Celery ``app`` (``tests.faults.slow_render``: one whose reports render slowly)."""
        return self._start(
            name,
            [sys.executable, "-m", "celery", "-A", app, "worker", "--pool=solo"]
            + ["--loglevel=INFO", "--without-gossip", "--without-mingle", "-n", f"{name}@%h"],
            lambda: " ready." in self.log(name),
            **env,
        )

    def web(self, **env: str) -> WebClient:
        """gunicorn with one sync worker on the private services; a client for it."""
        port = free_port()
        client = WebClient(f"http://127.0.0.1:{port}")

        def answers():
            try:
                return client.get("/healthz").status in (200, 503)
            except OSError:
                return False

        self._start(
            "web",
            [sys.executable, "-m", "gunicorn", "dialog.wsgi", "-b", f"127.0.0.1:{port}"]
            + ["-w", "1", "--timeout", "60", "--graceful-timeout", "5"],
            answers,
            **env,
        )
        return client

    def stop_all(self) -> None:
        for proc in reversed(self.started):
            _stop(proc)


@pytest.fixture
def processes(stack, tmp_path):
    group = Processes(stack, tmp_path)
    try:
        yield group
    finally:
        group.stop_all()


# --- HTTP ---------------------------------------------------------------------------------------
@dataclass
class Response:
    status: int
    body: str
    elapsed: float
    location: str = ""

    def json(self):
        return json.loads(self.body)


class WebClient:
    """A minimal browser: cookies, CSRF token from the cookie, redirects followed."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, timeout: float = 20):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read().decode("utf-8", errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for key, morsel in SimpleCookie(header).items():
                    self.cookies[key] = morsel.value
        finally:
            conn.close()
        return Response(
            response.status,
            content,
            time.monotonic() - started,
            response.headers.get("Location", ""),
        )

    def get(self, path: str, timeout: float = 20) -> Response:
        response = self.request("GET", path, timeout=timeout)
        for _hop in range(5):
            if response.status not in (301, 302, 303) or not response.location:
                break
            response = self.request("GET", urlsplit(response.location).path, timeout=timeout)
        return response

    def post(self, path: str, data: dict | None = None, timeout: float = 20) -> Response:
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **(data or {})}
        started = time.monotonic()
        response = self.request("POST", path, data=data, timeout=timeout)
        if response.status in (301, 302, 303) and response.location:
            response = self.get(urlsplit(response.location).path, timeout=timeout)
        response.elapsed = time.monotonic() - started
        return response

    def log_in(self, session_key: str) -> None:
        self.cookies["sessionid"] = session_key

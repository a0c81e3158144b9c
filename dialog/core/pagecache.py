"""Whole rendered pages, kept in the cache until the data behind them changes.

The portal's pages are read far more often than their data is written: a list or a dashboard
is rendered once and then served from the cache until data is written. Which pages take
part is a list of URL names (``PAGE_CACHE_VIEWS``): read-only HTML pages, never forms,
downloads or exports.

- **Key.** A page is kept per user (anonymous visitors share one copy), language, host, full
  path with query string and day (pages say "heute", "überfällig"), together with the *data
  version* it was rendered under; it is served only while that is still the current version.
  The version and the page are read in one round trip. No one is ever served another user's
  page.
- **Invalidation: real data writes only.** Every database connection carries a watcher
  (``connection.execute_wrappers``) that sees each statement: an ``INSERT``, ``UPDATE``,
  ``DELETE`` or ``TRUNCATE`` starts a new data version, at once and again after the commit
  (so that no request can cache what it read before the commit under the new version). That
  covers model saves, ``queryset.update()``, bulk writes and raw SQL alike, in requests,
  Celery tasks and commands. A request by itself changes nothing: a POST refused by CSRF, a
  permission check or a form error writes nothing and so keeps every page. Writes that no
  cached page shows are ignored (``IGNORED_TABLES``, ``IGNORED_COLUMNS``): sessions, the
  cache table, a login's ``last_login``, allauth's confirmation mails and authenticator usage,
  django-celery-beat's bookkeeping. Migrations, ``load_demo`` and a restore start a new
  version explicitly. ``PAGE_CACHE_TIMEOUT`` bounds the life of a page besides.
- **One render for concurrent misses.** The first request to miss a page takes a short lock
  (``cache.add``) and renders it; others asking for the same page meanwhile wait up to
  ``RENDER_WAIT`` seconds for it to appear and are then served it, or render it themselves
  if it does not come (the renderer failed, or the page is not storable).
- **Per-request parts.** CSRF tokens are stored as a placeholder and replaced by the
  visitor's own token when served; a page with flash messages is neither served from nor put
  into the cache.
- **Outage.** Without a reachable cache there is no data version: pages are rendered as
  usual.
"""

import hashlib
import logging
import re
import secrets
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

logger = logging.getLogger(__name__)
VERSION_KEY = "pagecache:version"
PAGE_KEY_PREFIX = "pagecache:page:"
TOKEN_PLACEHOLDER = "\ue000csrf-token\ue000"  # private-use characters: never in a real page
_TOKEN_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# A miss takes the render lock for at most RENDER_LOCK seconds; others wait up to RENDER_WAIT
# seconds for the page, looking every RENDER_POLL seconds.
RENDER_LOCK = 10
RENDER_WAIT = 3.0
RENDER_POLL = 0.02

# Writes that change no cached page. Whole tables: the session store (every login and many
# visits write it), the database cache table, allauth's e-mail confirmations (sent mails),
# django-celery-beat's tables (beat saves a task's last run after every run; only the
# uncached schedule pages read them).
IGNORED_TABLES = frozenset(
    [
        "django_session",
        "dialog_cache",
        "account_emailconfirmation",
        "django_celery_beat_periodictask",
        "django_celery_beat_periodictasks",
        "django_celery_beat_clockedschedule",
        "django_celery_beat_crontabschedule",
        "django_celery_beat_intervalschedule",
        "django_celery_beat_solarschedule",
    ]
)
# Single columns, when an UPDATE sets nothing else: a login's timestamp, allauth's record of
# an authenticator's (TOTP, recovery code) use.
IGNORED_COLUMNS = {
    "dialog_user": frozenset(["last_login"]),
    "mfa_authenticator": frozenset(["last_used_at"]),
}
_WRITE = re.compile(
    r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|(TRUNCATE))\b\s*(?:TABLE\s+|ONLY\s+)?"?(\w+)"?',
    re.IGNORECASE,
)
_SIMPLE_SET = re.compile(r'\s*UPDATE\s+"\w+"\s+SET\s+((?:"\w+" = %s(?:, )?)+)\s+WHERE\s', re.I)
_SET_COLUMN = re.compile(r'"(\w+)" = %s')


def changes_pages(sql):
    """Whether an SQL statement writes data a cached page may show."""
    match = _WRITE.match(sql)
    if match is None:
        return False
    truncate, table = match.groups()
    if truncate:
        return True
    if table in IGNORED_TABLES:
        return False
    ignored = IGNORED_COLUMNS.get(table)
    if ignored is not None:
        simple = _SIMPLE_SET.match(sql)
        if simple is not None and set(_SET_COLUMN.findall(simple.group(1))) <= ignored:
            return False
    return True


def watch_writes(execute, sql, params, many, context):
    """The watcher on every database connection (``connection.execute_wrappers``)."""
    connection = context["connection"]
    if getattr(connection, "pagecache_pending", False):
        # A write of the previous statement, noted for the database cache (below): its rows
        # have been read by now, so the new version can go into the cache table first.
        connection.pagecache_pending = False
        bump_version()
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and changes_pages(sql):
        _data_written(connection)
    return result


def _data_written(connection):
    if connection.in_atomic_block and not any(
        entry[1] is bump_version for entry in connection.run_on_commit
    ):
        connection.on_commit(bump_version)
    if isinstance(caches["default"], DatabaseCache):
        # The embedded default keeps the cache in this very database: writing to it while the
        # statement may still have rows to hand back (SQLite's INSERT … RETURNING) would reset
        # that statement. Outside a transaction the version moves before the connection's next
        # statement or when the request or task ends (flush_pending); inside one, on commit.
        if not connection.in_atomic_block:
            connection.pagecache_pending = True
        return
    bump_version()


def flush_pending(*_args, **_kwargs):
    """End of a request or task: a write noted for the database cache starts its version."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if getattr(connection, "pagecache_pending", False):
            connection.pagecache_pending = False
            bump_version()


def watch_connection(connection, **_kwargs):
    """Put the watcher on a connection (``connection_created``), first in line so that an
    ``execute_wrapper()`` block around its first query does not take it off again."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, watch_writes)


def bump_version(*_args, **_kwargs):
    """Start a new data version: every page kept so far is out of date."""
    if not isinstance(caches["default"], DatabaseCache):
        cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)  # Redis fails open itself
        return
    try:
        # A savepoint: on PostgreSQL a failed write would otherwise break the transaction
        # around it (a migration's, when the database cache table does not exist yet).
        with transaction.atomic():
            cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)
    except DatabaseError as exc:
        # The database cache before ``createcachetable`` (during the first ``migrate``):
        # nothing has been cached yet either.
        logger.info("page cache: no data version written: %s", exc)


def current_version():
    """The current data version, or None while the cache is unreachable."""
    return _read(None)[0]


def _read(key, lock=None):
    """The current data version (None while the cache is unreachable), what is kept under
    ``key`` and whether ``lock`` is held, in one round trip."""
    keys = [VERSION_KEY, *(k for k in (key, lock) if k is not None)]
    try:
        found = cache.get_many(keys)
        version = found.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
            return cache.get(VERSION_KEY), None, False
    except DatabaseError as exc:
        logger.warning("page cache: data version unreadable: %s", exc)
        return None, None, False
    return version, found.get(key), lock in found


def page_key(request):
    user = request.user
    parts = (
        str(user.pk) if user.is_authenticated else "-",
        translation.get_language() or "",
        request.get_host(),
        request.scheme,
        request.get_full_path(),
        timezone.localdate().isoformat(),
    )
    return PAGE_KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _has_messages(request):
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _takes_part(request):
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_TIMEOUT:
        return False
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in settings.PAGE_CACHE_VIEWS


class PageCacheMiddleware:
    """Serves and stores the pages of ``PAGE_CACHE_VIEWS``; placed after authentication and
    messages, so that the user and pending messages are known. It never changes the data
    version itself: only writes do (``watch_writes``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
            key, version = getattr(request, "_page_cache", (None, None))
            if key is not None and self._storable(request, response):
                content = response.content.decode(response.charset)
                content = _TOKEN_FIELD.sub(rf"\g<1>{TOKEN_PLACEHOLDER}\g<2>", content)
                cache.set(
                    key,
                    (version, content, response["Content-Type"]),
                    timeout=settings.PAGE_CACHE_TIMEOUT,
                )
        finally:
            lock = getattr(request, "_page_cache_lock", None)
            if lock is not None:
                cache.delete(lock)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _takes_part(request) or _has_messages(request):
            return None
        key = page_key(request)
        version, cached, _locked = _read(key)
        if version is None:
            return None
        if _current(cached, version):
            return _serve(request, cached)
        lock = f"{key}:render:{version}"
        if cache.add(lock, 1, timeout=RENDER_LOCK):
            request._page_cache_lock = lock
        else:
            cached = self._wait_for(key, lock)
            if cached is not None:
                return _serve(request, cached)
        request._page_cache = (key, version)
        return None

    @staticmethod
    def _wait_for(key, lock):
        """The page another request is rendering, once it is there; None if it does not come
        within ``RENDER_WAIT`` seconds, the lock is given up without it or data changed."""
        deadline = time.monotonic() + RENDER_WAIT
        while time.monotonic() < deadline:
            time.sleep(RENDER_POLL)
            version, cached, locked = _read(key, lock)
            if _current(cached, version):
                return cached
            if not locked or version is None or not lock.endswith(f":{version}"):
                return None
        return None

    @staticmethod
    def _storable(request, response):
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not _has_messages(request)
            # A page that changes without a write (a report "wird erzeugt" until it times
            # out) says so, as it would to any other cache.
            and "no-store" not in response.get("Cache-Control", "")
        )


def _current(cached, version):
    return cached is not None and version is not None and cached[0] == version


def _serve(request, cached):
    _version, content, content_type = cached
    if TOKEN_PLACEHOLDER in content:
        content = content.replace(TOKEN_PLACEHOLDER, get_token(request))
    return HttpResponse(content, content_type=content_type)

"""Whole rendered pages, kept in the cache until the data behind them changes.

The portal's pages are read far more often than their data is written: a list or a dashboard
is rendered once and then served from the cache until anything is written. Which pages take
part is a list of URL names (``PAGE_CACHE_VIEWS``): read-only HTML pages, never forms,
downloads or exports.

- **Key.** A page is kept per user (anonymous visitors share one copy), language, host, full
  path with query string and day (pages say "heute", "überfällig"), together with the *data
  version* it was rendered under; it is served only while that is still the current version.
  The version and the page are read in one round trip. No one is ever served another user's
  page.
- **Invalidation.** The data version changes on every write: model signals (``post_save``,
  ``post_delete``, ``m2m_changed``), at once and again after the commit (so that no request
  can cache what it read before the commit under the new version); after every state-changing
  request (``queryset.update()`` sends no signal); after every Celery task; after migrations
  and a restore. ``PAGE_CACHE_TIMEOUT`` bounds the life of a page besides.
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

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

logger = logging.getLogger(__name__)
VERSION_KEY = "pagecache:version"
PAGE_KEY_PREFIX = "pagecache:page:"
TOKEN_PLACEHOLDER = "\ue000csrf-token\ue000"  # private-use characters: never in a real page
_TOKEN_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
# Writes that change no page: the session store (every login and visit touches it).
_IGNORED_SENDERS = (Session,)


def bump_version(*_args, **_kwargs):
    """Start a new data version: every page kept so far is out of date."""
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
    return _version_and_page(None)[0]


def _version_and_page(key):
    """The current data version (None while the cache is unreachable) and what is kept under
    ``key``, in one round trip."""
    keys = [VERSION_KEY] if key is None else [VERSION_KEY, key]
    try:
        found = cache.get_many(keys)
        version = found.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
            return cache.get(VERSION_KEY), None
    except DatabaseError as exc:
        logger.warning("page cache: data version unreadable: %s", exc)
        return None, None
    return version, found.get(key)


def data_changed(sender, using=None, **_kwargs):
    """Signal receiver for every model write."""
    if sender in _IGNORED_SENDERS:
        return
    bump_version()
    transaction.on_commit(bump_version, using=using)


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
    messages, so that the user and pending messages are known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in _SAFE_METHODS:
            bump_version()
        else:
            key, version = getattr(request, "_page_cache", (None, None))
            if key is not None and self._storable(request, response):
                content = response.content.decode(response.charset)
                content = _TOKEN_FIELD.sub(rf"\g<1>{TOKEN_PLACEHOLDER}\g<2>", content)
                cache.set(
                    key,
                    (version, content, response["Content-Type"]),
                    timeout=settings.PAGE_CACHE_TIMEOUT,
                )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _takes_part(request) or _has_messages(request):
            return None
        key = page_key(request)
        version, cached = _version_and_page(key)
        if version is None:
            return None
        if cached is None or cached[0] != version:
            request._page_cache = (key, version)
            return None
        _version, content, content_type = cached
        if TOKEN_PLACEHOLDER in content:
            content = content.replace(TOKEN_PLACEHOLDER, get_token(request))
        return HttpResponse(content, content_type=content_type)

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

"""The pages ``make bench`` measures, per role, with their query counts and login cookies.

Run as ``python bench/pages.py`` inside the benchmark environment with the page cache switched
off (``PAGE_CACHE_TIMEOUT=0``): queries and render time are those of a page rendered afresh,
which is what the first visitor after a change waits for. Prints JSON.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialog.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402


def _first_pk(label, **filters):
    from django.apps import apps

    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()


def page_list():
    """(role, name, path) of the main pages of each role (only those that exist)."""
    company = _first_pk("companies.Company")
    measure = _first_pk("measures.Measure")
    event = _first_pk("events.Event")
    report = _first_pk("reports.Report", status="released")
    wanted = [
        ("anonymous", "home", {}),
        ("anonymous", "measures:list", {}),
        ("anonymous", "measures:timeline", {}),
        ("anonymous", "events:list", {}),
        ("anonymous", "reports:list", {}),
        ("verwaltung", "home", {}),
        ("verwaltung", "companies:list", {}),
        ("verwaltung", "companies:detail", {"pk": company}),
        ("verwaltung", "companies:watchlist", {}),
        ("verwaltung", "measures:list", {}),
        ("verwaltung", "measures:detail", {"pk": measure}),
        ("verwaltung", "measures:timeline", {}),
        ("verwaltung", "measures:capacity", {}),
        ("verwaltung", "events:list", {}),
        ("verwaltung", "events:detail", {"pk": event}),
        ("verwaltung", "board:index", {}),
        ("verwaltung", "reports:list", {}),
        ("verwaltung", "reports:detail", {"pk": report}),
        ("beirat", "home", {}),
        ("beirat", "board:index", {}),
        ("beirat", "companies:list", {}),
        ("partner", "measures:list", {}),
        ("partner", "measures:partner-list", {}),
        ("ausschuss", "reports:list", {}),
    ]
    pages = []
    for role, name, kwargs in wanted:
        if any(value is None for value in kwargs.values()):
            continue
        try:
            pages.append((role, name, reverse(name, kwargs=kwargs)))
        except NoReverseMatch:
            continue
    return pages


def main():
    if settings.PAGE_CACHE_TIMEOUT:
        sys.exit("bench/pages.py measures rendering: run it with PAGE_CACHE_TIMEOUT=0")
    User = get_user_model()
    clients, cookies = {"anonymous": Client(HTTP_HOST="127.0.0.1")}, {"anonymous": ""}
    for role in ("verwaltung", "beirat", "partner", "ausschuss"):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(email=f"{role}@example.org"))
        clients[role] = client
        cookies[role] = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    result = []
    for role, name, path in page_list():
        client = clients[role]
        client.get(path)  # warm caches the way a second visit would find them
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        queries = len(ctx.captured_queries)  # before the next request resets the log
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            client.get(path)
            timings.append(time.perf_counter() - started)
        result.append(
            {
                "role": role,
                "name": name,
                "path": path,
                "status": response.status_code,
                "queries": queries,
                "render_ms": round(statistics.median(timings) * 1000, 1),
                "cookie": cookies[role],
            }
        )
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()

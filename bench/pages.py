"""The pages ``make bench`` measures, per role, with their query counts and login cookies.

Run as ``python bench/pages.py`` inside the benchmark environment with the page cache switched
off (``PAGE_CACHE_TIMEOUT=0``): queries and render time are those of a page rendered afresh,
which is what the first visitor after a change waits for. The render time is given as
min/median/max of ``BENCH_RUNS`` (3) renders; ``BENCH_PAGES`` (comma-separated parts of
"role page") measures only some pages. Prints JSON.
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


def _pk(label, **filters):
    from django.apps import apps

    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()


def page_list():
    """(role, name, path) of the pages measured: each role's main pages, the detail pages of
    the heavy objects (bench/dataset.py; the first object in the small demo), lists with a
    search, an ordering and a far page, and each role's reference list."""
    heavy_company = _pk("companies.Company", name="Benchmark Schwergewicht GmbH")
    heavy_measure = _pk("measures.Measure", code="B-HEAVY")
    heavy_event = _pk("events.Event", title="Benchmark-Großveranstaltung")
    company = heavy_company or _pk("companies.Company")
    measure = heavy_measure or _pk("measures.Measure")
    event = heavy_event or _pk("events.Event")
    report = _pk("reports.Report", status="released")
    search = "?q=Benchmark"
    wanted = [
        ("anonymous", "home", {}, ""),
        ("anonymous", "measures:list", {}, ""),
        ("anonymous", "measures:timeline", {}, ""),
        ("anonymous", "events:list", {}, ""),
        ("anonymous", "events:detail", {"pk": event}, ""),
        ("anonymous", "reports:list", {}, ""),
        ("verwaltung", "home", {}, ""),
        ("verwaltung", "companies:list", {}, ""),
        ("verwaltung", "companies:list", {}, f"{search}&ordering=-employees&page=100"),
        ("verwaltung", "companies:detail", {"pk": company}, ""),
        ("verwaltung", "companies:watchlist", {}, ""),
        ("verwaltung", "measures:list", {}, ""),
        ("verwaltung", "measures:list", {}, f"{search}&page=12"),
        ("verwaltung", "measures:detail", {"pk": measure}, ""),
        ("verwaltung", "measures:timeline", {}, ""),
        ("verwaltung", "measures:capacity", {}, ""),
        ("verwaltung", "events:list", {}, ""),
        ("verwaltung", "events:list", {}, f"{search}&page=100"),
        ("verwaltung", "events:detail", {"pk": event}, ""),
        ("verwaltung", "board:index", {}, ""),
        ("verwaltung", "reports:list", {}, ""),
        ("verwaltung", "reports:detail", {"pk": report}, ""),
        ("beirat", "home", {}, ""),
        ("beirat", "board:index", {}, ""),
        ("beirat", "companies:list", {}, f"{search}&page=100"),
        ("partner", "measures:list", {}, ""),
        ("partner", "measures:partner-list", {}, ""),
        ("ausschuss", "reports:list", {}, ""),
    ]
    only = [part for part in os.environ.get("BENCH_PAGES", "").split(",") if part]
    pages = []
    for role, name, kwargs, query in wanted:
        if any(value is None for value in kwargs.values()):
            continue
        if only and not any(part in f"{role} {name}{query}" for part in only):
            continue
        try:
            pages.append((role, name + query, reverse(name, kwargs=kwargs) + query))
        except NoReverseMatch:
            continue
    roles = {role for role, _name, _path in pages}
    reference = [(role, "(bare list)", "/bench/list") for role in ROLES if role in roles]
    return reference + pages


ROLES = ("anonymous", "verwaltung", "beirat", "partner", "ausschuss")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def spread(values, digits=1):
    """min/median/max of the runs."""
    return {
        "min": round(min(values), digits),
        "median": round(statistics.median(values), digits),
        "max": round(max(values), digits),
    }


def main():
    if settings.PAGE_CACHE_TIMEOUT:
        sys.exit("bench/pages.py measures rendering: run it with PAGE_CACHE_TIMEOUT=0")
    User = get_user_model()
    clients, cookies = {"anonymous": Client(HTTP_HOST="127.0.0.1")}, {"anonymous": ""}
    for role in ROLES[1:]:
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
        for _ in range(RUNS):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        result.append(
            {
                "role": role,
                "name": name,
                "path": path,
                "status": response.status_code,
                "queries": queries,
                "render_ms": spread(timings),
                "cookie": cookies[role],
            }
        )
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()

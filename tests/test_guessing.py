"""Nobody learns by guessing IDs which objects exist (DESIGN.md §4): whoever may not see an
object gets the same answer for it as for an ID that belongs to nothing. Anonymous visitors get
the login page; logged-in users a 403 for a route they may not use, a 404 for an object they may
not see.

Every route of the apps that takes an object's key is opened by every role that may not see the
sample object: once with the object's key, once with a key that belongs to nothing.
"""

import pytest
from django.urls import get_resolver, resolve, reverse

from dialog.accounts.roles import Role

from .access_table import ACCESS, ANON, SAMPLES, VERWALTUNG
from .test_access import ROUTES

pytestmark = pytest.mark.django_db

APPS = ["companies", "measures", "events", "reports", "board", "committee"]
MISSING = 987654


def _internal_event(user):
    from tests.events.factories import EventFactory

    return {"pk": EventFactory(visibility="internal").pk}


def _idea(user):
    from measures.models import Measure
    from tests.measures.factories import MeasureFactory

    return {"pk": MeasureFactory(status=Measure.Status.IDEA).pk}


def _draft(user):
    from tests.reports.factories import ReportFactory

    return {"pk": ReportFactory().pk}


def _non_public_report(user):
    from reports.models import Report
    from tests.reports.factories import released_report

    return {"pk": released_report(visibility=Report.Visibility.NON_PUBLIC).pk}


# Routes open to roles that may see only some of their objects: an object only staff see.
HIDDEN_FROM_ALL_BUT_STAFF = {
    **dict.fromkeys(
        [
            "events:detail",
            "events:ics",
            "events:register",
            "events:cancel-own",
            "events:registrations",
        ],
        _internal_event,
    ),
    **dict.fromkeys(
        ["measures:detail", "measures:progress", "board:measure-detail"],
        _idea,
    ),
    **dict.fromkeys(["reports:detail", "reports:pdf", "reports:status"], _draft),
}


def _object_routes():
    paths = {name: route for route, name in ROUTES}
    for app in APPS:
        for pattern in get_resolver().namespace_dict[app][1].url_patterns:
            converters = pattern.pattern.converters
            if converters and all(c.regex == "[0-9]+" for c in converters.values()):
                name = f"{app}:{pattern.name}"
                yield name, paths[name], sorted(converters)


def _cases():
    for name, path, keys in _object_routes():
        if name in HIDDEN_FROM_ALL_BUT_STAFF:
            sample, seen_by = HIDDEN_FROM_ALL_BUT_STAFF[name], {VERWALTUNG}
        else:
            sample, seen_by = SAMPLES[path], ACCESS[path]
        for role in [ANON, Role.BEIRAT, Role.PARTNER, Role.AUSSCHUSS, Role.VERWALTUNG]:
            if role not in seen_by:
                yield pytest.param(name, keys, sample, role, id=f"{name}-{role}")
    # A released non-public report: hidden from the public and from board members and partners.
    for name in ["reports:detail", "reports:pdf", "reports:status"]:
        for role in [ANON, Role.BEIRAT, Role.PARTNER]:
            yield pytest.param(
                name, ["pk"], _non_public_report, role, id=f"{name}-non-public-{role}"
            )


def _answer(response):
    """Status and redirect target (without the ``next`` back to the page asked for)."""
    return response.status_code, response.get("Location", "").split("?")[0]


@pytest.mark.parametrize(("name", "keys", "sample", "role"), list(_cases()))
def test_a_hidden_object_answers_like_a_missing_one(name, keys, sample, role, client_for):
    client = client_for(role)
    user = None if role == ANON else client.user
    url = reverse(name, kwargs=sample(user))
    # Ask as the page is used: a POST for actions that take nothing else.
    view = resolve(url).func.view_class
    ask = client.post if view.http_method_names == ["post"] else client.get
    existing = ask(url)
    missing = ask(reverse(name, kwargs=dict.fromkeys(keys, MISSING)))
    assert _answer(existing) == _answer(missing)
    if role == ANON:
        assert missing.status_code == 302
        assert missing["Location"].startswith(reverse("account_login"))
    else:
        assert missing.status_code in (403, 404)


def test_every_object_route_is_checked():
    names = {name for name, _path, _keys in _object_routes()}
    assert {"companies:detail", "measures:partner-detail", "events:mobility-week"} <= names
    assert set(HIDDEN_FROM_ALL_BUT_STAFF) <= names

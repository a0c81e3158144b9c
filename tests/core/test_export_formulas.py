"""No formula crosses from one role's text into another role's spreadsheet (CSV injection).

Every list the URL conf serves with ``?format=csv|xlsx`` (every view with ``ExportMixin``) is
downloaded by every role that may download it, after every text field of every record behind
it was set to a formula: no cell of the Excel file is a formula, no text cell and no CSV cell
starts with what a spreadsheet would run.
"""

import csv
import io
import re

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from dialog.accounts.roles import Role
from dialog.core.exports import CONTENT_TYPES, FORMULA_PREFIXES, ExportMixin
from tests.board.factories import BoardMembershipFactory
from tests.companies.factories import (
    CompanyFactory,
    ContactLogEntryFactory,
    ContactPersonFactory,
    NeedFactory,
    NetworkMembershipFactory,
    RiskSignalFactory,
)
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory
from tests.measures.factories import MeasureCostFactory, MeasureFactory, MeasurePartnerFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {"dialog", "audit", "legal", "board", "committee", "companies", "measures", "events"}
OUR_APPS |= {"reports"}
# A negative number written as a number (``-5``, ``-1.234,50``) is no formula.
NEGATIVE_NUMBER = re.compile(r"-\d[\d.]*(,\d+)?")


def _export_routes(patterns=None, namespace=""):
    """The URL names of every view that answers ``?format=csv|xlsx``."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _export_routes(pattern.url_patterns, inner)
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is not None and issubclass(view_class, ExportMixin):
            yield f"{namespace}{pattern.name}"


def _registrations():
    registration = RegistrationFactory()
    return reverse("events:registrations", args=[registration.event.pk])


def _measures():
    measure = MeasureFactory(status="idea")  # a board member's or partner's idea …
    MeasureCostFactory(measure=measure)
    MeasurePartnerFactory(measure=measure)
    MeasureFactory()  # … and a planned measure
    return reverse("measures:list")


def _companies():
    company = CompanyFactory()
    NetworkMembershipFactory(company=company)
    NeedFactory(company=company)
    RiskSignalFactory(company=company)
    return reverse("companies:list")


def _follow_ups():
    ContactLogEntryFactory(contact_person=ContactPersonFactory(), staff_member=UserFactory())
    return reverse("companies:follow-ups")


# URL name: what to create for the list; returns the list's URL.
MAKERS = {
    "companies:list": _companies,
    "companies:watchlist": lambda: RiskSignalFactory() and reverse("companies:watchlist"),
    "companies:needs": lambda: NeedFactory() and reverse("companies:needs"),
    "companies:follow-ups": _follow_ups,
    "measures:list": _measures,
    "measures:partner-list": lambda: MeasurePartnerFactory() and reverse("measures:partner-list"),
    "events:list": lambda: EventFactory() and reverse("events:list"),
    "events:registrations": _registrations,
    "board:member-list": lambda: BoardMembershipFactory() and reverse("board:member-list"),
    "reports:list": lambda: ReportFactory() and reverse("reports:list"),
    "audit:log": lambda: reverse("audit:log"),  # its rows: the downloads themselves
    "users:list": lambda: reverse("users:list"),
}
EXPORT_ROUTES = sorted(set(_export_routes()))


def test_every_export_of_the_url_conf_is_checked_here():
    assert sorted(MAKERS) == EXPORT_ROUTES


def _our_models():
    return [model for model in apps.get_models() if model._meta.app_label in OUR_APPS]


def _last_pks():
    return {model: _max_pk(model) for model in _our_models()}


def _max_pk(model):
    return model._default_manager.order_by("-pk").values_list("pk", flat=True).first() or 0


def _formula(pk, max_length):
    text = f'=HYPERLINK("http://x.example/{pk}","Hier klicken")'
    return text if max_length is None or len(text) <= max_length else f"=1+{pk}"[:max_length]


def _text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and not field.primary_key
        and field.name != "password"
    ]


def _poison_everything_since(last_pks):
    """Every text field of every record created since ``last_pks``: a formula — except where
    a check constraint keeps the field empty in the record's state (a withdrawal reason of a
    report that is not withdrawn): the database refuses that one, the others stay poisoned."""
    for model, last in last_pks.items():
        fields = _text_fields(model)
        if not fields:
            continue
        manager = model._base_manager
        for pk in manager.filter(pk__gt=last).values_list("pk", flat=True):
            values = {field.attname: _formula(pk, field.max_length) for field in fields}
            try:
                with transaction.atomic():
                    manager.filter(pk=pk).update(**values)
            except IntegrityError:
                for name, value in values.items():
                    try:
                        with transaction.atomic():
                            manager.filter(pk=pk).update(**{name: value})
                    except IntegrityError:
                        pass


def _poisoned(text):
    return "HYPERLINK" in text or text.startswith("'=1+")


def _starts_like_a_formula(text):
    return text.startswith(FORMULA_PREFIXES) and not NEGATIVE_NUMBER.fullmatch(text)


@pytest.mark.parametrize("route", EXPORT_ROUTES)
def test_no_export_hands_on_a_formula_to_any_role(route, make_user):
    last_pks = _last_pks()
    users = {role: make_user(role, is_staff=role == Role.VERWALTUNG) for role in Role}
    member = users[Role.BEIRAT]
    BoardMembershipFactory(user=member)
    url = MAKERS[route]()
    _poison_everything_since(last_pks)

    downloaded_by = []
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        client.get(url, {"format": "csv"})  # a first download: the audit log has a row
        xlsx = client.get(url, {"format": "xlsx"})
        if xlsx.status_code != 200 or xlsx["Content-Type"] != CONTENT_TYPES["xlsx"]:
            continue
        downloaded_by.append(role)
        cells = [cell for row in load_workbook(io.BytesIO(xlsx.content)).active for cell in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], (route, role)
        texts = [c.value for c in cells if isinstance(c.value, str)]
        assert not [text for text in texts if _starts_like_a_formula(text)], (route, role)
        if load_workbook(io.BytesIO(xlsx.content)).active.max_row > 1:  # the role sees rows
            assert any(_poisoned(text) for text in texts), (route, role)

        response = client.get(url, {"format": "csv"})
        assert response["Content-Type"] == CONTENT_TYPES["csv"]
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        values = [value for row in rows for value in row]
        assert not [value for value in values if _starts_like_a_formula(value)], (route, role)
        if len(rows) > 1:
            assert any(_poisoned(value) for value in values), (route, role)
    assert Role.VERWALTUNG in downloaded_by, route

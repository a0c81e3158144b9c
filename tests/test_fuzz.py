"""Hypothesis fuzzing of every form and every filter in the URL conf.

For each page a role may open, the fields of its forms are read from the HTML; then random
values go into every GET filter and every POST form. Whatever comes in, the portal answers
without a server error, and a form that is shown again (invalid input) wrote nothing.
"""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialog.accounts.roles import Role

from .access_table import ACCESS, SAMPLES, VERWALTUNG
from .test_access import ROUTES

pytestmark = pytest.mark.django_db

# Flows that log the fuzzing user out or change their own credentials.
SKIP = {
    "konto/logout/",
    "konto/password/change/",
    "konto/password/set/",
    "konto/email/",
    "konto/2fa/totp/deactivate/",
    "konto/2fa/recovery-codes/generate/",
    "i18n/setlang/",
}


class _FormFields(HTMLParser):
    """Collects (method, action, [field names]) of the forms in a page."""

    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = (attrs.get("method", "get").lower(), attrs.get("action") or "", [])
            self.forms.append(self._current)
        elif (
            tag in ("input", "select", "textarea")
            and self._current
            and attrs.get("name")
            and attrs["name"] != "csrfmiddlewaretoken"
            and attrs.get("type") != "file"
        ):
            self._current[2].append(attrs["name"])


def _forms_of(html):
    parser = _FormFields()
    parser.feed(html)
    return parser.forms


def _row_count():
    """Rows in all tables (but sessions), in one query."""
    tables = [
        connection.ops.quote_name(model._meta.db_table)
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.app_label != "sessions"
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + " + ".join(f"(SELECT COUNT(*) FROM {t})" for t in tables))
        return cursor.fetchone()[0]


values = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.sampled_from(["", "0", "-1", "2014-02-30", "31.12.2099", "1e309", "NaN", "on",
                     "<script>", "' OR 1=1 --", "\x00", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "a" * 1000]),
)  # fmt: skip

FUZZ_ROUTES = [
    (route, name)
    for route, name in ROUTES
    if route not in SKIP and VERWALTUNG in ACCESS.get(route, ())
]


@pytest.mark.parametrize(
    ("route", "name"), FUZZ_ROUTES, ids=[route or "/" for route, _ in FUZZ_ROUTES]
)
def test_no_input_causes_a_server_error_or_a_partial_write(route, name, make_user):
    user = make_user(Role.VERWALTUNG, is_staff=True)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    url = reverse(name, kwargs=SAMPLES[route](user) if route in SAMPLES else {})
    page = client.get(url)
    if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
        return
    forms = [f for f in _forms_of(page.content.decode()) if f[1] in ("", url) and f[2]]
    if not forms:
        return

    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def fuzz(data):
        for method, _action, fields in forms:
            payload = {field: data.draw(values, label=field) for field in fields}
            if method == "get":
                response = client.get(url, payload)
                assert response.status_code < 500, (url, payload)
            else:
                before = _row_count()
                response = client.post(url, payload)
                assert response.status_code < 500, (url, payload)
                if response.status_code == 200:
                    assert _row_count() == before, f"{url} re-rendered but wrote: {payload}"

    fuzz()

"""Every HTML page of the URL conf, opened in a real browser by every role allowed to see it, with
the demo data loaded: axe-core finds no WCAG 2.1 AA violation, no request leaves the portal's own
host, and on a phone (390 and 320 px wide) no page is wider than the screen."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.access_table import ACCESS, ANON, ROLES, SAMPLES
from tests.test_access import ROUTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A phone held upright, and the narrowest screen the portal supports (WCAG 1.4.10 Reflow).
PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}
PAGE_WIDTH = "[document.documentElement.scrollWidth, window.innerWidth]"

# Pages that only make sense in the middle of a flow (they redirect when opened directly).
SKIP = {"konto/logout/"}


def _html_pages_for(role, client, user):
    """(route, url) of every page this role may open that answers with an HTML page."""
    pages = []
    for route, name in ROUTES:
        if route in SKIP or role not in ACCESS[route]:
            continue
        kwargs = SAMPLES[route](user) if route in SAMPLES else {}
        url = reverse(name, kwargs=kwargs)
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append((route, url))
    return pages


@pytest.mark.parametrize("role", ROLES)
def test_every_page_is_accessible_loads_nothing_from_elsewhere_and_fits_a_phone(
    role, demo, page, live_server, make_user, assert_accessible
):
    client = Client()
    user = None
    if role != ANON:
        user = make_user(role, is_staff=role == "verwaltung")
        client.force_login(user)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    own_host = urlsplit(live_server.url).netloc
    foreign = []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if urlsplit(request.url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(request.url).netloc != own_host
            else None
        ),
    )
    pages = _html_pages_for(role, client, user)
    assert pages, f"no HTML page for {role}?"
    inaccessible, too_wide = [], []
    for _route, url in pages:
        page.set_viewport_size(PHONE)
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        try:
            assert_accessible(page)
        except AssertionError as violations:
            inaccessible.append(str(violations))
        for viewport in (PHONE, NARROWEST):
            page.set_viewport_size(viewport)
            scroll_width, screen_width = page.evaluate(PAGE_WIDTH)
            if scroll_width > screen_width:
                too_wide.append(f"{url} ({scroll_width} px at {screen_width} px)")
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not (inaccessible or too_wide), "\n".join(
        [*inaccessible, f"wider than the phone's screen for {role}:", *too_wide]
    )

"""Every HTML page of the URL conf, opened in a real browser by every role allowed to see it, with
the demo data loaded: axe-core finds no WCAG 2.1 AA violation, no request leaves the portal's own
host, and on a phone (390 and 320 px wide) no page is wider than the screen."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from dialog.accounts.roles import Role
from events.models import Event
from tests.access_table import ACCESS, ANON, ROLES, SAMPLES
from tests.test_access import ROUTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A phone held upright, and the narrowest screen the portal supports (WCAG 1.4.10 Reflow).
PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}
PAGE_WIDTH = "[document.documentElement.scrollWidth, window.innerWidth]"

# Pages that only make sense in the middle of a flow (they redirect when opened directly).
SKIP = {"konto/logout/"}


def _log_in(page, live_server, user):
    """Give the browser the session of ``user`` (quicker than the login form)."""
    client = Client()
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
    return client


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
    client, user = Client(), None
    if role != ANON:
        user = make_user(role, is_staff=role == "verwaltung")
        client = _log_in(page, live_server, user)
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


# Widths of a region that are not seen: what scrolls away inside it, and columns beyond its edge.
HIDDEN_WIDTH = """region => {
    const edge = region.getBoundingClientRect().right;
    const cut = [...region.querySelectorAll("th")]
        .filter(th => th.getBoundingClientRect().right > edge + 1);
    return [region.scrollWidth - region.clientWidth, cut.map(th => th.textContent.trim())];
}"""


def test_on_a_desktop_lists_show_every_column_and_the_timeline_today(
    demo, page, live_server, make_user, assert_accessible
):
    _log_in(page, live_server, make_user(Role.VERWALTUNG, is_staff=True))
    page.set_viewport_size({"width": 1366, "height": 768})
    for url in (reverse("companies:list"), reverse("measures:list")):
        page.goto(live_server.url + url)
        hidden, cut_columns = page.locator(".table-responsive").first.evaluate(HIDDEN_WIDTH)
        assert (hidden, cut_columns) == (0, []), url
    assert page.get_by_role("columnheader", name="Personentage").is_visible()

    page.goto(live_server.url + reverse("measures:timeline"))
    chart = page.get_by_role("region", name="Zeitplan als Grafik")
    today = chart.locator("[data-today]")
    box, line = chart.bounding_box(), today.bounding_box()
    assert box["x"] <= line["x"] <= box["x"] + box["width"]
    last_year = chart.locator("svg > text").filter(has_text=re.compile(r"^20\d\d$")).last
    year = last_year.bounding_box()
    # Either the whole axis is in view, or the region scrolls and today is in view (above).
    assert year["x"] + year["width"] <= box["x"] + box["width"] or chart.evaluate(
        "region => region.scrollWidth > region.clientWidth && region.tabIndex === 0"
    )
    assert_accessible(page)


def test_the_check_in_fits_a_phone_at_the_door(
    demo, page, live_server, make_user, assert_accessible
):
    event = max(Event.objects.all(), key=lambda event: event.registrations.holding_place().count())
    _log_in(page, live_server, make_user(Role.VERWALTUNG, is_staff=True))
    page.set_viewport_size(NARROWEST)
    page.goto(live_server.url + reverse("events:attendance", args=[event.pk]))
    scroll_width, screen_width = page.evaluate(PAGE_WIDTH)
    assert scroll_width <= screen_width
    buttons = page.get_by_role("button", name=re.compile("^anwesend"))
    people = buttons.count()
    assert people > 3
    for button in (buttons.first, buttons.last):
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= screen_width
    # The search stays at hand while staff scroll down the list.
    search = page.get_by_label("Person suchen")
    assert 0 <= search.bounding_box()["y"] < 100
    search.fill(page.locator(".events-checkin-name").last.text_content())
    assert 1 <= page.locator("[data-checkin-row]:visible").count() < people
    assert_accessible(page)

"""Every route of the URL conf, opened by every role, against the access table of docs/design.md."""

import pytest
from django.contrib.admin import site as admin_site
from django.urls import URLResolver, get_resolver, reverse

from dialog.accounts.backends import SUPERUSER_ONLY_MODELS
from dialog.accounts.roles import Role

from .access_table import ACCESS, ADMIN_PREFIX, ANON, LOGIN_STAGES, ROLES, SAMPLES


def _routes(patterns=None, prefix="", namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        else:
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield prefix + str(pattern.pattern), name


ROUTES = [(route, name) for route, name in _routes() if not route.startswith(ADMIN_PREFIX)]


def test_every_route_is_in_the_access_table():
    missing = [route for route, _name in ROUTES if route not in ACCESS]
    assert not missing, f"Routes without an entry in tests/access_table.py: {missing}"


def test_the_access_table_names_no_route_that_does_not_exist():
    existing = {route for route, _name in ROUTES}
    assert not set(ACCESS) - existing


def _assert_access(response, role, allowed, url, route):
    login_url = reverse("account_login")
    if allowed and route in LOGIN_STAGES:
        assert response.status_code in (200, 302), url
    elif allowed:
        assert response.status_code != 403, f"{role} should reach {url}"
        assert response.status_code != 404, f"{url}: 404 for {role}"
        if response.status_code in (301, 302):
            assert not response["Location"].startswith(login_url), f"{role} sent to login: {url}"
        assert response.status_code < 500
    elif role == ANON:
        assert response.status_code == 302, f"{url}: anonymous got {response.status_code}"
        assert response["Location"].startswith(login_url), response["Location"]
    else:
        assert response.status_code == 403, f"{url}: {role} got {response.status_code}"
        assert "Zugriff verweigert" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("route", "name"), ROUTES, ids=[route or "/" for route, _ in ROUTES])
def test_role_gets_exactly_the_access_of_the_table(route, name, role, client_for, db):
    if route not in ACCESS:
        pytest.fail(f"Route {route!r} ({name}) has no entry in tests/access_table.py")
    client = client_for(role)
    user = client.user if role != ANON else None
    kwargs = SAMPLES[route](user) if route in SAMPLES else {}
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    _assert_access(response, role, role in ACCESS[route], url, route)


def _admin_urls():
    """The admin's pages: (URL, whether staff without the superuser flag may open it)."""
    urls = [(reverse("admin:index"), True)]
    for model in admin_site._registry:
        opts = model._meta
        urls.append(
            (
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                opts.label_lower not in SUPERUSER_ONLY_MODELS,
            )
        )
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_reach_the_admin(role, client_for, db):
    client = client_for(role)
    for url, for_staff in _admin_urls():
        response = client.get(url, follow=False)
        if role == Role.VERWALTUNG:
            assert response.status_code == (200 if for_staff else 403), url
        elif role == ANON:
            assert response.status_code == 302
            location = response["Location"]
            if location.startswith(reverse("admin:login")):
                location = client.get(location)["Location"]
            assert location.startswith(reverse("account_login")), location
        else:
            assert response.status_code in (302, 403), url
            if response.status_code == 302:
                assert client.get(response["Location"]).status_code == 403

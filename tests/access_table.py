"""docs/design.md §4's access table as data: for every route of the URL conf, who may open it.

A route missing here fails ``tests/test_access.py``; later apps add their routes. Values are the
roles that get the page; everyone else is turned away (anonymous visitors to the login page,
logged-in users with a German 403 page).

``SAMPLES`` gives the URL arguments for routes that take some: a callable that receives the
user opening the page (``None`` when anonymous) and returns the kwargs; it may create objects,
also to put the user in the state the page is for.
"""

ANON = "anonymous"
VERWALTUNG, BEIRAT, PARTNER, AUSSCHUSS = "verwaltung", "beirat", "partner", "ausschuss"
ROLES = [ANON, BEIRAT, PARTNER, AUSSCHUSS, VERWALTUNG]

EVERYONE = frozenset(ROLES)
LOGGED_IN = frozenset(ROLES) - {ANON}
STAFF = frozenset({VERWALTUNG})
BOARD = frozenset({VERWALTUNG, BEIRAT})
DIRECTORY = frozenset({VERWALTUNG, BEIRAT, PARTNER})

ACCESS = {
    "": EVERYONE,
    "healthz": EVERYONE,
    "robots.txt": EVERYONE,
    "barrierefreiheit/": EVERYONE,
    "datenschutz/": EVERYONE,
    "impressum/": EVERYONE,
    "barrierefreiheit/bearbeiten/": STAFF,
    "datenschutz/bearbeiten/": STAFF,
    "impressum/bearbeiten/": STAFF,
    "i18n/setlang/": EVERYONE,
    # Accounts (allauth and the invitation link)
    "konto/einladung/<str:token>/": EVERYONE,
    "konto/login/": EVERYONE,
    "konto/logout/": EVERYONE,
    "konto/inactive/": EVERYONE,
    "konto/signup/": EVERYONE,
    "konto/password/reset/": EVERYONE,
    "konto/password/reset/done/": EVERYONE,
    "konto/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": EVERYONE,
    "konto/password/reset/key/done/": EVERYONE,
    "konto/confirm-email/": EVERYONE,
    "konto/^confirm-email/(?P<key>[-:\\w]+)/$": EVERYONE,
    "konto/login/code/confirm/": EVERYONE,
    "konto/2fa/authenticate/": EVERYONE,
    "konto/reauthenticate/": LOGGED_IN,
    # allauth 65.22 added re-authentication by a mailed code
    "konto/reauthenticate/code/": LOGGED_IN,
    "konto/reauthenticate/code/confirm/": LOGGED_IN,
    "konto/email/": LOGGED_IN,
    "konto/password/change/": LOGGED_IN,
    "konto/password/set/": LOGGED_IN,
    "konto/2fa/": LOGGED_IN,
    "konto/2fa/reauthenticate/": LOGGED_IN,
    "konto/2fa/totp/activate/": LOGGED_IN,
    "konto/2fa/totp/deactivate/": LOGGED_IN,
    "konto/2fa/recovery-codes/": LOGGED_IN,
    "konto/2fa/recovery-codes/generate/": LOGGED_IN,
    "konto/2fa/recovery-codes/download/": LOGGED_IN,
    # User administration in the portal
    "benutzer/": STAFF,
    "benutzer/einladen/": STAFF,
    "benutzer/<int:pk>/": STAFF,
    "benutzer/<int:pk>/einladung-erneut/": STAFF,
    "protokoll/": STAFF,
}

# Steps of a login in progress: without one they send the visitor back to the login page.
LOGIN_STAGES = {"konto/login/code/confirm/", "konto/2fa/authenticate/"}

# Every route below this prefix is the Django admin: staff with the staff flag only.
ADMIN_PREFIX = "admin/"


def _a_user(user):
    from tests.factories import UserFactory

    return {"pk": UserFactory().pk}


def _with_authenticator(user):
    """Pages about an existing second factor: the user has TOTP and recovery codes."""
    if user is not None and not user.authenticator_set.exists():
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(user, generate_totp_secret())
        RecoveryCodes.activate(user)
    return {}


SAMPLES = {
    "konto/einladung/<str:token>/": lambda user: {"token": "kein-gueltiger-link"},
    "konto/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": lambda user: {
        "uidb36": "1",
        "key": "abc-def",
    },
    "konto/^confirm-email/(?P<key>[-:\\w]+)/$": lambda user: {"key": "ungueltig"},
    "konto/2fa/totp/deactivate/": _with_authenticator,
    "konto/2fa/recovery-codes/": _with_authenticator,
    "konto/2fa/recovery-codes/download/": _with_authenticator,
    "benutzer/<int:pk>/": _a_user,
    "benutzer/<int:pk>/einladung-erneut/": _a_user,
}


# Each app keeps its own part of the table in ``tests/<app>/access.py`` (``ACCESS`` and
# ``SAMPLES`` dicts of the same form); they are merged here.
APP_TABLES = [
    "tests.companies.access",
    "tests.measures.access",
    "tests.board.access",
    "tests.committee.access",
    "tests.events.access",
    "tests.reports.access",
]


def _merge_app_tables():
    from importlib import import_module

    for name in APP_TABLES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if not exc.name or not name.startswith(exc.name):
                raise
            continue
        overlap = set(module.ACCESS) & set(ACCESS)
        assert not overlap, f"{name} repeats routes: {overlap}"
        ACCESS.update(module.ACCESS)
        SAMPLES.update(getattr(module, "SAMPLES", {}))


_merge_app_tables()

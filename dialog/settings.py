"""Settings of the Aachener Industrie-Dialog portal.

All of it lives here and varies only by environment (docs/design.md §4): ``DATABASE_URL``,
``REDIS_URL``, ``SECRET_KEY``, ``DEBUG``, ``ALLOWED_HOSTS``, ``MEDIA_ROOT``, ``EMAIL_URL`` and a
few optional switches. Without them the portal runs on embedded defaults: a SQLite file and a
Celery broker on the file system, so a machine with nothing but Python can run web, worker and
beat side by side.
"""

from pathlib import Path

import environ
import xstatic.pkg.bootstrap
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# Runtime files (the embedded database, the file broker, static and media files). Importing the
# settings creates nothing: the core app makes the directories on start (dialog/core/apps.py),
# the Celery app the broker's (dialog/celery.py).
VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (for development: DEBUG=true)."
        )
    SECRET_KEY = "django-insecure-development-only-key-for-the-industrie-dialog-portal"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_celery_beat",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "dialog.core",
    "dialog.accounts",
    "dialog.audit",
    "dialog.legal",
    "dialog.committee",
    "dialog.board",
    "companies",
    "measures",
    "events",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "dialog.accounts.middleware.EnforceStaffTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "dialog.core.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "dialog.urls"
WSGI_APPLICATION = "dialog.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dialog.core.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'dialog.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat write to the same file: WAL lets readers and one writer work side
    # by side, the busy timeout waits for a lock instead of failing, and IMMEDIATE transactions
    # take the write lock up front so two writers never deadlock on a lock upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
    # A file, not memory, so that a real worker process started by a test sees the test data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-dialog.sqlite3")}
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, broker, Celery ------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "dialog.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="dialog"),
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    # Shared by every process (rate limits must be), unlike per-process memory.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "dialog_cache",
        }
    }
    _broker_dir = VAR_DIR / "celery"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
        # kombu keeps its exchange tables here (default: control/ in the working directory).
        "control_folder": str(_broker_dir / "control"),
    }
    CELERY_RESULT_BACKEND = f"file://{_broker_dir / 'results'}"

if REDIS_URL:
    # A task whose worker died is delivered again after this many seconds (minutes, not the
    # default hour), so a report interrupted by a crash is finished soon after. A running
    # worker looks for such messages every ``unacked_restore_interval`` seconds (the throttle
    # of 1 makes every look a real scan; kombu's default would scan only every tenth time).
    # Short connect timeouts keep /healthz and a publish from hanging while Redis is away.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=300),
        "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=30),
        "unacked_restore_throttle": 1,
        "socket_connect_timeout": env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=3.0),
    }
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=3.0)
# Publishing a task while the broker is down gives up after about a second (instead of
# retrying for long inside a web request); the caller then tells the user (see reports).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = "Europe/Berlin"
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Fixed jobs (apps add theirs); schedules staff define live in django-celery-beat's tables.
CELERY_BEAT_SCHEDULE = {
    # Weekly digest of companies whose risk score rose: Monday morning.
    "companies-risk-digest": {
        "task": "companies.risk_digest_send",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
    },
    # Weekly reminder of each staff member's overdue follow-ups (Wiedervorlagen): Monday.
    "companies-follow-up-reminders": {
        "task": "companies.follow_up_reminders_send",
        "schedule": crontab(minute=15, hour=7, day_of_week="mon"),
    },
    # Unconfirmed registrations of anonymous visitors expire.
    "events-expire-unconfirmed-registrations": {
        "task": "events.expire_unconfirmed_registrations",
        "schedule": 3600.0,
    },
    # Reports whose generation outlived REPORT_GENERATION_TIMEOUT become failed (job lost).
    "reports-fail-stale-generations": {
        "task": "reports.fail_stale_generations",
        "schedule": 300.0,
    },
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Page cache (dialog/pagecache.py) ------------------------------------------------------
# Read-only HTML pages kept per user until any data changes; 0 switches the page cache off.
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=600)
PAGE_CACHE_VIEWS = frozenset(
    [
        "home",
        "legal:barrierefreiheit", "legal:datenschutz", "legal:impressum",
        "users:list", "audit:log",
        "companies:list", "companies:detail", "companies:watchlist", "companies:needs",
        "measures:list", "measures:detail", "measures:timeline", "measures:capacity",
        "measures:partner-list", "measures:partner-detail",
        "events:list", "events:detail", "events:mobility-list", "events:mobility-week",
        "board:index", "board:member-list", "board:meeting-list", "board:meeting-detail",
        "board:measure-list", "board:measure-detail", "board:priorities",
        "committee:list", "committee:detail",
        "reports:list", "reports:detail",
    ]
)  # fmt: skip

# Sessions are read from the cache (Redis) and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "dialog.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "dialog.accounts.backends.StaffAdminBackend",
    "dialog.accounts.backends.PasswordBackend",
    "dialog.accounts.backends.AllauthPasswordBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "dialog.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "dialog.accounts.forms.LoginForm",
    "add_email": "dialog.accounts.forms.AddEmailForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# An address counts only once its owner has proven it (docs/design.md, "Identity and public
# forms"): logging in with an unproven address sends a link to it first, and a new address
# replaces the old one only after the link sent to the new one was followed (one address per
# account). Accepting an invitation proves the invited address (accounts.services).
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_EMAIL_NOTIFICATIONS = True  # e.g. the old address hears of a change
# Nobody signs up: a password reset for an unknown address sends nothing (rather than a mail
# inviting a stranger to sign up).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Rate limits on the shared cache (allauth's machinery, also for the portal's public forms:
# dialog/accounts/ratelimit.py). "key" of ``login_failed`` is the account together with the
# client's address (AccountAdapter): an attacker's failures slow the attacker down without
# locking the owner out, who logs in from another client.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    # Anonymous registrations for events: per client and per address that is mailed.
    "events_register": "20/m/ip,100/h/ip,5/h/key,20/d/key",
    # Applications for the Woche der Mobilität: per client and per address.
    "events_mobility_apply": "10/m/ip,50/h/ip,3/h/key",
}
# Behind nginx (deploy/nginx) every request comes from the proxy: the client's address is the
# last one in X-Forwarded-For, which nginx appends. Without it all clients would share one
# address and one rate limit.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int(
    "TRUSTED_PROXY_COUNT", default=1 if env.bool("BEHIND_TLS_PROXY", default=False) else 0
)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Industrie-Dialog] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Aachener Industrie-Dialog"
# When on, staff (role verwaltung) must set up TOTP before they can use the portal.
MFA_REQUIRED_FOR_VERWALTUNG = env.bool("MFA_REQUIRED_FOR_VERWALTUNG", default=False)
# An invitation link is valid this long (seconds).
INVITATION_TIMEOUT = env.int("INVITATION_TIMEOUT", default=7 * 24 * 3600)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 3600)

# --- Mail -----------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Aachener Industrie-Dialog <industrie-dialog@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap comes from the xstatic-bootstrap package, served by the portal itself.
    ("vendor/bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/medien/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "dialog.core.storage.StaticStorage"},
}
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

FORM_RENDERER = "dialog.core.form_rendering.PortalFormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS (default: on whenever DEBUG is off) switches on the redirect, secure cookies and HSTS.
# The test suite and the local benchmark speak plain HTTP on loopback and turn it off.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Portal ---------------------------------------------------------------------------------
# Reference views for ``make bench`` (never on in production).
BENCHMARK_VIEWS = env.bool("BENCHMARK_VIEWS", default=False)
PORTAL_NAME = "Aachener Industrie-Dialog"
REPORT_NUMBER_PREFIX = env("REPORT_NUMBER_PREFIX", default="FB 02")
REPORT_ELECTORAL_PERIOD = env.int("REPORT_ELECTORAL_PERIOD", default=16)
# Seconds a report may be "wird erzeugt" before it counts as lost and becomes failed ("Erneut
# versuchen"). Longer than a rendering plus Redis' redelivery (CELERY_VISIBILITY_TIMEOUT).
REPORT_GENERATION_TIMEOUT = env.int("REPORT_GENERATION_TIMEOUT", default=900)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "dialog.core.log_format.JsonFormatter"},
    },
    "filters": {"refused": {"()": "dialog.core.log_format.RefusedRequestFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="plain"),
            "filters": ["refused"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console handler would print every record of "django" a second time.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "INFO"},
        # Layout progress of every report page and font subsetting: only what goes wrong.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: page cache, exports, mail, views, backup; no models."""

    name = "dialog.core"
    label = "core"
    verbose_name = _("Portal")

    def ready(self):
        from celery.signals import task_postrun
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from . import pagecache

        # Every write makes the cached pages out of date (dialog/pagecache.py).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(pagecache.data_changed, dispatch_uid=f"pagecache-{id(signal)}")
        post_migrate.connect(pagecache.bump_version, dispatch_uid="pagecache-migrate")
        task_postrun.connect(pagecache.bump_version, weak=False, dispatch_uid="pagecache-task")
        make_runtime_directories()


def make_runtime_directories():
    """The directories the portal writes into and does not create on its own: the embedded
    SQLite database's and the static files' (WhiteNoise serves from it). Here rather than in
    the settings, so that importing the settings has no side effects."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and database["NAME"] != ":memory:":
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if settings.STATIC_ROOT:
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)

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
        from django.core.signals import request_finished
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import pagecache

        # Every real data write makes the cached pages out of date (dialog/core/pagecache.py):
        # a watcher on every database connection, whichever process opens it.
        connection_created.connect(pagecache.watch_connection, dispatch_uid="pagecache-watch")
        for connection in connections.all(initialized_only=True):
            pagecache.watch_connection(connection)
        post_migrate.connect(pagecache.bump_version, dispatch_uid="pagecache-migrate")
        # With the cache in the database, a write outside a transaction moves the version at
        # the connection's next statement or, at the latest, when its request or task ends.
        request_finished.connect(pagecache.flush_pending, dispatch_uid="pagecache-request")
        task_postrun.connect(pagecache.flush_pending, dispatch_uid="pagecache-task", weak=False)
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

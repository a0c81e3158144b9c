"""The Celery application; its configuration comes from Django's settings (``CELERY_*``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialog.settings")

app = Celery("dialog")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

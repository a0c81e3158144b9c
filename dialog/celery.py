"""The Celery application; its configuration comes from Django's settings (``CELERY_*``)."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialog.settings")

app = Celery("dialog")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The broker on the file system (the embedded default without Redis) and its result store
# need their folders before the first message; kombu creates none but the control folder.
FILE_BROKER_FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


@app.on_after_configure.connect
def make_file_broker_folders(sender, **kwargs):
    """Create the file broker's folders in every process that uses Celery (web, worker, beat)."""
    conf = sender.conf
    folders = []
    if str(conf.broker_url).startswith("filesystem://"):
        options = conf.broker_transport_options or {}
        folders += [options[key] for key in FILE_BROKER_FOLDERS if options.get(key)]
    if str(conf.result_backend or "").startswith("file://"):
        folders.append(conf.result_backend.removeprefix("file://"))
    for folder in folders:
        Path(folder).mkdir(parents=True, exist_ok=True)

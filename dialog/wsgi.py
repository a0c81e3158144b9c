"""WSGI entry point (gunicorn dialog.wsgi).

The URL configuration (and with it every view module) is loaded here rather than on the first
request: gunicorn's ``--preload`` (deploy/systemd) then loads it once in the master process,
and a worker it starts, also after ``--max-requests``, is a fork ready to answer.
"""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialog.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 (imports the URL conf and the views)

"""The portal's own pages: the start page and each role's dashboard, and the health check."""

import logging

from django.contrib.auth import get_user_model
from django.db import connection
from django.http import JsonResponse
from django.views.generic import TemplateView

from dialog.celery import app as celery_app

logger = logging.getLogger(__name__)
User = get_user_model()
HEALTHZ_BROKER_TIMEOUT = 2  # seconds


class HomeView(TemplateView):
    """The public start page for visitors, each role's dashboard for logged-in users."""

    def get_template_names(self):
        user = self.request.user
        if user.is_authenticated and user.role:
            return [f"core/dashboard_{user.role.value}.html"]
        if user.is_authenticated:
            return ["core/dashboard_norole.html"]
        return ["core/start.html"]


def healthz(request):
    """Liveness and readiness: is the database reachable, is the broker reachable?"""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any failure means "not ready"; say which
        logger.warning("healthz: database unreachable: %s", exc)
        checks["database"] = "unreachable"
    try:
        # Short timeouts of its own: a broker that is gone or hangs must not hang the check.
        options = {
            **(celery_app.conf.broker_transport_options or {}),
            "socket_connect_timeout": HEALTHZ_BROKER_TIMEOUT,
            "socket_timeout": HEALTHZ_BROKER_TIMEOUT,
        }
        with celery_app.connection_for_write(transport_options=options) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=HEALTHZ_BROKER_TIMEOUT)
        checks["broker"] = "ok"
    except Exception as exc:
        logger.warning("healthz: broker unreachable: %s", exc)
        checks["broker"] = "unreachable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "checks": checks},
        status=200 if healthy else 503,
    )

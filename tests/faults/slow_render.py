"""The Celery app of a worker whose reports render slowly, for the fault tests.

``celery -A tests.faults.slow_render worker`` runs the portal's tasks, but holds each report
for ``RENDER_DELAY`` seconds between its snapshot and its rendering (after "Rendering report"
is logged), so a test can kill the worker mid-report deterministically. The portal's own code
knows nothing of it.
"""

import time

from celery.signals import task_prerun

from dialog.celery import app

__all__ = ["app"]

RENDER_DELAY = 120


@task_prerun.connect
def _render_slowly(**kwargs):
    # Django is set up by now (the worker imported the tasks); patch once per process.
    from reports import services

    render = services.render_report_pdf
    if getattr(render, "slowed", False):
        return

    def slow_render(snapshot, *args, **kwargs):
        time.sleep(RENDER_DELAY)
        return render(snapshot, *args, **kwargs)

    slow_render.slowed = True
    services.render_report_pdf = slow_render

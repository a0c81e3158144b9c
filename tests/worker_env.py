"""Per-worker environment of a parallel test run (pytest-xdist).

Loaded with ``-p tests.worker_env`` (pyproject's ``addopts``), so it runs before pytest-django
imports the settings; a conftest would come too late. In a worker xdist has set
``PYTEST_XDIST_WORKER`` (``gw0``, ``gw1``, …) before the worker's configuration is built.

A worker gets its own copy of everything a test changes that the settings point at:

* the database: pytest-django appends ``_gw0``, ``_gw1``, … to the test database's name;
* ``VAR_DIR`` (``VAR_DIR/xdist/gwN``): the embedded default's SQLite test file and the Celery
  file-system broker (``celery/``), whose queue a real worker started by a test consumes;
* the Redis database (cache, broker, results): the one after ``REDIS_URL``'s for ``gw0``, the
  next for ``gw1``, and so on; tests clear the cache (``FLUSHDB``) and real workers consume
  the queue, which must never reach another worker's tests.

Celery worker processes and ``manage.py`` subprocesses started by tests inherit
``os.environ`` and so follow. A serial run (no xdist) keeps the environment as it is.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REDIS_DATABASES = 16  # redis-server's default number of databases (0 … 15)


def worker_environment(environ, worker):
    """The variables to set for xdist worker ``worker`` (``"gw0"``, …)."""
    index = int(worker.removeprefix("gw"))
    var_dir = Path(environ.get("VAR_DIR") or Path(__file__).resolve().parent.parent / "var")
    changes = {"VAR_DIR": str(var_dir / "xdist" / worker)}
    if environ.get("REDIS_URL"):
        url = urlsplit(environ["REDIS_URL"])
        db = int(url.path.strip("/") or 0) + 1 + index
        if db >= REDIS_DATABASES:
            raise pytest.UsageError(
                f"REDIS_URL={environ['REDIS_URL']}: worker {worker} would need Redis database "
                f"{db}; give a lower database number or fewer workers (-n)."
            )
        changes["REDIS_URL"] = urlunsplit(url._replace(path=f"/{db}"))
    return changes


if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.update(worker_environment(os.environ, os.environ["PYTEST_XDIST_WORKER"]))

"""Importing the settings has no side effects; runtime files stay under VAR_DIR."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _python(code, *, var_dir, cwd):
    """Run ``code`` in a fresh interpreter on the embedded defaults (no Redis, SQLite)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "DJANGO_SETTINGS_MODULE"}
    }
    env.update({"DEBUG": "true", "VAR_DIR": str(var_dir), "PYTHONPATH": str(ROOT)})
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_importing_the_settings_creates_no_directory(tmp_path):
    var_dir, cwd = tmp_path / "var", tmp_path / "cwd"
    cwd.mkdir()
    _python("import dialog.settings", var_dir=var_dir, cwd=cwd)
    assert not var_dir.exists()
    assert list(cwd.iterdir()) == []


def test_the_file_broker_keeps_all_its_folders_under_var_dir(tmp_path):
    var_dir, cwd = tmp_path / "var", tmp_path / "cwd"
    cwd.mkdir()
    code = (
        "from dialog.celery import app\n"
        "import django; django.setup()\n"
        "with app.connection_for_write() as connection:\n"
        "    connection.default_channel.exchange_declare('celery', type='direct')\n"
        "    connection.default_channel.queue_declare('celery')\n"
        "    connection.default_channel.queue_bind('celery', 'celery', 'celery')\n"
    )
    _python(code, var_dir=var_dir, cwd=cwd)
    assert list(cwd.iterdir()) == []  # kombu's default would be ./control
    broker = var_dir / "celery"
    assert {path.name for path in broker.iterdir()} >= {"queue", "control", "results"}
    assert (broker / "control" / "celery.exchange").exists()

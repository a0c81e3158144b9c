"""The deployment files in deploy/ are valid and start commands that exist."""

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
INSTALL_DIR = "/opt/industrie-dialog"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def _unit_for_this_checkout(unit: Path, tmp_path: Path) -> Path:
    """The unit with the install directory pointed at this checkout, so its commands exist."""
    env_file = tmp_path / "env"
    env_file.write_text((DEPLOY / "industrie-dialog.env.example").read_text())
    text = unit.read_text().replace(INSTALL_DIR, str(ROOT))
    text = text.replace("/etc/industrie-dialog/env", str(env_file))
    copy = tmp_path / unit.name
    copy.write_text(text)
    return copy


def test_there_are_units_for_web_worker_and_beat():
    assert {unit.stem for unit in UNITS} == {
        "industrie-dialog-web",
        "industrie-dialog-worker",
        "industrie-dialog-beat",
    }


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.stem)
def test_unit_is_valid_and_its_command_exists(unit, tmp_path):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read(unit)
    assert parser["Service"]["WorkingDirectory"] == INSTALL_DIR
    assert parser["Service"]["EnvironmentFile"] == "/etc/industrie-dialog/env"
    command = parser["Service"]["ExecStart"].split()[0]
    assert command.startswith(f"{INSTALL_DIR}/.venv/bin/")
    local_command = ROOT / command.removeprefix(INSTALL_DIR + "/")
    assert local_command.exists(), f"{local_command} is not installed by make install"
    if shutil.which("systemd-analyze"):
        result = subprocess.run(
            ["systemd-analyze", "verify", str(_unit_for_this_checkout(unit, tmp_path))],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_accepts_the_web_units_configuration(tmp_path):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read(DEPLOY / "systemd" / "industrie-dialog-web.service")
    args = parser["Service"]["ExecStart"].split()[1:]
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_web_unit_preloads_the_portal_and_recycles_workers_rarely():
    """A worker gunicorn starts must not import Django afresh: that took about a second of
    CPU, and with ``--max-requests 2000`` it happened every few seconds under load
    (``make bench``: p95 over a second, a quarter of the CPU)."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read(DEPLOY / "systemd" / "industrie-dialog-web.service")
    args = parser["Service"]["ExecStart"].split()
    assert "--preload" in args
    assert int(args[args.index("--max-requests") + 1]) >= 10_000
    # With --preload, a reload does not load new code: the guide says to restart.
    assert "systemctl restart industrie-dialog-web" in (ROOT / "docs" / "betrieb.md").read_text()


def test_the_wsgi_module_loads_the_url_conf_before_the_first_request():
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 50}
    code = "import sys, dialog.wsgi; print('dialog.urls' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "True", result.stderr


def test_the_example_environment_names_every_setting_the_portal_needs():
    names = {
        line.split("=", 1)[0]
        for line in (DEPLOY / "industrie-dialog.env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "MEDIA_ROOT"} <= names
    assert "DEBUG=false" in (DEPLOY / "industrie-dialog.env.example").read_text()


def test_nginx_site_passes_nginx_t(tmp_path):
    assert shutil.which("nginx"), "nginx is needed for this test (apt-get install nginx-light)"
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / "industrie-dialog.conf").read_text()
    site = site.replace("/etc/ssl/certs/industrie-dialog.pem", str(cert))
    site = site.replace("/etc/ssl/private/industrie-dialog.key", str(key))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "logs").mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/logs/error.log;\n"
        f"events {{}}\nhttp {{\n  access_log off;\n  include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
    assert "location /static/" in site
    assert "/medien/" not in site  # media never served directly


def test_the_benchmark_serves_the_portal_as_the_deployment_files_configure_it(tmp_path):
    """``make bench`` builds its nginx and gunicorn from deploy/: the result must be valid
    and keep the production settings."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    conf = bench.production_nginx_conf(tmp_path, 8999)
    (tmp_path / "nginx.conf").write_text(conf)
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert f"server unix:{tmp_path / 'gunicorn.sock'}" in conf
    assert "listen 127.0.0.1:8999;" in conf and "ssl" not in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    args = bench.production_gunicorn_args(tmp_path / "gunicorn.sock")
    assert args[args.index("--bind") + 1] == f"unix:{tmp_path / 'gunicorn.sock'}"
    assert "--preload" in args and args[args.index("--workers") + 1] == "4"

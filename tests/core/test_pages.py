"""Start page, dashboards, error pages, health check and demo data."""

import io
import json
import logging
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from dialog.accounts.roles import Role

pytestmark = pytest.mark.django_db
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))

DASHBOARD_HEADINGS = {
    Role.VERWALTUNG: "Übersicht der Wirtschaftsförderung",
    Role.BEIRAT: "Bereich des Unternehmerbeirats",
    Role.PARTNER: "Bereich der Kooperationspartner",
    Role.AUSSCHUSS: "Bereich des Ausschusses",
}


def test_start_page_explains_the_dialog_to_visitors(client):
    content = client.get("/").content.decode()
    assert "Industrie-Dialog" in content
    assert "Unternehmerbeirat" in content
    assert 'lang="de"' in content


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_its_own_dashboard(role, client_for):
    content = client_for(role).get("/").content.decode()
    assert DASHBOARD_HEADINGS[role] in content
    for other, heading in DASHBOARD_HEADINGS.items():
        if other != role:
            assert heading not in content


def test_only_staff_see_the_user_administration_in_the_navigation(client_for):
    assert reverse("users:list") in client_for(Role.VERWALTUNG).get("/").content.decode()
    assert reverse("users:list") not in client_for(Role.BEIRAT).get("/").content.decode()


def test_the_filter_form_folds_away_and_says_how_many_filters_are_active(client_for):
    client = client_for(Role.VERWALTUNG)
    untouched = client.get(reverse("companies:list")).content.decode()
    assert '<details class="portal-filter' in untouched
    assert "aktiv)" not in untouched
    content = client.get(
        reverse("companies:list"), {"q": "guss", "district": "brand", "status": ""}
    ).content.decode()
    assert "Filter (2 aktiv)" in content


def test_german_404_page(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "ok"},
    }


def test_pages_send_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_load_nothing_from_other_servers(client):
    content = client.get("/").content.decode()
    assert "http://" not in content.replace("http://www.w3.org", "")
    assert "https://" not in content
    assert "//cdn" not in content


def test_load_demo_creates_the_four_accounts_and_is_idempotent():
    """Loading the demo twice changes no table (the apps' demo tests use the data once)."""
    from django.apps import apps

    call_command("load_demo", verbosity=0)
    counts = {model._meta.label: model._base_manager.count() for model in apps.get_models()}
    assert counts["measures.Measure"] and counts["events.Event"] and counts["board.BoardMeeting"]
    call_command("load_demo", verbosity=0)
    assert {m._meta.label: m._base_manager.count() for m in apps.get_models()} == counts
    User = get_user_model()
    for role in Role:
        user = User.objects.get(email=f"{role.value}@example.org")
        assert user.check_password("demo-passwort-2014")
        assert user.role == role
    assert User.objects.filter(email__endswith="@example.org").count() == 4


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"HTTPS", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "a-long-and-random-production-secret-key-" + "x7Q!" * 10,
            "ALLOWED_HOSTS": "industrie-dialog.aachen.de",
            "VAR_DIR": str(tmp_path),
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_debug_a_secret_key_is_required(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env["VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_a_refused_request_logs_one_line_without_a_traceback(client, make_user):
    """A 403 or 404 is the visitor's mistake, not the server's: one line in the log."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        client.force_login(make_user(Role.PARTNER))
        assert client.get("/benutzer/").status_code == 403
        assert client.get("/gibt-es-nicht/").status_code == 404
    finally:
        handler.setStream(previous)
    logged = stream.getvalue()
    assert "Traceback" not in logged
    assert len([line for line in logged.splitlines() if "Forbidden" in line]) == 1, logged


def test_weasyprint_progress_is_not_logged():
    assert not logging.getLogger("weasyprint.progress").isEnabledFor(logging.INFO)
    assert not logging.getLogger("fontTools.subset").isEnabledFor(logging.INFO)
    assert logging.getLogger("django.request").handlers == []
    assert logging.getLogger("django").handlers == []


def test_json_logs_are_one_object_per_line(tmp_path):
    env = {**os.environ, "LOG_FORMAT": "json", "VAR_DIR": str(tmp_path)}
    code = "import logging; logging.getLogger('dialog').warning('Bericht %s fertig', 7)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    line = [line for line in result.stderr.splitlines() if "Bericht" in line][0]
    entry = json.loads(line)
    assert entry["message"] == "Bericht 7 fertig"
    assert entry["level"] == "WARNING"


def test_the_portal_is_available_in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    content = client.get("/").content.decode()
    assert 'lang="en"' in content
    assert "Skip to content" in content or "Skip to main content" in content
    assert "Zum Inhalt springen" not in content


def test_every_interface_string_has_an_english_translation():
    from pathlib import Path

    catalogue = (Path(ROOT) / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    result = subprocess.run(
        ["msgattrib", "--untranslated", "-"], input=catalogue, capture_output=True, text=True
    )
    untranslated = [line for line in result.stdout.splitlines() if line.startswith("msgid ")]
    assert untranslated in ([], ['msgid ""']), untranslated[:5]


def test_make_run_announces_the_address_and_the_logins_once_the_server_answers(live_server):
    out = io.StringIO()
    call_command("announce", live_server.url + "/", "--no-wait", "--timeout", "20", stdout=out)
    assert f"Portal: {live_server.url}/" in out.getvalue()
    assert "verwaltung@example.org" in out.getvalue()


def test_announce_says_so_when_the_server_does_not_answer():
    err = io.StringIO()
    call_command("announce", "http://127.0.0.1:9/", "--no-wait", "--timeout", "0", stderr=err)
    assert "antwortet nicht" in err.getvalue()

"""Back up, wipe, restore: every row and every media file comes back unchanged, every report
PDF matches the SHA-256 recorded at its generation; on PostgreSQL (the database the suite
runs on in CI) and on SQLite, the embedded default (in a ``manage.py`` subprocess).

A damaged or foreign backup is refused before anything is touched: the data and the media
files stay as they are.
"""

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from pypdf import PdfReader

from dialog.core.backup import MANIFEST, media_checksums
from reports.models import Report
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent


def _rows():
    """Every row of every model, field by field (``dumpdata --all``, ordered by key)."""
    out = io.StringIO()
    call_command("dumpdata", use_base_manager=True, stdout=out)
    return json.loads(out.getvalue())


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _report_pdfs(rows, media: Path) -> dict[str, tuple[str, str]]:
    """Each report PDF: (the SHA-256 recorded at its generation, the file's SHA-256 now)."""
    return {
        row["fields"]["number"]: (
            row["fields"]["pdf_sha256"],
            _sha256(media / row["fields"]["pdf"]),
        )
        for row in rows
        if row["model"] == "reports.report" and row["fields"]["pdf"]
    }


def _leftovers(media: Path) -> list[str]:
    return sorted(p.name for p in media.parent.iterdir() if p.name.startswith(f".{media.name}."))


def round_trip(backups: Path) -> dict:
    """Back up, change everything (database emptied and refilled, media folder replaced),
    restore. Returns rows, media files and report PDFs before and after, and the manifest.

    Also run in a ``manage.py shell`` subprocess by the SQLite test below.
    """
    media = Path(settings.MEDIA_ROOT)
    rows = _rows()
    before = {"rows": rows, "files": media_checksums(media), "pdfs": _report_pdfs(rows, media)}

    call_command("backup", str(backups), verbosity=0)
    [folder] = Path(backups).iterdir()
    manifest = json.loads((folder / MANIFEST).read_text())
    parts_intact = all(
        _sha256(folder / name) == part["sha256"] for name, part in manifest["parts"].items()
    )

    call_command("flush", interactive=False, verbosity=0)
    UserFactory(email="nach-der-sicherung@example.org")
    shutil.rmtree(media)
    (media / "berichte").mkdir(parents=True)
    (media / "berichte" / "fremd.pdf").write_bytes(b"%PDF-1.7 fremd")

    call_command("restore", str(folder), yes=True, verbosity=0)
    connection.close()
    after = {"rows": _rows(), "files": media_checksums(media), "pdfs": _report_pdfs(rows, media)}
    return {
        "before": before,
        "after": after,
        "folder": str(folder),
        "manifest_media": manifest["media"],
        "parts_intact": parts_intact,
        "leftovers": _leftovers(media),
    }


def _assert_round_trip(result):
    before, after = result["before"], result["after"]
    # Real PDFs (WeasyPrint), each matching the checksum recorded when it was generated.
    assert before["pdfs"] and all(recorded == now for recorded, now in before["pdfs"].values())
    assert any(name.startswith("board/") for name in before["files"])  # a board document
    assert result["manifest_media"] == before["files"] and result["parts_intact"]
    assert after["rows"] == before["rows"]
    assert after["files"] == before["files"]
    assert after["pdfs"] == before["pdfs"]
    assert result["leftovers"] == []


def test_backup_wipe_restore_round_trip(tmp_path, demo):
    media = Path(settings.MEDIA_ROOT)
    for report in Report.objects.exclude(pdf=""):
        assert len(PdfReader(media / report.pdf.name).pages) == report.pdf_page_count
    result = round_trip(tmp_path / "backups")
    assert len(result["before"]["pdfs"]) >= 2
    _assert_round_trip(result)


# --- A damaged or foreign backup --------------------------------------------------------------
def _truncate_media(folder):
    archive = folder / "media.tar.gz"
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])


def _record_part(folder, name):
    """Rewrite the manifest so that it vouches for the part as it is now (a tampered one)."""
    manifest = json.loads((folder / MANIFEST).read_text())
    path = folder / name
    manifest["parts"][name] = {"sha256": _sha256(path), "size": path.stat().st_size}
    (folder / MANIFEST).write_text(json.dumps(manifest))


def _edit_manifest(change):
    def damage(folder):
        manifest = json.loads((folder / MANIFEST).read_text())
        change(manifest)
        (folder / MANIFEST).write_text(json.dumps(manifest))

    return damage


def _truncate_media_and_manifest(folder):
    _truncate_media(folder)
    _record_part(folder, "media.tar.gz")


def _foreign_member(folder):
    archive = folder / "media.tar.gz"
    with tarfile.open(archive, "r:gz") as source:
        members = [(m, source.extractfile(m).read() if m.isfile() else None) for m in source]
    with tarfile.open(archive, "w:gz") as target:
        for member, data in members:
            target.addfile(member, io.BytesIO(data) if data is not None else None)
        extra = tarfile.TarInfo("etc/cron.d/fremd")
        extra.size = 4
        target.addfile(extra, io.BytesIO(b"boom"))
    _record_part(folder, "media.tar.gz")


def _garbage_database(folder):
    database = next(p for p in folder.iterdir() if p.name.startswith("database"))
    database.write_bytes(b"keine Datenbank " * 1000)
    _record_part(folder, database.name)


def _changed_media_file(folder):
    """A file in the archive differs from the manifest's checksum (a consistent archive)."""
    archive = folder / "media.tar.gz"
    raw = gzip.decompress(archive.read_bytes())
    start = raw.index(b"%PDF")
    raw = raw[:start] + b"%PDX" + raw[start + 4 :]
    archive.write_bytes(gzip.compress(raw))
    _record_part(folder, "media.tar.gz")


DAMAGES = {
    "truncated archive": (_truncate_media, "media.tar.gz hat nicht die Größe"),
    "truncated archive, manifest made to match": (
        _truncate_media_and_manifest,
        "lässt sich nicht vollständig entpacken",
    ),
    "a media file changed": (_changed_media_file, "stimmen nicht mit dem manifest.json überein"),
    "manifest: a media checksum changed": (
        _edit_manifest(lambda m: m["media"].update({next(iter(m["media"])): "0" * 64})),
        "stimmen nicht mit dem manifest.json überein",
    ),
    "manifest: the database checksum changed": (
        _edit_manifest(lambda m: m["parts"][m["database"]].update(sha256="0" * 64)),
        "stimmt nicht mit seiner Prüfsumme (SHA-256)",
    ),
    "manifest without the portal's marker": (
        _edit_manifest(lambda m: m.pop("format")),
        "keine Sicherung des Aachener Industrie-Dialogs",
    ),
    "manifest of an older format": (
        _edit_manifest(lambda m: m.update(version=1)),
        "Format Version 1",
    ),
    "manifest of another database system": (
        _edit_manifest(lambda m: m.update(vendor="mysql")),
        "stammt aus einer mysql-Datenbank",
    ),
    "backup of a newer portal": (
        _edit_manifest(lambda m: m["migrations"].append("reports.9999_aus_der_zukunft")),
        "Migrationen, die diese Version nicht kennt",
    ),
    "manifest not JSON": (
        lambda folder: (folder / MANIFEST).write_text("{ kaputt"),
        "kein gültiges JSON",
    ),
    "no manifest": (lambda folder: (folder / MANIFEST).unlink(), "manifest.json fehlt"),
    "unreadable database, manifest made to match": (_garbage_database, "nicht lesbar"),
    "archive with a file outside media/": (_foreign_member, "außerhalb von „media/“"),
}


@pytest.fixture
def backup_and_later_data(tmp_path):
    """A backup with a report PDF and a board-like document; afterwards data and files change
    (what a refused restore must leave as it is)."""
    from tests.reports.factories import released_report

    media = Path(settings.MEDIA_ROOT)
    released_report(title="Gesicherter Bericht")
    (media / "board").mkdir(parents=True)
    (media / "board" / "protokoll.pdf").write_bytes(b"%PDF-1.7 Protokoll")
    call_command("backup", str(tmp_path / "backups"), verbosity=0)
    [folder] = (tmp_path / "backups").iterdir()

    released_report(title="Nach der Sicherung freigegeben")
    UserFactory(email="nach-der-sicherung@example.org")
    (media / "board" / "neu.pdf").write_bytes(b"%PDF-1.7 neu")
    return folder


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_a_damaged_or_foreign_backup_changes_nothing(damage, backup_and_later_data):
    folder = backup_and_later_data
    damage_it, message = DAMAGES[damage]
    damage_it(folder)
    media = Path(settings.MEDIA_ROOT)
    rows, files = _rows(), media_checksums(media)

    with pytest.raises(CommandError, match=re.escape(message)) as refused:
        call_command("restore", str(folder), yes=True, verbosity=0)
    assert "Datenbank und Mediendateien sind unverändert" in str(refused.value)
    connection.close()
    assert _rows() == rows
    assert media_checksums(media) == files
    assert _leftovers(media) == []


def test_check_only_verifies(backup_and_later_data, capsys):
    media = Path(settings.MEDIA_ROOT)
    rows, files = _rows(), media_checksums(media)
    call_command("restore", str(backup_and_later_data), check=True)
    assert "vollständig und unbeschädigt" in capsys.readouterr().out
    assert _rows() == rows and media_checksums(media) == files
    assert _leftovers(media) == []


def test_a_database_that_refuses_the_restore_gets_its_media_folder_back(
    backup_and_later_data, tmp_path
):
    """Verified, the media swapped in, then the database fails: the old media come back."""
    media = Path(settings.MEDIA_ROOT)
    files = media_checksums(media)
    real_name = connection.settings_dict["NAME"]
    connection.close()
    missing = "dialog_gibt_es_nicht" if connection.vendor == "postgresql" else str(tmp_path)
    connection.settings_dict["NAME"] = missing
    try:
        with pytest.raises(CommandError, match="Die Datenbank wurde nicht ersetzt"):
            call_command("restore", str(backup_and_later_data), yes=True, verbosity=0)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = real_name
    assert media_checksums(media) == files
    assert _leftovers(media) == []
    assert Report.objects.filter(title="Nach der Sicherung freigegeben").exists()


# --- SQLite, the embedded default -------------------------------------------------------------
def sample_data():
    """A little of everything for the SQLite run: people, a company with a need, a board
    document and a released report whose PDF WeasyPrint renders (what ``load_demo`` has, in
    less time)."""
    from reports.services import report_generate, report_release
    from tests.board.factories import BoardDocumentFactory
    from tests.companies.factories import ContactPersonFactory, NeedFactory
    from tests.reports.factories import ReportFactory

    staff = UserFactory(email="verwaltung@example.org", is_staff=True)
    need = NeedFactory(description="Fachkräfte für die Fertigung")
    ContactPersonFactory(company=need.company, name="Erika Musterfrau")
    BoardDocumentFactory()
    report = ReportFactory(title="Sachstand Industrie-Dialog", status=Report.Status.GENERATING)
    report = report_generate(report_id=report.pk)
    assert report.status == Report.Status.READY, report.error_message
    report_release(report=report, released_by=staff, notify=False)


def _manage(env, *args, check=True):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_round_trip_and_refusal_on_the_embedded_sqlite_default(tmp_path):
    """The same cycle in a portal without DATABASE_URL: an SQLite file below VAR_DIR."""
    var = tmp_path / "var"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "MEDIA_ROOT"}
    }
    env.update(VAR_DIR=str(var), EMAIL_URL="dummymail://")
    backups = tmp_path / "backups"
    script = f"""
import json
from django.conf import settings
from django.core.management import call_command
from tests import test_backup as t
assert settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable")
t.sample_data()
result = t.round_trip(t.Path({str(backups)!r}))
# Then a truncated archive whose manifest was made to match: refused, nothing changed.
t.UserFactory(email="nach-der-wiederherstellung@example.org")
media = t.Path(settings.MEDIA_ROOT)
(media / "neu.txt").write_text("nach der Wiederherstellung")
changed = {{"rows": t._rows(), "files": t.media_checksums(media)}}
t._truncate_media_and_manifest(t.Path(result["folder"]))
try:
    call_command("restore", result["folder"], yes=True, verbosity=0)
except t.CommandError as exc:
    result["refused"] = str(exc)
t.connection.close()
result["unchanged"] = changed == {{"rows": t._rows(), "files": t.media_checksums(media)}}
result["leftovers_after_refusal"] = t._leftovers(media)
print("RESULT " + json.dumps(result))
"""
    output = _manage(env, "shell", "-c", script).stdout
    result = json.loads(output.split("RESULT ", 1)[1])
    assert (var / "dialog.sqlite3").exists()
    assert Path(result["folder"], "database.sqlite3").exists()
    _assert_round_trip(result)
    assert "lässt sich nicht vollständig entpacken" in result["refused"]
    assert result["unchanged"] and result["leftovers_after_refusal"] == []

"""Back up, wipe, restore: every record and every media file comes back unchanged."""

import hashlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from dialog.core.backup import media_checksums

pytestmark = pytest.mark.django_db(transaction=True)


def _all_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def test_backup_wipe_restore_round_trip(tmp_path):
    call_command("load_demo", verbosity=0)
    media = Path(settings.MEDIA_ROOT)
    (media / "berichte").mkdir(parents=True, exist_ok=True)
    pdf = media / "berichte" / "FB-02-0001-WP16.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 100)
    before_counts = _all_counts()
    before_media = media_checksums(media)
    before_sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert before_counts["dialog.User"] >= 4

    call_command("backup", str(tmp_path / "backups"), verbosity=0)
    [folder] = (tmp_path / "backups").iterdir()

    call_command("flush", interactive=False, verbosity=0)
    for path in media.rglob("*.pdf"):
        path.unlink()
    assert _all_counts()["dialog.User"] == 0

    call_command("restore", str(folder), yes=True, verbosity=0)
    connection.close()
    assert _all_counts() == before_counts
    assert media_checksums(media) == before_media
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == before_sha


def test_restore_refuses_a_damaged_backup(tmp_path):
    from django.core.management.base import CommandError

    call_command("backup", str(tmp_path), verbosity=0)
    [folder] = tmp_path.iterdir()
    database_file = next(p for p in folder.iterdir() if p.name.startswith("database"))
    database_file.write_bytes(database_file.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(folder), yes=True, verbosity=0)

"""Restore a backup written by ``manage.py backup`` (replaces database and media files)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dialog.core.backup import backup_restore
from dialog.core.pagecache import bump_version


class Command(BaseCommand):
    help = "Stellt Datenbank und Mediendateien aus einem Sicherungsordner wieder her."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="Ordner einer Sicherung")
        parser.add_argument("--yes", action="store_true", help="ohne Rückfrage überschreiben")

    def handle(self, *args, source, yes, **options):
        if not (source / "manifest.json").exists():
            raise CommandError(f"{source} ist kein Sicherungsordner (manifest.json fehlt).")
        if not yes:
            answer = input("Datenbank und Mediendateien werden ersetzt. Fortfahren? [ja/nein] ")
            if answer.strip().lower() not in {"ja", "j", "yes", "y"}:
                raise CommandError("Abgebrochen.")
        try:
            manifest = backup_restore(source_dir=source)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        bump_version()  # pages kept from before the restore show other data
        self.stdout.write(
            self.style.SUCCESS(
                f"Wiederhergestellt: Sicherung vom {manifest['created']} "
                f"({len(manifest['media'])} Mediendateien)."
            )
        )

"""Back up the database and the media files into a folder (see docs/betrieb.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dialog.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Sichert Datenbank und Mediendateien in einen neuen Ordner unterhalb von ZIEL."

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="Ordner, in dem die Sicherung entsteht")

    def handle(self, *args, target, **options):
        try:
            folder = backup_create(target_dir=target)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Die Sicherung wurde nicht geschrieben: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Sicherung geschrieben: {folder}"))

"""Back up the database and the media files into a folder (see docs/betrieb.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from dialog.core.backup import backup_create


class Command(BaseCommand):
    help = "Sichert Datenbank und Mediendateien in einen neuen Ordner unterhalb von ZIEL."

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="Ordner, in dem die Sicherung entsteht")

    def handle(self, *args, target, **options):
        folder = backup_create(target_dir=target)
        self.stdout.write(self.style.SUCCESS(f"Sicherung geschrieben: {folder}"))

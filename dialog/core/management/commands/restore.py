"""Restore a backup written by ``manage.py backup`` (replaces database and media files).

Everything is checked before anything is touched (``dialog.core.backup``); a damaged or
foreign backup is refused with the reason and the running portal stays as it is.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dialog.core.backup import BackupError, backup_restore_verified, backup_verified
from dialog.core.pagecache import bump_version


class Command(BaseCommand):
    help = (
        "Prüft eine Sicherung vollständig und stellt dann Datenbank und Mediendateien daraus "
        "wieder her. Eine beschädigte oder fremde Sicherung wird abgelehnt; dann bleibt alles, "
        "wie es ist."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="Ordner einer Sicherung")
        parser.add_argument("--yes", action="store_true", help="ohne Rückfrage überschreiben")
        parser.add_argument(
            "--check", action="store_true", help="nur prüfen, nichts wiederherstellen"
        )

    def handle(self, *args, source, yes, check, **options):
        try:
            with backup_verified(source_dir=source) as verified:
                manifest = verified.manifest
                summary = (
                    f"Sicherung vom {manifest['created']} ist vollständig und unbeschädigt "
                    f"({len(manifest['media'])} Mediendateien)."
                )
                if check:
                    self.stdout.write(self.style.SUCCESS(summary))
                    return
                self.stdout.write(summary)
                if not yes:
                    answer = input(
                        "Datenbank und Mediendateien werden ersetzt. Fortfahren? [ja/nein] "
                    )
                    if answer.strip().lower() not in {"ja", "j", "yes", "y"}:
                        raise CommandError("Abgebrochen; nichts wurde geändert.")
                backup_restore_verified(verified)
        except BackupError as exc:
            raise CommandError(
                f"Die Sicherung wurde nicht eingespielt, Datenbank und Mediendateien sind "
                f"unverändert. {exc}"
            ) from exc
        bump_version()  # pages kept from before the restore show other data
        self.stdout.write(
            self.style.SUCCESS(
                f"Wiederhergestellt: Sicherung vom {manifest['created']} "
                f"({len(manifest['media'])} Mediendateien)."
            )
        )
        if verified.migrations_missing:
            self.stdout.write(
                self.style.WARNING(
                    "Die Sicherung stammt von einer älteren Version des Portals. Führen Sie "
                    "jetzt „manage.py migrate“ aus."
                )
            )

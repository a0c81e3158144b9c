"""Backup and restore of the portal: the database (pg_dump/pg_restore, or SQLite's backup
API) and the media files (uploaded documents, report PDFs), with a manifest of checksums.

A backup is a folder ``industrie-dialog-<time>/`` with three parts::

    database.dump | database.sqlite3   the database (PostgreSQL custom format | SQLite file)
    media.tar.gz                       every file below MEDIA_ROOT, under ``media/``
    manifest.json                      what this is and the SHA-256 of every part and file

A restore that cannot make things worse: :func:`backup_verified` checks *everything* before
anything is touched (that the folder is a backup of this portal in a format this version
reads, of the database it runs, with migrations it knows; size and SHA-256 of every part; that
the database dump reads; that the archive unpacks completely, into a new folder next to
MEDIA_ROOT, and that every file in it matches the manifest). Only then does
:func:`backup_restore_verified` put the backup in place: the media folder by two renames on
the same file system, the database in one transaction (``pg_restore --single-transaction``;
SQLite's backup API in a single step), the old media folder back if the database fails. A
damaged or foreign backup raises :class:`BackupError` with a German message and leaves the
running portal as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

MANIFEST = "manifest.json"
FORMAT = "aachener-industrie-dialog-backup"
VERSION = 2
MEDIA_ARCHIVE = "media.tar.gz"
MEDIA_PREFIX = "media"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
FOLDER_PREFIX = "industrie-dialog-"


class BackupError(Exception):
    """A backup cannot be written, or is damaged, foreign or unfit for this portal."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def media_checksums(media_root: Path) -> dict[str, str]:
    """SHA-256 of every file below the media root, by relative path."""
    media_root = Path(media_root)
    if not media_root.exists():
        return {}
    return {
        path.relative_to(media_root).as_posix(): _sha256(path)
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }


def _pg_env_and_args(db):
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return env, args


def _applied_migrations() -> list[str]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


# --- Backup ---------------------------------------------------------------------------------
def _dump_database(folder: Path) -> str:
    db = connection.settings_dict
    name = DATABASE_FILES.get(connection.vendor)
    if name is None:
        raise BackupError(f"Die Datenbank {connection.vendor} wird nicht gesichert.")
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args(db)
        result = subprocess.run(
            ["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(folder / name),
             db["NAME"]],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode:
            raise BackupError(f"pg_dump ist fehlgeschlagen: {result.stderr.strip()}")
    else:
        source = sqlite3.connect(db["NAME"])
        try:
            with contextlib.closing(sqlite3.connect(folder / name)) as target:
                source.backup(target)
                # A self-contained file: no -wal/-shm beside it when it is opened to check it.
                target.execute("PRAGMA journal_mode=DELETE")
        finally:
            source.close()
    return name


def _archive_media(folder: Path) -> dict[str, str]:
    """Pack MEDIA_ROOT into the archive, then read the archive back: the manifest lists what
    is in it (a file changed meanwhile is listed as archived) and a bad archive fails now."""
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname=MEDIA_PREFIX)
    checksums = {}
    with tarfile.open(folder / MEDIA_ARCHIVE, "r:gz") as archive:
        for member in archive:
            if member.isfile():
                digest = hashlib.sha256()
                with archive.extractfile(member) as handle:
                    for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                        digest.update(chunk)
                checksums[member.name.removeprefix(f"{MEDIA_PREFIX}/")] = digest.hexdigest()
    return dict(sorted(checksums.items()))


def backup_create(*, target_dir: Path) -> Path:
    """Write a backup into a new folder below ``target_dir`` and return that folder.

    The parts are written into a hidden ``.partial`` folder that is renamed once the manifest
    is complete, so an interrupted backup never looks like one.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    folder = target_dir / f"{FOLDER_PREFIX}{stamp}"
    partial = target_dir / f".{folder.name}.partial"
    partial.mkdir()
    try:
        database_file = _dump_database(partial)
        media = _archive_media(partial)
        parts = {}
        for name in (database_file, MEDIA_ARCHIVE):
            path = partial / name
            _fsync(path)
            parts[name] = {"sha256": _sha256(path), "size": path.stat().st_size}
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.now(UTC).isoformat(),
            "vendor": connection.vendor,
            "database": database_file,
            "media_archive": MEDIA_ARCHIVE,
            "parts": parts,
            "media": media,
            "migrations": _applied_migrations(),
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        _fsync(partial / MANIFEST)
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


# --- Verification ---------------------------------------------------------------------------
@dataclass
class VerifiedBackup:
    """A backup that passed every check, with its media unpacked next to MEDIA_ROOT."""

    folder: Path
    manifest: dict
    staging: Path  # the new folder next to MEDIA_ROOT; its ``media/`` becomes MEDIA_ROOT
    migrations_missing: list[str]  # known here, not applied in the backup: run ``migrate``

    @property
    def media(self) -> Path:
        return self.staging / MEDIA_PREFIX


def _read_manifest(folder: Path) -> dict:
    if not folder.is_dir():
        raise BackupError(f"{folder} ist kein Ordner.")
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} ist kein Sicherungsordner ({MANIFEST} fehlt).")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{MANIFEST} ist beschädigt (kein gültiges JSON: {exc}).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            f"{folder} ist keine Sicherung des Aachener Industrie-Dialogs "
            f"(im {MANIFEST} fehlt die Kennung „{FORMAT}“)."
        )
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"Die Sicherung hat das Format Version {manifest.get('version')!r}; diese Version des "
            f"Portals liest nur Version {VERSION}. Stellen Sie sie mit der Version des Portals "
            "wieder her, die sie geschrieben hat."
        )
    return manifest


def _check_fit(manifest: dict) -> list[str]:
    """The backup fits this portal: same database system, no migration unknown here.
    Returns the migrations this code has that the backup lacks."""
    if manifest.get("vendor") != connection.vendor:
        raise BackupError(
            f"Die Sicherung stammt aus einer {manifest.get('vendor')}-Datenbank, dieses Portal "
            f"läuft mit {connection.vendor}; so lässt sie sich nicht einspielen."
        )
    backup_migrations = manifest.get("migrations")
    if not isinstance(backup_migrations, list):
        raise BackupError(f"Im {MANIFEST} fehlt die Liste der Migrationen.")
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    unknown = sorted(set(backup_migrations) - known)
    if unknown:
        raise BackupError(
            "Die Sicherung stammt von einer anderen oder neueren Version des Portals: sie "
            f"enthält Migrationen, die diese Version nicht kennt ({', '.join(unknown[:5])})."
        )
    return sorted(known - set(backup_migrations))


def _check_parts(folder: Path, manifest: dict) -> None:
    """Every part is there, with the size and SHA-256 the manifest gives."""
    expected = {DATABASE_FILES[connection.vendor], MEDIA_ARCHIVE}
    parts = manifest.get("parts")
    if (
        not isinstance(parts, dict)
        or set(parts) != expected
        or manifest.get("database") != DATABASE_FILES[connection.vendor]
        or manifest.get("media_archive") != MEDIA_ARCHIVE
    ):
        raise BackupError(
            f"Der {MANIFEST} nennt nicht die erwarteten Teile ({', '.join(sorted(expected))})."
        )
    for name in sorted(expected):
        path, recorded = folder / name, parts[name]
        if not path.is_file():
            raise BackupError(f"Der Teil {name} fehlt in der Sicherung.")
        if not isinstance(recorded, dict) or path.stat().st_size != recorded.get("size"):
            raise BackupError(
                f"{name} hat nicht die Größe aus dem {MANIFEST} (unvollständig oder verändert)."
            )
        if _sha256(path) != recorded.get("sha256"):
            raise BackupError(
                f"{name} stimmt nicht mit seiner Prüfsumme (SHA-256) im {MANIFEST} überein "
                "(beschädigt oder verändert)."
            )


def _sqlite_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _check_database(path: Path) -> None:
    """The dump is readable by the restore tool (PostgreSQL) or an intact SQLite database."""
    if connection.vendor == "postgresql":
        result = subprocess.run(["pg_restore", "--list", str(path)], capture_output=True, text=True)
        if result.returncode:
            raise BackupError(
                f"Die Datenbanksicherung {path.name} ist nicht lesbar: {result.stderr.strip()}"
            )
        return
    try:
        with contextlib.closing(_sqlite_read_only(path)) as db:
            (check,) = db.execute("PRAGMA integrity_check").fetchone()
            db.execute("SELECT app, name FROM django_migrations LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Die Datenbanksicherung {path.name} ist nicht lesbar: {exc}") from exc
    if check != "ok":
        raise BackupError(f"Die Datenbanksicherung {path.name} ist beschädigt: {check}")


def _staging_dir(media_root: Path) -> Path:
    media_root.parent.mkdir(parents=True, exist_ok=True)
    if media_root.exists() and media_root.stat().st_dev != media_root.parent.stat().st_dev:
        raise BackupError(
            f"MEDIA_ROOT ({media_root}) ist ein eigener Einhängepunkt; die Mediendateien lassen "
            "sich dort nicht durch Umbenennen austauschen. Binden Sie den Ordner darüber ein."
        )
    staging = media_root.parent / f".{media_root.name}.restore-{secrets.token_hex(6)}"
    staging.mkdir()
    return staging


def _unpack_media(archive_path: Path, staging: Path, manifest: dict) -> None:
    """Unpack the whole archive into ``staging`` and compare every file with the manifest."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            for member in archive:
                top = member.name.split("/", 1)[0]
                if top != MEDIA_PREFIX:
                    raise BackupError(
                        f"{MEDIA_ARCHIVE} enthält {member.name!r} außerhalb von „media/“; "
                        "das ist kein Medienarchiv dieses Portals."
                    )
                archive.extract(member, staging, filter="data")
    except (EOFError, tarfile.TarError, zlib.error, OSError) as exc:
        raise BackupError(
            f"{MEDIA_ARCHIVE} lässt sich nicht vollständig entpacken (unvollständig oder "
            f"beschädigt): {exc}"
        ) from exc
    (staging / MEDIA_PREFIX).mkdir(exist_ok=True)
    unpacked = media_checksums(staging / MEDIA_PREFIX)
    recorded = manifest.get("media")
    if unpacked != recorded:
        recorded = recorded if isinstance(recorded, dict) else {}
        differing = sorted(
            name
            for name in set(unpacked) | set(recorded)
            if unpacked.get(name) != recorded.get(name)
        )
        raise BackupError(
            f"Die Dateien in {MEDIA_ARCHIVE} stimmen nicht mit dem {MANIFEST} überein: "
            f"{', '.join(differing[:5]) or 'Liste fehlt'}"
            + (f" und {len(differing) - 5} weitere" if len(differing) > 5 else "")
            + "."
        )


@contextlib.contextmanager
def backup_verified(*, source_dir: Path):
    """Check a backup completely without touching the running portal; yields a
    :class:`VerifiedBackup`. The unpacked media folder is removed on leaving (whatever was
    not moved into place)."""
    folder = Path(source_dir)
    manifest = _read_manifest(folder)
    migrations_missing = _check_fit(manifest)
    _check_parts(folder, manifest)
    _check_database(folder / manifest["database"])
    staging = _staging_dir(Path(settings.MEDIA_ROOT))
    try:
        _unpack_media(folder / MEDIA_ARCHIVE, staging, manifest)
        yield VerifiedBackup(folder, manifest, staging, migrations_missing)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --- Restore --------------------------------------------------------------------------------
def _restore_database(path: Path) -> None:
    db = connection.settings_dict
    connection.close()
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args(db)
        result = subprocess.run(
            ["pg_restore", *args, "--clean", "--if-exists", "--no-owner",
             "--single-transaction", "--exit-on-error", "--dbname", db["NAME"], str(path)],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode:
            raise BackupError(
                "Die Datenbank wurde nicht ersetzt (pg_restore ist fehlgeschlagen, alles "
                f"zurückgerollt): {result.stderr.strip()}"
            )
        return
    # One backup step copies every page in one write transaction of the target: it is
    # replaced whole or not at all, and the live database's WAL stays consistent.
    try:
        with (
            contextlib.closing(_sqlite_read_only(path)) as source,
            contextlib.closing(sqlite3.connect(db["NAME"], timeout=30)) as target,
        ):
            source.backup(target, pages=-1)
    except sqlite3.Error as exc:
        raise BackupError(f"Die Datenbank wurde nicht ersetzt: {exc}") from exc


def backup_restore_verified(verified: VerifiedBackup) -> dict:
    """Put a verified backup in place: media folder swapped by renames, then the database in
    one transaction; if the database fails, the old media folder is put back."""
    media_root = Path(settings.MEDIA_ROOT)
    previous = None
    if media_root.exists():
        previous = media_root.parent / f".{media_root.name}.previous-{secrets.token_hex(6)}"
        media_root.rename(previous)
    try:
        verified.media.rename(media_root)
    except OSError:
        if previous is not None:
            previous.rename(media_root)
        raise
    try:
        _restore_database(verified.folder / verified.manifest["database"])
    except BaseException:
        media_root.rename(verified.media)
        if previous is not None:
            previous.rename(media_root)
        raise
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)
    return verified.manifest


def backup_restore(*, source_dir: Path) -> dict:
    """Verify a backup completely, then replace the database and the media files with it."""
    with backup_verified(source_dir=source_dir) as verified:
        return backup_restore_verified(verified)

"""Backup and restore of the portal: the database (pg_dump/pg_restore, or SQLite's backup
API) and the media files (uploaded documents, report PDFs), with a manifest of checksums."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums(media_root: Path) -> dict[str, str]:
    """SHA-256 of every file below the media root, by relative path."""
    if not media_root.exists():
        return {}
    return {
        str(path.relative_to(media_root)): _sha256(path)
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


def backup_create(*, target_dir: Path) -> Path:
    """Write a backup into a new folder below ``target_dir`` and return that folder."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = Path(target_dir) / f"industrie-dialog-{stamp}"
    folder.mkdir(parents=True)
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args(db)
        subprocess.run(
            ["pg_dump", *args, "--format=custom", "--no-owner", "--file",
             str(folder / "database.dump"), db["NAME"]],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        database_file = "database.dump"
    else:
        source = sqlite3.connect(db["NAME"])
        with sqlite3.connect(folder / "database.sqlite3") as target:
            source.backup(target)
        source.close()
        database_file = "database.sqlite3"
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")
    manifest = {
        "created": datetime.now(UTC).isoformat(),
        "vendor": connection.vendor,
        "database": database_file,
        "database_sha256": _sha256(folder / database_file),
        "media": media_checksums(media_root),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return folder


def backup_restore(*, source_dir: Path) -> dict:
    """Replace the database and the media files with those of a backup folder."""
    folder = Path(source_dir)
    manifest = json.loads((folder / MANIFEST).read_text())
    database_file = folder / manifest["database"]
    if _sha256(database_file) != manifest["database_sha256"]:
        raise ValueError(f"{database_file} does not match its checksum in the manifest")
    if manifest["vendor"] != connection.vendor:
        raise ValueError(f"backup is of {manifest['vendor']}, this portal runs {connection.vendor}")
    db = connection.settings_dict
    connection.close()
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args(db)
        subprocess.run(
            ["pg_restore", *args, "--clean", "--if-exists", "--no-owner",
             "--single-transaction", "--dbname", db["NAME"], str(database_file)],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
    else:
        with sqlite3.connect(database_file) as source, sqlite3.connect(db["NAME"]) as target:
            source.backup(target)
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.rmtree(media_root)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / "media.tar.gz", "r:gz") as archive:
        staging = media_root.parent / f".restore-{os.getpid()}"
        archive.extractall(staging, filter="data")
        extracted = staging / "media"
        if extracted.exists():
            extracted.rename(media_root)
        else:
            media_root.mkdir()
        shutil.rmtree(staging)
    restored = media_checksums(media_root)
    if restored != manifest["media"]:
        raise ValueError("restored media files differ from the manifest")
    return manifest

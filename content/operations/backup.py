"""Backups of the database and the media together, in one archive, and bringing one back.

An archive (`star-backup-YYYYmmdd-HHMMSS.tar.gz`) holds:

- `manifest.json`: when it was made, the database engine, what it holds;
- the database: `database.sqlite3` (SQLite's online backup, a consistent copy of a live
  database) or `database.pgdump` (pg_dump's custom format, a consistent snapshot);
- `media/`: every uploaded image, rendition and document.

The database is copied first, then the media: uploads only add files, so every file the
database names is in the archive (a file uploaded in between is there too, unused).

A restore replaces the database and the media folder with the archive's, runs the
migrations (an archive from an older release is brought up to date), writes the outage page
again, and empties every cache that could still show what the archive does not hold: the
page cache, fragments and remembered routes, the other Django caches, nginx's page cache
(NGINX_CACHE_DIR) and, when FRONTEND_CACHE is set, the CDN (every live page purged).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from . import outage_page

FORMAT = 1
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """Something the operator must put right; the message says what."""


def engine():
    if connection.vendor not in DUMPS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def postgres_environment():
    """pg_dump and pg_restore reach the database the site uses, as the site does."""
    database = connection.settings_dict
    variables = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database.get("NAME"),
        "PGSSLMODE": database.get("OPTIONS", {}).get("sslmode"),
    }
    return {**os.environ, **{name: str(value) for name, value in variables.items() if value}}


def run(*command):
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(
            f"{command[0]} is missing: install PostgreSQL's client programs "
            "(Debian: apt-get install postgresql-client)."
        )
    # The program is found on the PATH; its arguments are the site's own settings.
    result = subprocess.run(  # noqa: S603
        [program, *command[1:]], env=postgres_environment(), capture_output=True, text=True
    )
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def dump_database(folder):
    path = Path(folder) / DUMPS[engine()]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
    else:
        run("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}")
    return path


def create(output=None):
    """Write an archive of the database and the media; returns its path."""
    vendor = engine()
    created = datetime.now(UTC)
    output = Path(
        output or Path(settings.BACKUP_DIR) / f"star-backup-{created:%Y%m%d-%H%M%S}.tar.gz"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        dump = dump_database(work)
        manifest = {
            "format": FORMAT,
            "created": created.isoformat(),
            "database": vendor,
            "pages": Page.objects.count(),
            "media_files": sum(len(files) for _, _, files in os.walk(media)),
        }
        partial = output.with_name(f".{output.name}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname=dump.name)
            if media.is_dir():
                archive.add(media, arcname="media")
        os.replace(partial, output)  # never half an archive under the final name
    return output


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    with tempfile.SpooledTemporaryFile() as file:
        file.write(data)
        file.seek(0)
        archive.addfile(info, file)


def read_manifest(archive):
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, TypeError):
        raise BackupError("This is not a backup made by manage.py backup.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    if manifest.get("database") != engine():
        raise BackupError(
            f"This backup holds a {manifest.get('database')} database; the site uses "
            f"{connection.vendor}. Restore it into a site on the same kind of database."
        )
    return manifest


def restore(path):
    """Replace the database and the media with the archive's, then empty every cache."""
    with tarfile.open(path, "r:gz") as archive:
        manifest = read_manifest(archive)
        with tempfile.TemporaryDirectory() as work:
            archive.extractall(work, filter="data")  # no absolute paths, no '..', no devices
            restore_database(Path(work) / DUMPS[manifest["database"]])
            restore_media(Path(work) / "media")
    call_command("migrate", interactive=False, verbosity=0)
    outage_page.write()
    empty_every_cache()
    return manifest


def restore_database(dump):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(dump) as source:
            source.backup(connection.connection)
        source.close()
    else:
        connection.close()  # its session would hold locks on the tables being replaced
        name = connection.settings_dict["NAME"]
        run(
            "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", "--exit-on-error", f"--dbname={name}", str(dump),
        )  # fmt: skip


def restore_media(source):
    """The media folder's contents become the archive's. The folder itself stays (it may be a
    mount point); what the archive does not hold is deleted."""
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    for entry in media.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    if source.is_dir():
        for entry in source.iterdir():
            shutil.move(str(entry), media / entry.name)


def empty_every_cache():
    for alias in settings.CACHES:
        caches[alias].clear()
    empty_nginx_cache()
    if settings.WAGTAILFRONTENDCACHE:
        purge = PurgeBatch()
        purge.add_pages(Page.objects.live())
        purge.purge()


def empty_nginx_cache():
    """nginx finds a page missing from its cache folder and fetches it afresh."""
    folder = Path(settings.NGINX_CACHE_DIR)
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)

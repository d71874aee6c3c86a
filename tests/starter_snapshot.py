"""The starter site, loaded once per test run and copied into each test that starts from it.

`load_content` saves, revises, publishes, translates and indexes every starter page: seconds
of work that about a hundred and fifty tests per database would each repeat. As soon as the
test database exists (tests/conftest.py), it runs once, in a transaction that is rolled back,
and every table's rows and the media files it wrote are kept. A test gets exactly that site
back by copying the rows in, in a fraction of the time. The rows include the migrations' own
(the tree's root, the default site, groups, workflows), which transactional tests empty.
Tests of `load_content` itself still call it.
"""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings


@dataclass
class Snapshot:
    rows: dict  # table -> (columns, rows)
    virtual_tables: list  # SQLite full-text tables: emptied, and refilled by their triggers
    media: dict  # path under MEDIA_ROOT -> bytes


def take_snapshot(media_root):
    """Run load_content on the freshly migrated database and keep what it made, leaving the
    database as it was."""
    with override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        call_command("load_content", verbosity=0)
        virtual = virtual_tables()
        rows = {table: read_table(table) for table in site_tables() if table not in virtual}
        transaction.set_rollback(True)
    ContentType.objects.clear_cache()
    media_root = Path(media_root)
    files = {
        str(path.relative_to(media_root)): path.read_bytes()
        for path in media_root.rglob("*")
        if path.is_file()
    }
    return Snapshot(rows=rows, virtual_tables=virtual, media=files)


def restore_snapshot(snapshot, media_root):
    """Replace the rows of every table the starter site fills with the snapshot's, and write
    its media files.

    Tables it leaves empty keep their rows: a test's own fixtures may already have made a
    user, say, before this one runs.
    """
    quote = connection.ops.quote_name
    filled = {table: content for table, content in snapshot.rows.items() if content[1]}
    with transaction.atomic(), connection.cursor() as cursor:
        for table in [*snapshot.virtual_tables, *filled]:
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 (names from introspection)
        for table, (columns, rows) in filled.items():
            names = ", ".join(quote(column) for column in columns)
            values = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({values})", rows)  # noqa: S608
        for statement in connection.ops.sequence_reset_sql(no_style(), site_models()):
            cursor.execute(statement)
    # Content types came back under the snapshot's ids.
    ContentType.objects.clear_cache()
    for name, content in snapshot.media.items():
        path = Path(media_root) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def site_tables():
    """The tables Django's flush empties: those of the installed models."""
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def site_models():
    return connection.introspection.installed_models(site_tables())


def virtual_tables():
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
        return [name for (name,) in cursor.fetchall()]


def read_table(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return [column[0] for column in cursor.description], cursor.fetchall()

"""Stemming for the search index on SQLite, so that "walking" finds "walk".

Wagtail creates the index's FTS5 table (wagtailsearch 0006) with FTS5's default tokenizer,
which matches whole words only, and its SQLite backend has no option to change that. This
recreates the table with `tokenize='porter unicode61'` and copies its rows across. FTS5
runs the same tokenizer over the words of a MATCH query (Wagtail's backend passes each word
as a quoted FTS5 string, `{title body} : ("walking")`), so queries are stemmed as the index
is. The triggers that keep the table in step with wagtailsearch_indexentry name the table,
not its tokenizer, and carry on working.

A no-op on other databases: PostgreSQL stems through the backend's SEARCH_CONFIG
("english", in settings), and a SQLite without FTS5 has no such table.
"""

from django.db import migrations

PLAIN = "fts5(autocomplete, body, title)"
STEMMED = "fts5(autocomplete, body, title, tokenize='porter unicode61')"


def fts_table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table + "_fts"


def rebuild(apps, schema_editor, using):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    table = fts_table(apps)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
        row = cursor.fetchone()
        if row is None or ("porter" in row[0]) == (using == STEMMED):
            return  # no FTS5 table, or it already tokenizes this way
        copy = f"{table}_copy"
        cursor.execute(
            f"CREATE TEMP TABLE {copy} AS "  # table names from the model, never input
            f"SELECT rowid AS id, autocomplete, body, title FROM {table}"
        )
        cursor.execute(f"DROP TABLE {table}")
        cursor.execute(f"CREATE VIRTUAL TABLE {table} USING {using}")
        cursor.execute(
            f"INSERT INTO {table} (rowid, autocomplete, body, title) "
            f"SELECT id, autocomplete, body, title FROM {copy}"
        )
        cursor.execute(f"DROP TABLE {copy}")


def stem(apps, schema_editor):
    rebuild(apps, schema_editor, STEMMED)


def unstem(apps, schema_editor):
    rebuild(apps, schema_editor, PLAIN)


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(stem, unstem, elidable=False)]

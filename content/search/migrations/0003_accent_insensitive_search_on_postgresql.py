"""Accent-insensitive search on PostgreSQL, as on SQLite: "cancer" finds "cáncer".

SQLite's index ignores accents already (FTS5's unicode61 tokenizer removes diacritics).
PostgreSQL's "english" configuration keeps them, and Spanish readers often type without
them on a phone. This adds the configuration settings.WAGTAILSEARCH_BACKENDS names,
"english_unaccent": PostgreSQL's "english" with the `unaccent` dictionary before the
stemmer. `unaccent` ships with PostgreSQL and is a trusted extension (PostgreSQL 13 and
later), so the site's own database user may create it. The index is rebuilt with the new
configuration by `manage.py update_index`, which deploying runs (README.md, 'Deploy').
A no-op on other databases.
"""

from django.db import migrations

CONFIG = "english_unaccent"
CREATE = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG};
CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english);
ALTER TEXT SEARCH CONFIGURATION {CONFIG}
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""
DROP = f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG};"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_site_administrators_manage_promotions")]

    operations = [migrations.RunPython(create, drop, elidable=False)]

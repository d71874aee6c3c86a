"""The site's own words in other languages: locale/<language>/LC_MESSAGES/django.po,
compiled to the .mo file Django reads. Both are committed; polib compiles, so no machine
needs GNU gettext (`make messages`, or `manage.py compile_translations`)."""

from pathlib import Path

import polib
from django.conf import settings


def catalogues():
    """Every django.po under LOCALE_PATHS."""
    return sorted(
        path for folder in settings.LOCALE_PATHS for path in Path(folder).glob("*/LC_MESSAGES/*.po")
    )


def compile_catalogue(po_path):
    """Write the .mo beside the .po. Returns the .mo's path."""
    po_path = Path(po_path)
    mo_path = po_path.with_suffix(".mo")
    catalogue = polib.pofile(str(po_path))
    catalogue.save_as_mofile(str(mo_path))
    return mo_path


def untranslated(po_path):
    """The msgids with no translation (or marked fuzzy, which Django ignores)."""
    catalogue = polib.pofile(str(po_path))
    return [entry.msgid for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]

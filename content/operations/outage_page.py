"""The static outage page: the phone numbers and the 911 instruction, written ahead of time.

When the database is down, nothing can be read from it, so the page visitors get then
(Django's 503, and nginx's own 502, 503 and 504: deploy/nginx.conf) is rendered beforehand
from the contact details and kept as a file in settings.OUTAGE_DIR. It is written again
whenever the contact details or the brand are saved (signals.py), by
`manage.py render_outage_page` (deploy, `make serve-prod`, and after a restore), and it
needs nothing at all to be served: no database, no cache, no static files (it has no CSS).
It is the same page at every address, so it says it all in English and then in Spanish.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from content.organisation.models import BrandSettings, ContactSettings
from content.organisation.spanish import SPANISH

PAGE_NAME = "outage.html"
# Where Django's 503 for a form that could not be sent puts what the visitor wrote.
WRITTEN_MARKER = "<!-- what-you-wrote -->"


def page_path():
    return Path(settings.OUTAGE_DIR) / PAGE_NAME


def render(contact=None, brand=None):
    """The page, in English and then in Spanish (the settings' Spanish words, in memory)."""
    return render_to_string(
        "operations/outage.html",
        {
            "contact": contact,
            "brand": brand,
            "contact_es": contact.localized(SPANISH) if contact else None,
            "brand_es": brand.localized(SPANISH) if brand else None,
            "marker": WRITTEN_MARKER,
        },
    )


def write():
    """Render the page from the contact details in the database and replace the file."""
    contact = ContactSettings.objects.order_by("pk").first() or ContactSettings()
    brand = BrandSettings.objects.order_by("pk").first() or BrandSettings()
    html = render(contact, brand)
    path = page_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # A new file moved into place: nginx and the workers never read half a page.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".outage-", suffix=".html")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(html)
    os.chmod(temporary, 0o644)  # nginx's workers read it
    os.replace(temporary, path)
    return path


def read():
    """The page as last written; if it never was, the page without contact details."""
    try:
        return page_path().read_text(encoding="utf-8")
    except OSError:
        return render()

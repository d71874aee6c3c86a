"""Starter content that a named person must confirm before it counts as the hospital's own:
pages whose data names who checks them ("confirm_by"), and starter pictures, tagged for a
clinician's sign-off. The dashboard lists what is still waiting."""

from pathlib import Path

from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Page

from .loader import SIGN_OFF_TAG, STARTER_DIR, read_json
from .pages import touched_by_people


def waiting_for_confirmation(directory=STARTER_DIR):
    """[(what, who should check it, admin address), ...], pages first."""
    waiting = []
    for path in sorted(Path(directory, "pages").glob("*.json")):
        data = read_json(path)
        if "confirm_by" not in data:
            continue  # only pages that name who must check them cost a query
        page = Page.objects.filter(slug=data["slug"], depth=3).first()
        if page is not None and not touched_by_people(page):
            url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
            waiting.append((page.title, data["confirm_by"], url))
    for image in Image.objects.filter(tags__name=SIGN_OFF_TAG).order_by("title"):
        url = reverse("wagtailimages:edit", args=(image.pk,))
        waiting.append((image.title, "a clinician", url))
    return waiting

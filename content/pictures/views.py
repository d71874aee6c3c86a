from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

from content.organisation.models import BrandSettings
from content.organisation.spanish import text_in_language

from .share_image import fingerprint, share_image_png

YEAR = 365 * 24 * 60 * 60


def drawn_values(page, brand):
    """What the image shows, in the page's own language (a Spanish page, the Spanish name)."""
    program_name = text_in_language(brand, "program_name", page.locale.language_code)
    return (page.title, str(program_name), brand.hospital_name, brand.accent_colour)


def share_image_path(page, brand):
    """The address of the page's generated share image, which changes with what it shows."""
    version = fingerprint(*drawn_values(page, brand))
    return reverse("share_image", args=(page.pk, version))


@require_GET
def share_image(request, page_id, version):
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404("No such page")
    brand = BrandSettings.for_request(request)
    if version != fingerprint(*drawn_values(page, brand)):
        return redirect(share_image_path(page, brand))  # an old title or brand
    response = HttpResponse(share_image_png(*drawn_values(page, brand)), content_type="image/png")
    patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    return response

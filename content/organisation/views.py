from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from .models import BrandSettings


@require_GET
def brand_css(request):
    """The brand's accent colour as a stylesheet, so that no page needs an inline style.

    Pages link to it with the colour in the address (?v=), so a browser may keep each
    version for a year: a new colour is a new address.
    """
    brand = BrandSettings.for_request(request)
    response = HttpResponse(
        f":root{{--brand:{brand.accent_colour}}}\n", content_type="text/css; charset=utf-8"
    )
    if request.GET.get("v") == brand.accent_colour.removeprefix("#"):
        patch_cache_control(response, public=True, max_age=365 * 24 * 60 * 60, immutable=True)
    return response

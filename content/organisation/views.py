import hashlib

from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

from .models import BrandSettings


def brand_values(request):
    """What the brand stylesheet holds: the accent colour, and the site's address, which
    printed pages put before their links' paths (site.css, @media print)."""
    site = Site.find_for_request(request)
    return BrandSettings.for_request(request).accent_colour, site.root_url if site else ""


def brand_css_url(request):
    """The stylesheet's address, new whenever what it holds changes."""
    version = hashlib.sha256("\n".join(brand_values(request)).encode()).hexdigest()[:12]
    return f"{reverse('brand_css')}?v={version}"


@require_GET
def brand_css(request):
    """The brand as a stylesheet, so that no page needs an inline style.

    Pages link to it by an address that changes with what it holds (brand_css_url), so a
    browser may keep each version for a year.
    """
    accent, root = brand_values(request)
    quoted_root = root.replace("\\", "\\\\").replace('"', '\\"')
    css = f':root{{--brand:{accent};--print-site-root:"{quoted_root}"}}\n'
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    if request.get_full_path() == brand_css_url(request):
        patch_cache_control(response, public=True, max_age=365 * 24 * 60 * 60, immutable=True)
    return response

"""Links that travel: the canonical address, share previews, structured data, QR codes."""

import hashlib
import json

import segno
from django import template
from django.core.cache import cache, caches
from django.utils.safestring import mark_safe

from content.pictures.views import share_image_path

from .site_tags import menu_title, trail

register = template.Library()

# json.dumps leaves <, > and & alone; inside <script> they could end the element early.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"


def canonical_url(page, request):
    """The page's address on its site as configured in Wagtail, never the Host header."""
    return page.get_full_url(request)


@register.simple_tag(takes_context=True)
def page_canonical_url(context, page):
    return canonical_url(page, context.get("request"))


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context):
    """Canonical link, Open Graph and Twitter card tags, and schema.org JSON-LD."""
    page = context.get("page")
    if not hasattr(page, "get_full_url"):
        return {}
    canonical = canonical_url(page, context.get("request"))
    if not canonical:
        return {}
    return {
        "page": page,
        "contact": context.get("contact"),
        "brand": context.get("brand"),
        "canonical": canonical,
        "image": absolute(canonical, share_image_url(page, context.get("brand"))),
        "og_type": "website" if page.depth <= 2 else "article",
        "json_ld": page_json_ld(page, canonical, context.get("request")),
    }


def share_image_url(page, brand):
    """The image a page chose for sharing, at the size networks show, or one drawn for it."""
    chosen = getattr(page, "share_image", None)
    if chosen is not None:
        return chosen.get_rendition(SHARE_IMAGE_SPEC).url
    return share_image_path(page, brand)


def page_json_ld(page, canonical, request):
    """The page's structured data with its breadcrumb trail, or the trail alone.

    Kept with the rendered sections, per page version (emptied on any content change).
    """
    rendered = caches["template_fragments"]
    key = f"json-ld:{page.cache_key}:" + hashlib.sha256(canonical.encode()).hexdigest()
    compact = rendered.get(key)
    if compact is None:
        crumbs = breadcrumb_list(page, canonical, request)
        if hasattr(page, "structured_data"):
            data = page.structured_data(canonical)
            data.update({"breadcrumb": crumbs} if crumbs else {})
        else:
            data = {"@context": "https://schema.org", **crumbs} if crumbs else None
        compact = json_ld(data) if data else ""
        rendered.set(key, compact)
    return mark_safe(compact)  # noqa: S308 (json_ld's escaped output)


def breadcrumb_list(page, canonical, request):
    """schema.org BreadcrumbList: the same trail the breadcrumbs show, then the page."""
    crumbs = trail(page, request) if request is not None else []
    if not crumbs:
        return None
    names_and_urls = [*((name, absolute(canonical, url)) for name, url in crumbs)]
    names_and_urls.append((menu_title(page), canonical))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(names_and_urls, start=1)
        ],
    }


def absolute(canonical, path):
    if path.startswith(("http://", "https://")):
        return path
    scheme, _, rest = canonical.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}{path}"


def json_ld(data):
    compact = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(compact.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308


@register.simple_tag
def qr_code_svg(url, label="QR code that opens this page"):
    """An inline SVG QR code for the address, made once per address and then cached."""
    if not url:
        return ""
    # One address is always in one language, so its label too: the address is the key.
    key = "qr-svg:" + hashlib.sha256(url.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        qr = segno.make(url, error="m", micro=False)
        svg = qr.svg_inline(scale=3, border=2, title=label, svgclass="qr-code", lineclass=None)
        cache.set(key, svg, timeout=None)
    return mark_safe(svg)  # noqa: S308 (segno's own markup; the title is our fixed text)

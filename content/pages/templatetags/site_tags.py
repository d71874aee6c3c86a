from collections import namedtuple

from django import template
from django.core.cache import caches
from wagtail.models import Site

register = template.Library()

MenuItem = namedtuple("MenuItem", "pk title url")


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def site_navigation(context):
    """The site root's live children that editors have put in menus."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = menu_items(site, request) if site else []
    return {"items": items, "current": context.get("page")}


def menu_items(site, request):
    """Kept with the rendered pages (content/serving/signals.py empties both on any change)."""
    rendered = caches["template_fragments"]
    key = f"menu:{site.pk}"
    items = rendered.get(key)
    if items is None:
        pages = site.root_page.get_children().live().in_menu()
        items = [MenuItem(page.pk, page.title, page.get_url(request)) for page in pages]
        rendered.set(key, items)
    return items

"""Wayfinding on every page: the main navigation, the breadcrumbs, the footer's links and
the document title. What they show is kept with the rendered pages (template_fragments,
emptied on any content change by content/serving/signals.py), so they cost no query."""

from collections import namedtuple

from django import template
from django.core.cache import caches
from wagtail.models import Site

register = template.Library()

MenuItem = namedtuple("MenuItem", "pk title url")


@register.filter
def with_program_name(title, program_name):
    """'Page – Program', never repeating a name: the program's own home page is just
    'Program', and a title that already ends with the program's name stays as it is."""
    title, program_name = title.strip(), program_name.strip()
    if not title or title.casefold().endswith(program_name.casefold()):
        return title or program_name
    return f"{title} – {program_name}"


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def site_navigation(context):
    """The site root's live children that editors have put in menus."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = menu_items(site, request) if site else []
    return {"items": items, "current": context.get("page")}


def menu_items(site, request):
    rendered = caches["template_fragments"]
    key = f"menu:{site.pk}"
    items = rendered.get(key)
    if items is None:
        pages = site.root_page.get_children().live().in_menu().specific()
        items = [MenuItem(page.pk, menu_title(page), page.get_url(request)) for page in pages]
        rendered.set(key, items)
    return items


def menu_title(page):
    return getattr(page, "menu_title", "") or page.title


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The way from the home page to this one, for every page below the home page."""
    page, request = context.get("page"), context.get("request")
    if not hasattr(page, "get_ancestors") or request is None:
        return {}
    return {"trail": trail(page, request), "page": page}


def trail(page, request):
    """[(title, url), ...] from the site's home page down to the page's parent; [] for the
    home page itself and for pages outside the site."""
    rendered = caches["template_fragments"]
    key = f"breadcrumbs:{page.pk}"
    found = rendered.get(key)
    if found is None:
        site = Site.find_for_request(request)
        found = []
        if site and page.pk != site.root_page_id and page.path.startswith(site.root_page.path):
            ancestors = page.get_ancestors().filter(depth__gte=site.root_page.depth).specific()
            found = [
                ("Home" if ancestor.pk == site.root_page_id else menu_title(ancestor),
                 ancestor.get_url(request))
                for ancestor in ancestors
            ]  # fmt: skip
        rendered.set(key, found)
    return found

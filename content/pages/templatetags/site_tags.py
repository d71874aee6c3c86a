"""Wayfinding on every page: the main navigation, the breadcrumbs, the footer's links and
the document title. What they show is kept with the rendered pages (template_fragments,
emptied on any content change by content/serving/signals.py), so they cost no query."""

from collections import namedtuple

from django import template
from django.core.cache import caches
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from content.translations.languages import localized_root

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
    """The live children of the site's home page in the active language that editors have
    put in menus."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = menu_items(site, request) if site else []
    return {"items": items, "current": context.get("page")}


def menu_items(site, request):
    rendered = caches["template_fragments"]
    key = f"menu:{site.pk}:{translation.get_language()}"
    items = rendered.get(key)
    if items is None:
        root = localized_root(site)
        pages = root.get_children().live().in_menu().specific() if root is not None else []
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
    """[(title, url), ...] from the site's home page in the page's language down to the
    page's parent; [] for a home page itself and for pages outside the site."""
    rendered = caches["template_fragments"]
    key = f"breadcrumbs:{page.pk}:{translation.get_language()}"
    found = rendered.get(key)
    if found is None:
        site = Site.find_for_request(request)
        root = localized_root(site) if site else None
        found = []
        if root and page.pk != root.pk and page.path.startswith(root.path):
            ancestors = page.get_ancestors().filter(depth__gte=root.depth).specific()
            found = [
                (_("Home") if ancestor.pk == root.pk else menu_title(ancestor),
                 ancestor.get_url(request))
                for ancestor in ancestors
            ]  # fmt: skip
        rendered.set(key, found)
    return found

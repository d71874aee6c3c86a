"""Remember which live page answers each path, so routing a request costs one query.

Wagtail routes a request by looking up its Site, then walking down the page tree a level at
a time, loading each page twice (as a Page, then as its own type): five queries for the
procedure page. The answer only changes when pages are published, moved or deleted, or a
Site changes; signals.py then empties this cache with the rendered pages. Each
remembered route is checked again when used (the page must still be live, at the same
path), so an entry that outlived its page can only fall back to Wagtail's own routing.
"""

import hashlib

from django.apps import apps
from django.core.cache import caches
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

routes = caches["template_fragments"]


def route_key(request):
    address = f"{request.get_host()}{request.path}".encode()
    return "route:" + hashlib.sha256(address).hexdigest()


def remembered_page(request, site, model_label, page_id, url_path):
    model = apps.get_model(model_label)
    page = model.objects.live().filter(pk=page_id, url_path=url_path).first()
    if page is not None:
        # Where Wagtail keeps what it found for this request (Site.find_for_request,
        # Page.route_for_request): the page is then served as if routed just now.
        request._wagtail_site = site
        request._wagtail_route_for_request = RouteResult(page)
    return page


def remember(request, response):
    route = getattr(request, "_wagtail_route_for_request", None)
    if response.status_code != 200 or route is None or route.args or route.kwargs:
        return
    page = route.page
    if isinstance(page, Page) and page.live:
        entry = (bare(request._wagtail_site), page._meta.label, page.pk, page.url_path)
        routes.set(route_key(request), entry)


def bare(site):
    """The Site without the pages it has loaded, which would go stale in the cache."""
    names = [field.attname for field in Site._meta.concrete_fields]
    return Site.from_db(site._state.db, names, [getattr(site, name) for name in names])


class RememberedRouteMiddleware:
    """Serve a remembered route for GET and HEAD; remember routes that served a page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        entry = routes.get(route_key(request))
        found = entry is not None and remembered_page(request, *entry) is not None
        response = self.get_response(request)
        if not found:
            remember(request, response)
        return response

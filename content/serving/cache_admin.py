"""Settings → Cache: emptying the page cache by hand, for superusers only, by POST.

wagtail-cache's own admin views (at the same addresses) open to any staff account and empty
the cache on a plain GET, which a link or an image on another site can make a signed-in
editor's browser send. These views replace them: wagtail_hooks.py registers them first, so
they answer /admin/cache/ and /admin/cache/clearcache. Emptying needs a POST with the CSRF
token (Django's CSRF check also refuses a POST whose Origin is another site), and the
session cookie is SameSite=Lax, so another site's form arrives without a session anyway.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin import messages
from wagtailcache.settings import wagtailcache_settings

from .signals import empty_page_caches


def superusers_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@superusers_only
@require_GET
def index(request):
    return TemplateResponse(
        request, "serving/cache.html", {"enabled": wagtailcache_settings.WAGTAIL_CACHE}
    )


@superusers_only
@require_POST
def clear(request):
    empty_page_caches()
    messages.success(request, "The page cache is empty: every page is drawn afresh.")
    return redirect("wagtailcache_admin:index")

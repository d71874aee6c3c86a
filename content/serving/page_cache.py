"""The full-page cache (wagtail-cache) and the rules around it.

- Only anonymous GET/HEAD requests are looked up (wagtail-cache checks the user and previews);
  a request with a query string, other than tracking tags wagtail-cache strips, is always
  rendered fresh, so made-up query strings cannot fill the cache.
- Only complete 200 pages that set no cookie are stored: a CSRF token or a session always
  comes with a Set-Cookie, so a page holding one is never shared.
- HTML is compressed only when it holds no secret (BREACH needs one).
- Stored pages go out with a public Cache-Control header a CDN can use, and X-Accel-Expires
  for the nginx micro-cache in front (deploy/nginx.conf).
- Publishing, unpublishing, moving or deleting a page, or changing anything pages show
  (snippets, contact details, images, sites), clears the cache (see signals.py). A publish
  that changes only what the page itself shows leaves the other pages stored: each stored
  response names the versions of the content it was made from, and is served only while
  they are current (below).
"""

import re
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control
from wagtailcache import cache as wagtailcache
from wagtailcache.settings import wagtailcache_settings

SHARED = {"hit", "miss"}  # wagtail-cache's header values for a stored response
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def is_tracking_tag(name):
    return any(re.match(pattern, name) for pattern in wagtailcache_settings.WAGTAIL_CACHE_IGNORE_QS)


def is_request_cacheable(request, is_cacheable):
    """wagtail-cache hook: a query string that is not tracking tags means render fresh."""
    if any(not is_tracking_tag(name) for name in request.GET):
        return False
    return is_cacheable


def is_response_cacheable(response, is_cacheable):
    """wagtail-cache hook: store only whole pages (200) that set no cookie.

    404s and redirects are left out too: every made-up URL would get its own entry.
    """
    if response.status_code != 200 or response.cookies:
        return False
    return is_cacheable


class PublicCacheHeadersMiddleware:
    """Public Cache-Control on the pages the page cache shares; a bounded cache key.

    Browsers send many spellings of Accept-Encoding; the page cache keys on it (Vary), so it
    is reduced to "gzip" or nothing before anything reads it (WhiteNoise, which serves
    Brotli static files, runs before this and still sees the original).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        request.META["HTTP_ACCEPT_ENCODING"] = "gzip" if ACCEPTS_GZIP.search(accepted) else ""
        response = self.get_response(request)
        if response.get(wagtailcache_settings.WAGTAIL_CACHE_HEADER) in SHARED:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PAGE_BROWSER_MAX_AGE,
                s_maxage=settings.PAGE_CDN_MAX_AGE,
                stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE,
                stale_if_error=settings.PAGE_STALE_IF_ERROR,
            )
            del response["Expires"]  # set by wagtail-cache from its own, longer timeout
            # nginx's micro-cache in front (deploy/nginx.conf); nginx drops this header.
            response["X-Accel-Expires"] = micro_cache_expiry()
        return response


def micro_cache_expiry():
    """How long nginx may keep the page: to the end of the whole second PAGE_PROXY_MAX_AGE - 1
    seconds from now, so at most PAGE_PROXY_MAX_AGE seconds.

    An absolute time ("@" and a Unix time), because nginx counts whole seconds: a relative
    "1" would keep a copy for up to 2. "0" keeps nothing.
    """
    if settings.PAGE_PROXY_MAX_AGE <= 0:
        return "0"
    return f"@{int(time.time()) + settings.PAGE_PROXY_MAX_AGE - 1}"


class SharedOnlyGZipMiddleware(GZipMiddleware):
    """Gzip HTML only when it carries no secret.

    BREACH recovers a secret (a CSRF token, anything tied to a session) from the size of
    compressed responses. Pages for anonymous visitors that set no cookie hold none, and
    they are most of the traffic; everything else goes out uncompressed.
    """

    def process_response(self, request, response):
        user = getattr(request, "user", None)
        holds_secret = (
            bool(response.cookies)
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or (user is not None and user.is_authenticated)
        )
        if holds_secret:
            return response
        return super().process_response(request, response)


# The versions a stored response was made from, kept in the page cache itself, so emptying
# it renews them all. A page names the site's version and its own (Wagtail's `cache_key`,
# which changes with each publish); anything else (the sitemap, which dates every page)
# the version of the last publish.
SITE_VERSION = "version:site"
PUBLISH_VERSION = "version:publish"


def page_version_key(page_id):
    return f"version:page:{page_id}"


def stored_pages():
    return caches[wagtailcache_settings.WAGTAIL_CACHE_BACKEND]


def current_version(key):
    """The version now, started afresh when the cache has none (emptied, or culled). None
    when the cache cannot say: a stored response is then never served."""
    cache = stored_pages()
    version = cache.get(key)
    if version is None:
        cache.add(key, secrets.token_hex(8))
        version = cache.get(key)
    return version


def is_current(stamp):
    if not stamp or None in stamp.values():
        return False
    now = stored_pages().get_many(list(stamp))
    return all(now.get(key) == version for key, version in stamp.items())


def stamp_for(request):
    """The versions a response to this request was made from. The site's version was read
    before anything else (FetchFromCacheMiddleware), so a render that began before a
    change was committed carries the version that change replaced."""
    versions = getattr(request, "content_versions", None)
    if versions is None:
        return None
    route = getattr(request, "_wagtail_route_for_request", None)
    page = route.page if route is not None else None
    if page is None:
        return {PUBLISH_VERSION: versions[PUBLISH_VERSION]}
    key = page_version_key(page.pk)
    # The version of the row served. `add`, not `set`: a publish committed meanwhile has set
    # its own version, which must win.
    stored_pages().add(key, page.cache_key)
    return {SITE_VERSION: versions[SITE_VERSION], key: page.cache_key}


class FetchFromCacheMiddleware(wagtailcache.FetchFromCacheMiddleware):
    """wagtail-cache's lookup, serving a stored response only while its versions are current."""

    def process_request(self, request):
        response = super().process_request(request)
        if response is not None and is_current(getattr(response, "content_versions", None)):
            return response
        if not wagtailcache_settings.WAGTAIL_CACHE or getattr(request, "_wagtailcache_skip", False):
            return None
        request._wagtailcache_update = True  # made afresh, then stored in place of the old
        request.content_versions = {
            SITE_VERSION: current_version(SITE_VERSION),
            PUBLISH_VERSION: current_version(PUBLISH_VERSION),
        }
        return None


class UpdateCacheMiddleware(wagtailcache.UpdateCacheMiddleware):
    """wagtail-cache's store, with the versions the response was made from."""

    def process_response(self, request, response):
        if getattr(request, "_wagtailcache_update", False):
            response.content_versions = stamp_for(request)
        return super().process_response(request, response)

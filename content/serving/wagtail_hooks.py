from django.urls import path
from wagtail import hooks

from . import cache_admin, page_cache

# The page cache's rules (page_cache.py).
hooks.register("is_request_cacheable", page_cache.is_request_cacheable)
hooks.register("is_response_cacheable", page_cache.is_response_cacheable)


@hooks.register("register_admin_urls", order=-1)
def replace_wagtailcache_admin_views():
    """Superusers only, and emptied by POST (cache_admin.py). Registered before wagtail-cache's
    own hook, these patterns match first at the same addresses, and wagtail-cache's names
    (wagtailcache_admin:index, :clearcache) lead to them."""
    return [
        path("cache/", cache_admin.index),
        path("cache/clearcache", cache_admin.clear),
    ]

from wagtail import hooks

from . import page_cache

# The page cache's rules (page_cache.py).
hooks.register("is_request_cacheable", page_cache.is_request_cacheable)
hooks.register("is_response_cacheable", page_cache.is_response_cacheable)

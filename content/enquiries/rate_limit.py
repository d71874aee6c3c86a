"""A per-address limit on enquiries that passed validation, counted in the shared cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse


def client_address(request):
    """The visitor's address. X-Forwarded-For is only trusted behind our own proxy, and then
    only its last entry, the one that proxy added; earlier entries are the client's say-so."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def cache_key(request, scope):
    """The address is hashed: the cache never holds visitors' IP addresses."""
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()
    return f"ratelimit:{scope}:{digest}"


def at_rate_limit(request, scope="enquiry"):
    """True once the address has sent as many forms as it may in the window. Counts nothing:
    only accepted forms count (count_accepted_form), so fixing mistakes never locks anyone
    out."""
    return (cache.get(cache_key(request, scope)) or 0) >= settings.ENQUIRY_RATE_LIMIT


def count_accepted_form(request, scope="enquiry"):
    """Count a form that passed validation; True if it takes the address over the limit
    (two sent at the same moment cannot both take the last place)."""
    key = cache_key(request, scope)
    window = settings.ENQUIRY_RATE_LIMIT_WINDOW_SECONDS
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > settings.ENQUIRY_RATE_LIMIT


def rate_limited_response(request, page):
    response = TemplateResponse(
        request, "pages/enquiry_rate_limited.html", {"page": page}, status=429
    )
    response["Retry-After"] = str(settings.ENQUIRY_RATE_LIMIT_WINDOW_SECONDS)
    return response

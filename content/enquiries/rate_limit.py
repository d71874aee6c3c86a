"""A per-address limit on enquiries, counted in the shared cache."""

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


def over_rate_limit(request, scope="enquiry"):
    """Count this request against its address; True once the address has sent too many.

    The address is hashed: the cache never holds visitors' IP addresses.
    """
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()
    key = f"ratelimit:{scope}:{digest}"
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

"""Limits on enquiries, counted in the shared cache: one per address (forms that passed
validation), and a ceiling for the whole site per clock hour (enquiries really stored), so
that a flood from many addresses cannot bury the real ones."""

import hashlib
import time

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


HOUR = 3600


def ceiling_key(now=None):
    return f"ratelimit:site:{int((now or time.time()) // HOUR)}"


def at_ceiling():
    """True once the site has stored ENQUIRY_SITE_LIMIT_PER_HOUR enquiries this hour."""
    return (cache.get(ceiling_key()) or 0) >= settings.ENQUIRY_SITE_LIMIT_PER_HOUR


def count_toward_ceiling():
    """Count an enquiry about to be stored; True if it goes over this hour's ceiling."""
    key = ceiling_key()
    cache.add(key, 0, timeout=HOUR + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=HOUR + 60)
        count = 1
    return count > settings.ENQUIRY_SITE_LIMIT_PER_HOUR


def seconds_to_next_hour():
    return HOUR - int(time.time() % HOUR)


def rate_limited_response(request, page):
    """The 429 page, with the phone number, for an address over its limit."""
    return too_many_response(request, page, settings.ENQUIRY_RATE_LIMIT_WINDOW_SECONDS)


def ceiling_reached_response(request, page):
    """The 429 page when the whole site is over its hourly ceiling: no visitor is to blame."""
    return too_many_response(request, page, seconds_to_next_hour(), site_busy=True)


def too_many_response(request, page, retry_after, site_busy=False):
    context = {"page": page, "site_busy": site_busy}
    response = TemplateResponse(request, "pages/enquiry_rate_limited.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response

"""Login lockout (django-axes): the message people see, and what a site administrator unlocks.

Axes counts failed sign-ins per username and per address (the trusted client address, see
network.py). Once either reaches AXES_FAILURE_LIMIT within AXES_COOLOFF_TIME, sign-in is
refused for that username or address, even with the right password, until the time has
passed or a site administrator unlocks it under Settings → Sign-in lockouts.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from .audit import log_for_user


def lockout_minutes(request=None):
    return max(1, round(get_cool_off(request).total_seconds() / 60))


def locked_out_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the sign-in page again, saying what happened and what to do.
    Rendered now: axes swaps it in after the view, too late for a TemplateResponse."""
    return render(
        request,
        "sign_in/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": lockout_minutes(request),
        },
        status=429,
    )


def recent_attempts():
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - get_cool_off())


def locked(field):
    """[{value, failures, last}] for each username or address (field) now locked out."""
    return list(
        recent_attempts()
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )


def locked_usernames():
    return [{**row, "value": row["username"]} for row in locked("username")]


def locked_addresses():
    return [{**row, "value": row["ip_address"]} for row in locked("ip_address")]


def unlock(kind, value, by):
    """Forget the failed attempts of a username or an address, and record who unlocked it."""
    if kind == "username":
        removed = AxesProxyHandler.reset_attempts(username=value)
    elif kind == "ip_address":
        removed = AxesProxyHandler.reset_attempts(ip_address=value)
    else:
        raise ValueError(kind)
    from django.contrib.auth import get_user_model

    account = (
        get_user_model().objects.filter(username=value).first() if kind == "username" else None
    )
    log_for_user(account or by, "sign_in.unlock", by=by, data={kind: value, "attempts": removed})
    return removed

"""Three checks on every request, in this order (website/settings.py, MIDDLEWARE):

1. AdminNetworkMiddleware: outside ADMIN_ALLOWED_NETWORKS, the admin does not exist (404).
2. StaffSessionMiddleware: a session ends SESSION_IDLE_MINUTES after the last request, and
   SESSION_MAX_HOURS after signing in, whatever happens in between.
3. TwoFactorRequiredMiddleware: when TWO_FACTOR_REQUIRED, a signed-in user who has not
   entered a second factor in this session reaches only the pages that ask for it.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from . import two_factor
from .network import is_admin_path, may_reach_admin

SIGNED_IN_AT = "sign_in.signed_in_at"
LAST_SEEN_AT = "sign_in.last_seen_at"
# The last request is written to the session at most this often, not on every request.
LAST_SEEN_GRANULARITY_SECONDS = 60
# Requests an open admin tab makes by itself: they are not activity.
BACKGROUND_VIEWS = {"wagtailadmin_editing_sessions:ping"}
# What a signed-in user without a verified second factor may still reach.
BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",  # the icons every admin page, these ones too, fetches
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "sign_in_verify",
    "sign_in_set_up",
}


class AdminNetworkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_admin_path(request.path_info) and not may_reach_admin(request):
            raise Http404("The admin is not reachable from this network.")
        return self.get_response(request)


def has_session_cookie(request):
    """Visitors without a session cookie are not signed in: their session is never touched
    (touching it would add "Vary: Cookie" to every public page)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def mark_signed_in(request):
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


def session_expired(request, now):
    """The reason the session has ended, or None."""
    session = request.session
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if signed_in_at is None or last_seen_at is None:
        return "unknown"  # a session from before these limits: start again
    if now - last_seen_at > settings.SESSION_IDLE_SECONDS:
        return "idle"
    if now - signed_in_at > settings.SESSION_MAX_SECONDS:
        return "max"
    return None


EXPIRED_MESSAGES = {
    "idle": "You were signed out after {idle} minutes without activity. Sign in again.",
    "max": "You were signed out {max:g} hours after signing in. Sign in again.",
    "unknown": "Your session has ended. Sign in again.",
}


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not has_session_cookie(request) or not request.user.is_authenticated:
            return None
        now = int(time.time())
        reason = session_expired(request, now)
        if reason:
            logout(request)
            if not is_admin_path(request.path_info):
                return None  # a public page, now seen as a visitor
            messages.info(
                request,
                EXPIRED_MESSAGES[reason].format(
                    idle=settings.SESSION_IDLE_SECONDS // 60,
                    max=round(settings.SESSION_MAX_SECONDS / 3600, 1),
                ),
            )
            return redirect_to("wagtailadmin_login", request)
        match = request.resolver_match
        background = match is not None and match.view_name in BACKGROUND_VIEWS
        last_seen_at = request.session[LAST_SEEN_AT]
        if not background and now - last_seen_at >= LAST_SEEN_GRANULARITY_SECONDS:
            request.session[LAST_SEEN_AT] = now
        return None


def redirect_to(url_name, request):
    next_url = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
    return redirect(f"{reverse(url_name)}?{urlencode({'next': next_url})}")


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not (two_factor.is_required() and is_admin_path(request.path_info)):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in BEFORE_SECOND_FACTOR:
            return None
        if two_factor.has_second_factor(user):
            return redirect_to("sign_in_verify", request)
        return redirect_to("sign_in_set_up", request)

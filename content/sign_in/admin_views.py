"""What a site administrator does for colleagues: reset a lost second factor, and unlock a
sign-in that too many failed attempts locked."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import lockout, two_factor


def may_manage_sign_in(user):
    return user.has_perm("auth.change_user")


class ResetTwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """Remove a colleague's second factor (a lost phone), after a confirmation, by POST."""

    template_name = "sign_in/reset_two_factor.html"
    page_title = "Reset two-factor authentication"
    header_icon = "key"

    def dispatch(self, request, user_id):
        self.colleague = get_object_or_404(get_user_model(), pk=user_id)
        if not two_factor.may_reset(request.user, self.colleague):
            raise PermissionDenied
        return super().dispatch(request)

    def get_page_subtitle(self):
        return self.colleague.get_username()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": "Users"},
            {"url": "", "label": self.get_header_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            colleague=self.colleague,
            has_second_factor=two_factor.has_second_factor(self.colleague),
            **kwargs,
        )

    def post(self, request):
        two_factor.reset(self.colleague, by=request.user)
        messages.success(
            request,
            f"Two-factor authentication reset for {self.colleague.get_username()}. "
            "They will set up a new app the next time they sign in.",
        )
        return redirect("wagtailusers_users:index")


class LockoutsView(WagtailAdminTemplateMixin, TemplateView):
    """Settings → Sign-in lockouts: who is locked out now, and an Unlock button for each."""

    template_name = "sign_in/lockouts.html"
    page_title = "Sign-in lockouts"
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not may_manage_sign_in(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            usernames=lockout.locked_usernames(),
            addresses=lockout.locked_addresses(),
            failure_limit=settings.AXES_FAILURE_LIMIT,
            minutes=lockout.lockout_minutes(),
            **kwargs,
        )

    def post(self, request):
        kind = request.POST.get("kind")
        value = request.POST.get("value", "").strip()
        if kind not in {"username", "ip_address"} or not value:
            messages.error(request, "Choose a username or an address to unlock.")
            return redirect("sign_in_lockouts")
        lockout.unlock(kind, value, by=request.user)
        messages.success(request, f"Sign-in unlocked for {value}.")
        return redirect("sign_in_lockouts")

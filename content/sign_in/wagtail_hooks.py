from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter

from . import admin_views, two_factor, views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("two-factor/verify/", views.verify, name="sign_in_verify"),
        path("two-factor/set-up/", views.set_up, name="sign_in_set_up"),
        path("two-factor/", views.TwoFactorView.as_view(), name="sign_in_two_factor"),
        path(
            "two-factor/reset/<int:user_id>/",
            admin_views.ResetTwoFactorView.as_view(),
            name="sign_in_reset_two_factor",
        ),
        path("sign-in/lockouts/", admin_views.LockoutsView.as_view(), name="sign_in_lockouts"),
    ]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_manage_sign_in(request.user)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(
        "Sign-in lockouts",
        reverse("sign_in_lockouts"),
        name="sign-in-lockouts",
        icon_name="lock",
        order=610,
    )


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("sign_in_two_factor"),
        "label": "Two-factor authentication",
        "help_text": "Your authenticator app and recovery codes.",
    }


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if two_factor.may_reset(request_user, user) and two_factor.has_second_factor(user):
        yield Button(
            "Reset two-factor authentication",
            reverse("sign_in_reset_two_factor", args=(user.pk,)),
            icon_name="key",
            priority=60,
        )


@hooks.register("register_log_actions")
def register_sign_in_log_actions(actions):
    actions.register_action(
        "sign_in.two_factor_set_up", "Two-factor: set up", "Set up two-factor authentication"
    )
    actions.register_action(
        "sign_in.recovery_code_used", "Two-factor: recovery code", "Signed in with a recovery code"
    )

    @actions.register_action("sign_in.reset_two_factor")
    class ResetFormatter(LogFormatter):
        label = "Two-factor: reset"

        def format_message(self, log_entry):
            return f"Reset the two-factor authentication of {log_entry.label}"

    @actions.register_action("sign_in.code_refused")
    class RefusedFormatter(LogFormatter):
        label = "Two-factor: code refused"

        def format_message(self, log_entry):
            return f"Refused a sign-in code ({log_entry.data.get('reason', 'unknown')})"

    @actions.register_action("sign_in.unlock")
    class UnlockFormatter(LogFormatter):
        label = "Sign-in: unlock"

        def format_message(self, log_entry):
            value = log_entry.data.get("username") or log_entry.data.get("ip_address")
            return f"Unlocked sign-in for {value}"

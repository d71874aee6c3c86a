from django.apps import AppConfig
from wagtail.users import apps as wagtail_users


class AccountsConfig(AppConfig):
    """Staff accounts: who may grant superuser status or the privileged groups."""

    name = "content.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"
    default = True
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .audit import keep_audit_entries

        keep_audit_entries()


class StaffUsersConfig(wagtail_users.WagtailUsersAppConfig):
    """Wagtail's users app, with the users and groups admin of this app (views.py).

    Listed in INSTALLED_APPS in place of "wagtail.users".
    """

    default = False
    user_viewset = "content.accounts.views.StaffUserViewSet"
    group_viewset = "content.accounts.groups.StaffGroupViewSet"

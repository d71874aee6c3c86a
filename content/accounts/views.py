"""The users admin: Wagtail's, with the privilege rules of roles.py.

A person who is not a superuser cannot open, change or delete the account of a superuser
or of a member of a privileged group, and cannot grant either. A refused request changes
nothing, says why, and is written to the audit log (Reports → Site history).
"""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.users.views import users

from .forms import StaffUserCreationForm, StaffUserEditForm
from .roles import may_manage_account, record_refusal

NOT_YOURS_TO_MANAGE = (
    "Only a superuser can change or delete the account of a superuser, a site administrator "
    "or a referral coordinator."
)


class RefusalsLoggedMixin:
    """Passes the person to the form, and logs what the form refused."""

    refused_attempt = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def form_invalid(self, form):
        for reason in getattr(form, "refusals", []):
            record_refusal(
                self.request, reason, target=form.instance, attempted=self.refused_attempt
            )
        return super().form_invalid(form)


class ProtectedAccountMixin:
    """Refuses, before anything else, to touch an account the person may not manage."""

    protected_attempt = ""

    def dispatch(self, request, *args, **kwargs):
        account = getattr(self, "object", None) or self.get_object()
        if not may_manage_account(request.user, account):
            if request.method == "POST":
                record_refusal(
                    request, NOT_YOURS_TO_MANAGE, target=account, attempted=self.protected_attempt
                )
            else:
                messages.error(request, NOT_YOURS_TO_MANAGE)
            return redirect("wagtailusers_users:index")
        return super().dispatch(request, *args, **kwargs)


class StaffUserIndexView(users.IndexView):
    def get_edit_url(self, instance):
        if may_manage_account(self.request.user, instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if may_manage_account(self.request.user, instance):
            return super().get_delete_url(instance)
        return None


class StaffUserCreateView(RefusalsLoggedMixin, users.CreateView):
    refused_attempt = "create a staff account"


class StaffUserEditView(ProtectedAccountMixin, RefusalsLoggedMixin, users.EditView):
    refused_attempt = protected_attempt = "change a staff account"


class StaffUserDeleteView(ProtectedAccountMixin, users.DeleteView):
    protected_attempt = "delete a staff account"


class StaffUserViewSet(users.UserViewSet):
    index_view_class = StaffUserIndexView
    add_view_class = StaffUserCreateView
    edit_view_class = StaffUserEditView
    delete_view_class = StaffUserDeleteView

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm

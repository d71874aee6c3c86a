"""The users listing's bulk actions, with the privilege rules of roles.py.

Accounts the person may not manage are listed as ones they cannot change, and left alone;
"Assign role" refuses a privileged group to anyone but a superuser.
"""

from django import forms
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction,
    DeleteBulkAction,
    SetActiveStateBulkAction,
)
from wagtail.users.views.bulk_actions.assign_role import RoleForm

from .roles import may_grant, may_manage_account, record_refusal


class ManagedAccountsOnly:
    def check_perm(self, obj):
        return super().check_perm(obj) and may_manage_account(self.request.user, obj)


class StaffRoleForm(RoleForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self.refusals = []

    def clean_role(self):
        role = self.cleaned_data["role"]
        if self.for_user is not None and not may_grant(self.for_user, role):
            reason = f"Only a superuser can add people to {role.name}."
            self.refusals.append(reason)
            raise forms.ValidationError(reason)
        return role


class StaffAssignRoleBulkAction(ManagedAccountsOnly, AssignRoleBulkAction):
    form_class = StaffRoleForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def form_invalid(self, form):
        for reason in form.refusals:
            role = form.data.get("role", "")
            record_refusal(self.request, reason, attempted=f"assign the role {role} in bulk")
        return super().form_invalid(form)


class StaffDeleteBulkAction(ManagedAccountsOnly, DeleteBulkAction):
    pass


class StaffSetActiveStateBulkAction(ManagedAccountsOnly, SetActiveStateBulkAction):
    pass


BULK_ACTIONS = [StaffAssignRoleBulkAction, StaffDeleteBulkAction, StaffSetActiveStateBulkAction]

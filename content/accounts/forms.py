"""Wagtail's user forms, with the privilege rules of roles.py for everyone but superusers.

A person who is not a superuser does not see the superuser checkbox, and sees the
privileged groups greyed out. A forged POST that asks for either anyway is refused with an
error beside the field: the form is invalid, so nothing is saved, and the view logs it.
"""

from django import forms
from wagtail.users.forms import GroupForm, UserCreationForm, UserEditForm

from .roles import (
    PRIVILEGED_GROUPS,
    is_privileged_group_name,
    may_grant,
    superusers_only,
)

NOT_SUPERUSER_STATUS = "Only a superuser can make someone a superuser."


class GroupCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes, some of them greyed out (and so never sent by a browser)."""

    def __init__(self, *args, locked=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.locked = {str(pk) for pk in locked}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.locked:
            option["attrs"]["disabled"] = True
        return option


class PrivilegeRulesMixin:
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self.refusals = []  # what was refused, for the view to log
        if for_user is None or for_user.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        groups = self.fields["groups"]
        privileged = groups.queryset.filter(name__in=PRIVILEGED_GROUPS)
        groups.widget = GroupCheckboxes(locked=privileged.values_list("pk", flat=True))
        groups.widget.choices = groups.choices
        groups.help_text = f"Only a superuser can add people to {' or '.join(PRIVILEGED_GROUPS)}."

    def refuse(self, field, reason):
        self.refusals.append(reason)
        self.add_error(field, reason)

    def clean(self):
        cleaned_data = super().clean()
        user = self.for_user
        if user is None or user.is_superuser:
            return cleaned_data
        asked_for_superuser = forms.BooleanField(required=False).to_python(
            self.data.get("is_superuser")
        )
        if asked_for_superuser and not self.instance.is_superuser:
            self.refuse(None, NOT_SUPERUSER_STATUS)
        if "groups" in cleaned_data:
            self.clean_privileged_groups(user, cleaned_data)
        return cleaned_data

    def clean_privileged_groups(self, user, cleaned_data):
        held = set(self.instance.groups.all()) if self.instance.pk else set()
        wanted = set(cleaned_data["groups"])
        added = {group for group in wanted - held if not may_grant(user, group)}
        if added:
            self.refuse("groups", f"Only a superuser can add people to {superusers_only(added)}.")
            return
        # Greyed-out boxes are never sent: memberships only a superuser manages stay.
        kept = {group for group in held if not may_grant(user, group)}
        cleaned_data["groups"] = sorted(wanted | kept, key=lambda group: group.pk)


class StaffUserCreationForm(PrivilegeRulesMixin, UserCreationForm):
    pass


class StaffUserEditForm(PrivilegeRulesMixin, UserEditForm):
    pass


class StaffGroupForm(GroupForm):
    """Wagtail's group form; only a superuser names a group after a privileged one."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self.refusals = []

    def clean_name(self):
        name = super().clean_name()
        user = self.for_user
        if user is not None and not user.is_superuser and is_privileged_group_name(name):
            reason = f"Only a superuser can create or rename a group called {name!r}."
            self.refusals.append(reason)
            raise forms.ValidationError(reason)
        return name

"""The groups admin: Wagtail's, where only a superuser changes, deletes, creates or
renames a privileged group (roles.py). A group's page, collection and model permissions
stay as Wagtail edits them."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.users.views import groups

from .forms import StaffGroupForm
from .roles import is_privileged_group_name, record_refusal
from .views import RefusalsLoggedMixin

SUPERUSERS_ONLY = (
    "Only a superuser can change or delete the {name} group: its members read patient "
    "enquiries or manage staff accounts."
)


class PrivilegedGroupMixin:
    attempted = ""

    def dispatch(self, request, *args, **kwargs):
        group = self.get_object()
        if not request.user.is_superuser and is_privileged_group_name(group.name):
            reason = SUPERUSERS_ONLY.format(name=group.name)
            if request.method == "POST":
                record_refusal(request, reason, target=group, attempted=self.attempted)
            else:
                messages.error(request, reason)
            return redirect("wagtailusers_groups:index")
        return super().dispatch(request, *args, **kwargs)


class StaffGroupCreateView(RefusalsLoggedMixin, groups.CreateView):
    refused_attempt = "create a group"


class StaffGroupEditView(PrivilegedGroupMixin, RefusalsLoggedMixin, groups.EditView):
    attempted = refused_attempt = "change a group"


class StaffGroupDeleteView(PrivilegedGroupMixin, groups.DeleteView):
    attempted = "delete a group"


class StaffGroupViewSet(groups.GroupViewSet):
    add_view_class = StaffGroupCreateView
    edit_view_class = StaffGroupEditView
    delete_view_class = StaffGroupDeleteView

    def get_form_class(self, for_update=False):
        return StaffGroupForm

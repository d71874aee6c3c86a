from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import BrandSettings, ContactSettings, VisitingSettings


class ExampleDetailsPanel(Component):
    """Warns staff while the starter's fictional numbers and names are still live."""

    name = "example_contact_details"
    template_name = "organisation/example_contact_details_panel.html"
    order = 50

    def __init__(self, settings_to_edit):
        self.settings_to_edit = settings_to_edit

    def get_context_data(self, parent_context):
        return {
            "settings_to_edit": [
                (
                    setting._meta.verbose_name,
                    reverse(
                        "wagtailsettings:edit",
                        args=[setting._meta.app_label, setting._meta.model_name],
                    ),
                )
                for setting in self.settings_to_edit
            ]
        }


@hooks.register("construct_homepage_panels")
def add_example_details_panel(request, panels):
    """Only for those who can change the settings concerned: nobody gets a link that ends
    in "permission denied"."""
    examples = [
        setting
        for setting in (ContactSettings, VisitingSettings, BrandSettings)
        if setting.get_permission_policy().user_has_permission(request.user, "change")
        # current(), not load(): load() saves a missing row, and saving a setting empties
        # the page cache.
        and setting.current().uses_example_details
    ]
    if examples:
        panels.insert(0, ExampleDetailsPanel(examples))

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import ContactSettings


class ExampleContactDetailsPanel(Component):
    """Warns staff while the starter's fictional phone numbers are still live."""

    name = "example_contact_details"
    template_name = "organisation/example_contact_details_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        return {
            "settings_url": reverse(
                "wagtailsettings:edit", args=[ContactSettings._meta.app_label, "contactsettings"]
            ),
        }


@hooks.register("construct_homepage_panels")
def add_example_contact_details_panel(request, panels):
    if ContactSettings.load(request_or_site=request).uses_example_details:
        panels.insert(0, ExampleContactDetailsPanel())

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import page_cache
from .linked_pages import PrefetchedPageLinkHandler
from .models import ContactSettings


class ExampleContactDetailsPanel(Component):
    """Warns staff while the starter's fictional phone numbers are still live."""

    name = "example_contact_details"
    template_name = "content/admin/example_contact_details_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        return {
            "settings_url": reverse("wagtailsettings:edit", args=["content", "contactsettings"]),
        }


@hooks.register("construct_homepage_panels")
def add_example_contact_details_panel(request, panels):
    if ContactSettings.load(request_or_site=request).uses_example_details:
        panels.insert(0, ExampleContactDetailsPanel())


# Runs after Wagtail's own registration (order 0) so that ours replaces it.
@hooks.register("register_rich_text_features", order=10)
def use_prefetched_page_links(features):
    features.register_link_type(PrefetchedPageLinkHandler)


# The page cache's rules (content/page_cache.py).
hooks.register("is_request_cacheable", page_cache.is_request_cacheable)
hooks.register("is_response_cacheable", page_cache.is_response_cacheable)

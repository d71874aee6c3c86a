from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import page_permission_policy

from . import page_cache
from .enquiry import REFERRAL_COORDINATORS
from .linked_pages import PrefetchedPageLinkHandler
from .models import ContactSettings
from .reports import ContentDueForReviewView
from .review import DUE_SOON_DAYS, pages_due_for_review


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


# Clinical review: the "Content due for review" report, its menu item and dashboard panel.
@hooks.register("register_admin_urls")
def register_review_due_report_urls():
    return [
        path(
            "reports/content-due-for-review/",
            ContentDueForReviewView.as_view(),
            name="content_review_due",
        ),
        path(
            "reports/content-due-for-review/results/",
            ContentDueForReviewView.as_view(results_only=True),
            name="content_review_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_due_report_menu_item():
    return MenuItem(
        "Content due for review", reverse("content_review_due"), icon_name="date", order=50
    )


class ReviewDuePanel(Component):
    name = "content_review_due"
    template_name = "content/admin/review_due_panel.html"
    order = 60

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context):
        return {
            "count": self.count,
            "days": DUE_SOON_DAYS,
            "report_url": reverse("content_review_due"),
        }


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    editable = page_permission_policy.instances_user_has_permission_for(request.user, "change")
    panels.append(ReviewDuePanel(pages_due_for_review(pages=editable).count()))


@hooks.register("filter_form_submissions_for_user")
def only_coordinators_read_enquiries(user, editable_forms):
    """Enquiries hold personal details: only referral coordinators and administrators see
    them, whatever page permissions other editors have."""
    if user.is_superuser or user.groups.filter(name=REFERRAL_COORDINATORS).exists():
        return editable_forms
    return editable_forms.none()


# The page cache's rules (content/page_cache.py).
hooks.register("is_request_cacheable", page_cache.is_request_cacheable)
hooks.register("is_response_cacheable", page_cache.is_response_cacheable)

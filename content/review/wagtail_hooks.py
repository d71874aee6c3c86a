"""Clinical review in the admin: the "Content due for review" report, its menu item and
dashboard panel."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import page_permission_policy

from .due import DUE_SOON_DAYS, pages_due_for_review
from .reports import ContentDueForReviewView


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
    template_name = "review/review_due_panel.html"
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

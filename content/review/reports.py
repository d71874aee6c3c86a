"""The admin report "Content due for review", built on Wagtail's reports framework."""

import datetime

from django.urls import reverse
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from .due import DUE_SOON_DAYS, pages_due_for_review, review_status


class ReviewStatusColumn(Column):
    def get_value(self, instance):
        return review_status(instance)


class ContentDueForReviewView(ReportView):
    """Pages never reviewed, overdue, changed since their review or due soon, and
    translations whose English page has a newer approved version (due.py)."""

    page_title = "Content due for review"
    header_icon = "date"
    index_url_name = "content_review_due"
    index_results_url_name = "content_review_due_results"
    paginate_by = 50
    columns = [
        TitleColumn(
            "title",
            label="Page",
            get_url=lambda page: reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        ),
        ReviewStatusColumn("review_status", label="Status"),
        DateColumn("review_due", label="Next review due"),
        DateColumn("reviewed_on", label="Last reviewed"),
        Column("reviewer_name", label="Reviewed by"),
    ]
    list_export = ["title", "review_status", "review_due", "reviewed_on", "reviewer_name"]
    export_headings = {
        "title": "Page",
        "review_status": "Status",
        "review_due": "Next review due",
        "reviewed_on": "Last reviewed",
        "reviewer_name": "Reviewed by",
    }

    def get_queryset(self):
        editable = page_permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return pages_due_for_review(pages=editable, translations=True)

    def get_filename(self):
        return f"content-due-for-review-{datetime.date.today():%Y-%m-%d}"

    def to_row_dict(self, item):
        return {
            field: review_status(item) if field == "review_status" else getattr(item, field)
            for field in self.list_export
        }

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["due_soon_days"] = DUE_SOON_DAYS
        return context

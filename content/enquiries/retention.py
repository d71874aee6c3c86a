"""Enquiries are kept FORM_SUBMISSION_RETENTION_DAYS, then purge_submissions deletes them
(daily, from deploy/systemd/). Enquiries older than that mean the purge is not running: the
dashboard tells those who read enquiries, since they are the ones who would notice."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.contrib.forms.models import FormSubmission


def overdue_submissions():
    """Enquiries older than the retention limit: there should be none."""
    cutoff = timezone.now() - timedelta(days=settings.FORM_SUBMISSION_RETENTION_DAYS)
    return FormSubmission.objects.filter(submit_time__lt=cutoff)


class RetentionPanel(Component):
    name = "enquiries_past_retention"
    template_name = "enquiries/retention_panel.html"
    order = 40

    def __init__(self, count, oldest):
        self.count, self.oldest = count, oldest

    def get_context_data(self, parent_context):
        return {
            "count": self.count,
            "oldest": self.oldest,
            "days": settings.FORM_SUBMISSION_RETENTION_DAYS,
        }


def retention_panel():
    """The panel, or None while every enquiry is within the limit (one query)."""
    found = overdue_submissions().aggregate(count=Count("pk"), oldest=Min("submit_time"))
    return RetentionPanel(found["count"], found["oldest"]) if found["count"] else None

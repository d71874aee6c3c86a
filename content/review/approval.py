"""Recording a clinical review when the "Clinical review" workflow is approved.

The review is recorded on the approved revision just before it is published (workflow.py):
last reviewed today, next review due after the configured interval (unless the reviewer
chose a date). Being in the revision, the dates reach the live page and stay in the next
editor's draft.
"""

import calendar

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from .models import ClinicalReviewMixin, ClinicalSignOff


def review_interval_months():
    return int(getattr(settings, "CLINICAL_REVIEW_INTERVAL_MONTHS", 12))


def add_months(day, months):
    """The same day of the month, months later (the month's last day if it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def record_review_on(revision, today=None):
    """Set the review dates in an approved revision, before it is published.

    last_reviewed becomes today; next_review_due today plus the configured interval,
    unless the reviewer chose a later date in this revision (one that differs from the
    live page's). Returns the day of the review, or None for what has no review dates.
    """
    page = revision.content_object
    if not isinstance(page, Page):
        return None
    page = page.specific
    if not isinstance(page, ClinicalReviewMixin):
        return None
    today = today or timezone.localdate()
    chosen = revision.as_object().next_review_due
    live_value = page.next_review_due if page.live else None
    keep_chosen = chosen is not None and chosen > today and chosen != live_value
    next_due = chosen if keep_chosen else add_months(today, review_interval_months())
    revision.content.update(
        {"last_reviewed": today.isoformat(), "next_review_due": next_due.isoformat()}
    )
    revision.save(update_fields=["content"])
    return today


def record_sign_off(revision, reviewed_on, approved_by):
    """Keep which version a clinician signed off, by whom, approved by whom."""
    return ClinicalSignOff.objects.create(
        page_id=revision.object_id,
        revision=revision,
        reviewed_on=reviewed_on,
        reviewed_by_id=revision.content.get("reviewed_by"),
        approved_by=approved_by,
    )

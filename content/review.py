"""Clinical review: review dates set on approval, the pages due for review, reminders.

When the "Clinical review" workflow is approved, the review is recorded on the approved
revision just before it is published (content/workflow_finish.py): last reviewed today,
next review due after the configured interval (unless the reviewer chose a date). Being in
the revision, the dates reach the live page and stay in the next editor's draft.
"""

import calendar
import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

REVIEWERS_GROUP = "Clinical reviewers"  # set up by content/migrations/0004
DUE_SOON_DAYS = 30


def review_interval_months():
    return int(getattr(settings, "CLINICAL_REVIEW_INTERVAL_MONTHS", 12))


def add_months(day, months):
    """The same day of the month, months later (the month's last day if it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def reviewed_page_models():
    from .models import ClinicalReviewMixin

    return [model for model in apps.get_models() if issubclass(model, ClinicalReviewMixin)]


# Recording the review on approval ---------------------------------------------------


def record_review_on(revision, today=None):
    """Set the review dates in an approved revision, before it is published.

    last_reviewed becomes today; next_review_due today plus the configured interval,
    unless the reviewer chose a later date in this revision (one that differs from the
    live page's).
    """
    from .models import ClinicalReviewMixin

    page = revision.content_object
    if not isinstance(page, Page):
        return
    page = page.specific
    if not isinstance(page, ClinicalReviewMixin):
        return
    today = today or timezone.localdate()
    chosen = revision.as_object().next_review_due
    live_value = page.next_review_due if page.live else None
    keep_chosen = chosen is not None and chosen > today and chosen != live_value
    next_due = chosen if keep_chosen else add_months(today, review_interval_months())
    revision.content.update(
        {"last_reviewed": today.isoformat(), "next_review_due": next_due.isoformat()}
    )
    revision.save(update_fields=["content"])


# Pages due for review -----------------------------------------------------------------


def pages_due_for_review(today=None, pages=None):
    """Live pages whose next review is past or within DUE_SOON_DAYS days, overdue first.

    Each page is annotated with review_due, reviewed_on and reviewer_name, from whichever
    page type holds the review dates, so that one query lists every type.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    names = [model._meta.model_name for model in reviewed_page_models()]
    pages = Page.objects.all() if pages is None else pages
    return (
        pages.annotate(
            review_due=Coalesce(*(F(f"{name}__next_review_due") for name in names)),
            reviewed_on=Coalesce(*(F(f"{name}__last_reviewed") for name in names)),
            reviewer_name=Coalesce(*(F(f"{name}__reviewed_by__name") for name in names)),
        )
        .filter(live=True, review_due__lte=horizon)
        .order_by("review_due", "title", "pk")
    )


def review_status(page, today=None):
    today = today or timezone.localdate()
    return "Overdue" if page.review_due < today else "Due soon"


# Reminders ----------------------------------------------------------------------------


class AlreadySentToday(Exception):
    pass


def reviewer_emails():
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=REVIEWERS_GROUP)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def send_review_reminder(today=None):
    """Email the clinical reviewers the pages due for review, at most once a day.

    Returns (recipients, pages). Raises AlreadySentToday when today's reminder went out.
    The day's row and the email succeed or fail together: a failed send can be retried.
    """
    from .models import ReviewReminder

    today = today or timezone.localdate()
    pages = list(pages_due_for_review(today))
    recipients = reviewer_emails()
    if not pages or not recipients:
        return recipients, pages
    try:
        with transaction.atomic():
            ReviewReminder.objects.create(
                sent_on=today, recipients=len(recipients), pages=len(pages)
            )
            send_mail(
                subject=f"{len(pages)} page(s) due for clinical review",
                message=reminder_text(pages, today),
                from_email=None,
                recipient_list=recipients,
            )
    except IntegrityError as error:
        raise AlreadySentToday from error
    return recipients, pages


def reminder_text(pages, today):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    lines = [
        "These pages are overdue for clinical review, or due within "
        f"{DUE_SOON_DAYS} days. Overdue pages come first.",
        "",
    ]
    for page in pages:
        lines.append(
            f"- {page.title}: {review_status(page, today).lower()}, due {page.review_due:%Y-%m-%d}"
        )
        lines.append(f"  {base}{reverse('wagtailadmin_pages:edit', args=(page.pk,))}")
    lines += ["", f"The full list: {base}{reverse('content_review_due')}"]
    return "\n".join(lines)

"""Clinical review: review dates set on approval, the pages due for review, reminders.

When the "Clinical review" workflow is approved, Wagtail publishes the approved revision.
We then stamp the review on that revision and on the page: last reviewed today, next review
due after the configured interval (unless the reviewer chose a date in this revision).
Stamping the revision too keeps the dates in the next editor's draft.
"""

import calendar
import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

REVIEWERS_GROUP = "Clinical reviewers"
EDITORS_GROUP = "Editors"
ADMINISTRATORS_GROUP = "Site administrators"
WORKFLOW_NAME = "Clinical review"
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


# Stamping the review on approval ------------------------------------------------------


def stamp_review(workflow_state, user=None, today=None):
    """Record the review on the approved revision, and on the page if it is live with it."""
    from .models import ClinicalReviewMixin

    page = workflow_state.content_object
    if not isinstance(page, Page):
        return
    page = page.specific
    if not isinstance(page, ClinicalReviewMixin):
        return
    revision = workflow_state.current_task_state.revision
    approved = revision.as_object()
    today = today or timezone.localdate()
    chosen = approved.next_review_due
    keep_chosen = (
        chosen is not None and chosen > today and chosen != previous_next_review_due(page, revision)
    )
    values = {
        "last_reviewed": today,
        "next_review_due": chosen if keep_chosen else add_months(today, review_interval_months()),
    }
    revision.content.update({name: value.isoformat() for name, value in values.items()})
    revision.save(update_fields=["content"])
    if page.live_revision_id == revision.pk:
        type(page).objects.filter(pk=page.pk).update(**values)


def previous_next_review_due(page, revision):
    """The next-review date of the revision published before this one, if any."""
    earlier = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .order_by("-timestamp", "-pk")
        .select_related("revision")
        .first()
    )
    if earlier is None:
        return None
    value = earlier.revision.content.get("next_review_due")
    return datetime.date.fromisoformat(value) if value else None


# Pages due for review -----------------------------------------------------------------


def pages_due_for_review(today=None, pages=None):
    """Pages whose next review is past or within DUE_SOON_DAYS days, overdue first.

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
        .filter(Q(review_due__lte=horizon))
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
    from django.urls import reverse

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

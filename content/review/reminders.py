"""Email the clinical reviewers the pages due for review, at most once a day."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .due import DUE_SOON_DAYS, pages_due_for_review, review_status
from .models import ReviewReminder

REVIEWERS_GROUP = "Clinical reviewers"  # set up by content/pages/migrations/0004


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
        "These pages need a clinical review: never reviewed, overdue, changed since their "
        f"review, or due within {DUE_SOON_DAYS} days. The most urgent come first.",
        "",
    ]
    for page in pages:
        due = f", due {page.review_due:%Y-%m-%d}" if page.review_due else ""
        lines.append(f"- {page.title}: {review_status(page, today).lower()}{due}")
        lines.append(f"  {base}{reverse('wagtailadmin_pages:edit', args=(page.pk,))}")
    lines += ["", f"The full list: {base}{reverse('content_review_due')}"]
    return "\n".join(lines)

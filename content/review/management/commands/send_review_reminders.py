"""Email the clinical reviewers the pages due for review. Safe to run often (e.g. hourly
from cron): it sends at most one email a day."""

import smtplib

from django.core.management.base import BaseCommand, CommandError

from content.review.due import DUE_SOON_DAYS
from content.review.reminders import AlreadySentToday, send_review_reminder


class Command(BaseCommand):
    help = (
        "Email the Clinical reviewers group the pages that need a review: never reviewed, "
        f"overdue, changed since their review, or due within {DUE_SOON_DAYS} days. Sends at "
        "most one email a day, however often it runs."
    )

    def handle(self, *args, **options):
        try:
            recipients, pages = send_review_reminder()
        except AlreadySentToday:
            self.stdout.write("Today's review reminder has already been sent; nothing to do.")
            return
        except (smtplib.SMTPException, OSError) as error:
            # Nothing was recorded, so the next run tries again.
            raise CommandError(f"Could not send the review reminder: {error}") from error
        if not pages:
            self.stdout.write("No pages are due for review; no email sent.")
        elif not recipients:
            self.stderr.write(
                f"{len(pages)} page(s) are due for review, but no active member of the "
                "Clinical reviewers group has an email address; no email sent."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Sent the review reminder ({len(pages)} page(s)) to {len(recipients)} "
                    "reviewer(s)."
                )
            )

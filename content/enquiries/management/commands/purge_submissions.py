from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission


class Command(BaseCommand):
    help = (
        "Delete form submissions (enquiries) older than a number of days, for data "
        "retention. The default comes from FORM_SUBMISSION_RETENTION_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=settings.FORM_SUBMISSION_RETENTION_DAYS,
            metavar="DAYS",
            help="Delete submissions received more than DAYS days ago (default: %(default)s).",
        )

    def handle(self, *args, **options):
        days = options["older_than"]
        if days < 1:
            raise CommandError("--older-than must be 1 or more days. Nothing was deleted.")
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _ = FormSubmission.objects.filter(submit_time__lt=cutoff).delete()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Deleted {deleted} form submission(s) older than {days} days.")

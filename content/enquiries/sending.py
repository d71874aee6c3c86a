"""Storing an enquiry, and telling staff it came, without a word of what it says.

- Each form's signed start time is spent in the same transaction that stores the enquiry:
  a token stores one enquiry, however often it is sent (SpentFormToken's unique digest).
- The site's hourly ceiling counts only what is really stored (rate_limit.py).
- When the enquiry cannot be stored (the database is down, the disk is full), the caller
  shows the form again with the visitor's answers and the phone number: never "Thank you".
- The email to staff holds the enquiry's number and a link to sign in, nothing the visitor
  wrote; logs hold no more than that either.
"""

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.mail import send_mail
from wagtail.contrib.forms.models import FormMixin

from .forms import token_digest
from .rate_limit import count_toward_ceiling

logger = logging.getLogger(__name__)


class AlreadySent(Exception):
    """The form's token was spent: this form has already stored an enquiry."""


class OverCeiling(Exception):
    """The site has taken as many enquiries this hour as it may."""


class NotStored(Exception):
    """The enquiry could not be stored."""


def store(page, form):
    """Spend the form's token and store the enquiry, all or nothing. Returns the submission."""
    from .models import SpentFormToken  # models import this module

    try:
        with transaction.atomic():
            forget_old_tokens(SpentFormToken)
            try:
                with transaction.atomic():
                    SpentFormToken.objects.create(digest=token_digest(form.started_token))
            except IntegrityError:
                raise AlreadySent from None
            if count_toward_ceiling():
                raise OverCeiling
            return FormMixin.process_form_submission(page, form)
    except (AlreadySent, OverCeiling):
        raise
    except (DatabaseError, OSError) as error:
        # The class and the database's own error code, never the message: a database can
        # quote the row it refused, and the row is what the visitor wrote.
        logger.error("An enquiry to page %s was not stored (%s)", page.pk, error_code(error))
        raise NotStored from None


def forget_old_tokens(model):
    """A token older than ENQUIRY_FORM_MAX_AGE_SECONDS is refused anyway: its row can go."""
    cutoff = timezone.now() - timedelta(seconds=settings.ENQUIRY_FORM_MAX_AGE_SECONDS)
    model.objects.filter(spent_at__lt=cutoff).delete()


def error_code(error):
    cause = error.__cause__ or error
    code = getattr(cause, "sqlstate", None) or getattr(cause, "sqlite_errorname", None)
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def notification(page, submission):
    """The subject and body of the email to staff: a number and a link, nothing more."""
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailforms:list_submissions", args=(page.pk,)
    )
    subject = f"{page.subject or 'New enquiry'} #{submission.pk}"
    body = f"New enquiry #{submission.pk} from the website: sign in to read it: {link}\n"
    return subject, body


def notify_staff(page, submission):
    """Email the page's "To address" (or ENQUIRY_EMAIL_TO). A mail server that is down
    loses nothing: the enquiry is stored and listed in the admin, so the visitor is thanked."""
    recipients = page.recipients()
    if not recipients:
        return
    subject, body = notification(page, submission)
    try:
        send_mail(subject, body, recipients, page.from_address or settings.DEFAULT_FROM_EMAIL)
    except (OSError, SMTPException) as error:
        # The mail server's answer names staff addresses at most, never the enquiry's words.
        logger.error(
            "Enquiry #%s is stored, but the email to staff was not sent (%s: %s)",
            submission.pk,
            type(error).__name__,
            error,
        )

"""The pages that need a clinical review: the report, the dashboard panel and the reminders.

A live page of a reviewed type (ClinicalReviewMixin), in the site's default language, needs
one when it was never reviewed, when its next review is past or within DUE_SOON_DAYS days
(or it has no next review date), or when the version live now is not the one a clinician
signed off (published directly since its review: "changed since review"). Translations are
checked in Translation review (content/translations/) and show the review of the English
page they follow: the report lists one only when that English page has a newer approved
version than the one it was translated from ("Translation out of date").
"""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Case, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Locale, Page

from content.translations.governance import with_translation_status

from .models import ClinicalReviewMixin, ClinicalSignOff

DUE_SOON_DAYS = 30

NEVER_REVIEWED = "Never reviewed"
OVERDUE = "Overdue"
NO_REVIEW_DATE = "No next review date"
CHANGED_SINCE_REVIEW = "Changed since review"
DUE_SOON = "Due soon"
TRANSLATION_OUT_OF_DATE = "Translation out of date"


def reviewed_page_models():
    return [model for model in apps.get_models() if issubclass(model, ClinicalReviewMixin)]


def pages_due_for_review(today=None, pages=None, translations=False):
    """Live pages that need a clinical review, the most urgent first: never reviewed,
    overdue, changed since review, then due soon (by date within each).

    Each page is annotated with review_due, reviewed_on, reviewer_name (from whichever page
    type holds them, so that one query lists every type), changed_since_review and urgency.
    With translations=True (the report), translations whose English page has a newer
    approved version are listed too ("Translation out of date", content/translations/).
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    models = reviewed_page_models()
    names = [model._meta.model_name for model in models]
    signed_off = ClinicalSignOff.objects.filter(page=OuterRef("pk")).order_by("-approved_at", "-pk")
    pages = Page.objects.all() if pages is None else pages
    in_default_language = Q(locale_id=Locale.get_default().pk)
    pages = pages.filter(
        live=True, content_type__in=ContentType.objects.get_for_models(*models).values()
    )
    if translations:
        pages = with_translation_status(pages)
        out_of_date = Q(translation_out_of_date=True)
    else:
        pages = pages.filter(in_default_language)
        out_of_date = Q(pk__in=[])
    pages = pages.annotate(
        review_due=Coalesce(*(F(f"{name}__next_review_due") for name in names)),
        reviewed_on=Coalesce(*(F(f"{name}__last_reviewed") for name in names)),
        reviewer_name=Coalesce(*(F(f"{name}__reviewed_by__name") for name in names)),
        signed_off_revision=Subquery(signed_off.values("revision_id")[:1]),
    )
    return (
        pages.annotate(
            changed_since_review=Case(
                When(
                    Q(reviewed_on__isnull=False, signed_off_revision__isnull=False)
                    & ~Q(live_revision_id=F("signed_off_revision")),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .filter(
            in_default_language
            & (
                Q(reviewed_on__isnull=True)
                | Q(review_due__isnull=True)
                | Q(review_due__lte=horizon)
                | Q(changed_since_review=True)
            )
            | out_of_date
        )
        .annotate(
            urgency=Case(
                When(out_of_date, then=Value(2)),
                When(reviewed_on__isnull=True, then=Value(0)),
                When(Q(review_due__isnull=True) | Q(review_due__lt=today), then=Value(1)),
                When(changed_since_review=True, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
        .order_by("urgency", F("review_due").asc(nulls_first=True), "title", "pk")
    )


def review_status(page, today=None):
    """ "Never reviewed", "Overdue", "No next review date", "Changed since review" or
    "Due soon", with ", changed since review" added where that is not the main reason."""
    today = today or timezone.localdate()
    if getattr(page, "translation_out_of_date", False):
        return TRANSLATION_OUT_OF_DATE
    if page.reviewed_on is None:
        return NEVER_REVIEWED
    if page.review_due is None:
        status = NO_REVIEW_DATE
    elif page.review_due < today:
        status = OVERDUE
    elif page.changed_since_review:
        return CHANGED_SINCE_REVIEW
    else:
        status = DUE_SOON
    if page.changed_since_review:
        return f"{status}, {CHANGED_SINCE_REVIEW.lower()}"
    return status


def count_by_reason(pages, today=None):
    """{status: how many} for the dashboard, in the order of urgency."""
    counts = {}
    for page in pages:
        reason = review_status(page, today).split(",")[0]
        counts[reason] = counts.get(reason, 0) + 1
    return counts

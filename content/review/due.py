"""The pages due for clinical review: the report, the dashboard panel and the reminders."""

import datetime

from django.apps import apps
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page

from .models import ClinicalReviewMixin

DUE_SOON_DAYS = 30


def reviewed_page_models():
    return [model for model in apps.get_models() if issubclass(model, ClinicalReviewMixin)]


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

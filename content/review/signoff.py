"""Approving in Clinical review (ClinicalReviewTask.on_action): refused, with the reason in
the audit log, unless four_eyes.py allows it; otherwise the version under review is
approved with its reviewer named, and the workflow's finish (workflow.py) publishes it.

Whichever view the action came from, the person is sent to outcome_url(), which says
what happened (outcomes.py).
"""

import logging

from django.db import transaction
from django.urls import reverse
from wagtail.log_actions import log

from .four_eyes import NO_CLINICIAN, reviewed_object, reviewing_clinician, why_not_approve
from .models import ClinicalReviewMixin

APPROVAL_REFUSED = "review.approval_refused"

logger = logging.getLogger(__name__)


def outcome_url(task_state):
    return reverse("content_review_outcome", args=(task_state.pk,))


def refuse_approval(obj, task_state, user, reason):
    """Write the refusal to the log and the audit log; nothing else changes."""
    logger.warning("Approval refused to %s (id %s) on %r: %s", user, user.pk, obj, reason)
    log(
        instance=obj,
        action=APPROVAL_REFUSED,
        user=user,
        data={"reason": reason, "task_state_id": task_state.pk},
    )


def name_the_reviewer(obj, clinician):
    """Record the reviewing clinician in the version being approved (the one published)."""
    revision = obj.get_latest_revision()
    revision.content["reviewed_by"] = clinician.pk
    revision.save(update_fields=["content"])


def on_action(task, perform, task_state, user, action_name, reviewed_by=None, **kwargs):
    """ClinicalReviewTask.on_action: perform is Wagtail's (approve or request changes)."""
    with transaction.atomic():
        if action_name == "approve":
            obj = reviewed_object(task_state.workflow_state)
            reason = why_not_approve(obj, task_state.workflow_state, user)
            clinician = reviewing_clinician(obj, user, chosen=reviewed_by)
            if reason is None and isinstance(obj, ClinicalReviewMixin) and clinician is None:
                reason = NO_CLINICIAN.format(title=obj.get_latest_revision_as_object())
            if reason is not None:
                refuse_approval(obj, task_state, user, reason)
                return outcome_url(task_state)
            if clinician is not None:
                name_the_reviewer(obj, clinician)
        perform(task_state, user, action_name, **kwargs)
    return outcome_url(task_state)

"""The Translation review workflow: who checks translations, and what approving does.

- Migration translations.0003 creates the "Medical translators" group and the
  "Translation review" workflow (one TranslationReviewTask for that group).
- Each language's home page other than English gets that workflow (signals.py), so every
  Spanish page goes through it, where English pages go through Clinical review.
- Approving publishes the checked version (finish_translation_review, called by the
  workflow finish in content/pages/workflow.py), without recording a clinical review: the
  clinical review dates of a translation are those of the English version it follows.
"""

import logging

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Workflow, WorkflowPage

TRANSLATION_REVIEW = "Translation review"
MEDICAL_TRANSLATORS = "Medical translators"
APPROVAL_REFUSED = "translations.approval_refused"
NOT_CHECKED = (
    "Not approved: the version under review does not say who checked the translation. "
    "Open the page, fill in 'Translation checked by' (Settings tab), and approve from there."
)

logger = logging.getLogger(__name__)


def on_translation_review_action(perform, task_state, user, action_name, **kwargs):
    if action_name == "approve":
        page = task_state.workflow_state.content_object
        revision = page.get_latest_revision()
        checked_by = (revision.content.get("translation_checked_by") or "").strip()
        if not checked_by:
            logger.warning("Translation approval refused to %s on %r: not checked", user, page)
            log(instance=page, action=APPROVAL_REFUSED, user=user, data={"reason": NOT_CHECKED})
            return None
        if not revision.content.get("translation_checked_on"):
            revision.content["translation_checked_on"] = timezone.localdate().isoformat()
            revision.save(update_fields=["content"])
    return perform(task_state, user, action_name, **kwargs)


def is_translation_review(workflow_state):
    return workflow_state.workflow.name == TRANSLATION_REVIEW


def finish_translation_review(workflow_state, user=None):
    """Publish the approved translation; the approval is the permission (translators hold no
    publish permission of their own)."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)


def translation_review_workflow():
    return Workflow.objects.filter(name=TRANSLATION_REVIEW, active=True).first()


def assign_translation_review(home_page):
    """Give a language's home page (and so every page below it) the Translation review
    workflow, unless staff chose another for it. Returns the WorkflowPage, or None."""
    workflow = translation_review_workflow()
    if workflow is None:
        return None
    assigned, _created = WorkflowPage.objects.get_or_create(
        page=home_page, defaults={"workflow": workflow}
    )
    return assigned

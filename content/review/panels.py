"""Clinical review on the dashboard: how many pages need a review, and Wagtail's "Awaiting
your review" list without an Approve button on one's own changes (four_eyes.py)."""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import WorkflowState

from .due import DUE_SOON_DAYS, count_by_reason
from .four_eyes import may_approve, reviewed_object
from .models import ClinicalReviewTask


class ReviewDuePanel(Component):
    name = "content_review_due"
    template_name = "review/review_due_panel.html"
    order = 60

    def __init__(self, pages):
        self.reasons = count_by_reason(pages)

    def get_context_data(self, parent_context):
        return {
            "count": sum(self.reasons.values()),
            "reasons": self.reasons,
            "days": DUE_SOON_DAYS,
            "report_url": reverse("content_review_due"),
        }


class FourEyesModerationPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review", offering no approval of one's own change."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        for state in context["states"]:
            task_state = state["task_state"]
            workflow_state = task_state.workflow_state
            if not isinstance(task_state.task.specific, ClinicalReviewTask):
                continue
            if workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
                continue
            if not may_approve(reviewed_object(workflow_state), workflow_state, user):
                state["actions"] = [a for a in state["actions"] if a[0] != "approve"]
        return context

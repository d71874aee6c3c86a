"""Clinical review in the admin: four eyes on approvals (editor_approval.py, signoff.py),
messages that say what happened (outcomes.py), the "Content due for review" report, its
menu item and dashboard panel (panels.py), and the audit log's refusals."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import WorkflowMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.permissions import page_permission_policy
from wagtail.snippets.action_menu import WorkflowMenuItem as SnippetWorkflowMenuItem

from .due import pages_due_for_review, reviewed_page_models
from .editor_approval import approve_from_editor
from .four_eyes import may_approve, reviewed_object
from .models import ClinicalReviewTask
from .outcomes import after_edit, outcome
from .panels import FourEyesModerationPanel, ReviewDuePanel
from .reports import ContentDueForReviewView
from .signoff import APPROVAL_REFUSED


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path(
            "reports/content-due-for-review/",
            ContentDueForReviewView.as_view(),
            name="content_review_due",
        ),
        path(
            "reports/content-due-for-review/results/",
            ContentDueForReviewView.as_view(results_only=True),
            name="content_review_due_results",
        ),
        path(
            "clinical-review/outcome/<int:task_state_id>/",
            outcome,
            name="content_review_outcome",
        ),
    ]


def reviewed_pages_editable_by(user):
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    return editable.type(*reviewed_page_models())


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reviewed_pages_editable_by(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_review_due_report_menu_item():
    return ReviewReportMenuItem(
        "Content due for review", reverse("content_review_due"), icon_name="date", order=50
    )


@hooks.register("construct_homepage_panels")
def add_review_panels(request, panels):
    """The count of pages needing a review, for those who can edit them; and "Awaiting
    your review" without Approve on one's own changes."""
    for index, panel in enumerate(panels):
        if panel.name == FourEyesModerationPanel.name:
            panels[index] = FourEyesModerationPanel()
    editable = reviewed_pages_editable_by(request.user)
    if editable.exists():
        panels.append(ReviewDuePanel(pages_due_for_review(pages=editable)))


# Approving: from the edit form, and what the action menus offer ------------------------

hooks.register("before_edit_page", approve_from_editor)
hooks.register("before_edit_snippet", approve_from_editor)


def hide_approval_of_own_change(menu_items, request, obj):
    task_state = getattr(obj, "current_workflow_task_state", None)
    if task_state is None or not isinstance(task_state.task.specific, ClinicalReviewTask):
        return
    workflow_state = task_state.workflow_state
    if not may_approve(reviewed_object(workflow_state), workflow_state, request.user):
        menu_items[:] = [
            item
            for item in menu_items
            if not (
                isinstance(item, (WorkflowMenuItem, SnippetWorkflowMenuItem))
                and item.name == "approve"
            )
        ]


@hooks.register("construct_page_action_menu")
def page_action_menu(menu_items, request, context):
    if context.get("page") is not None and context.get("view") == "edit":
        hide_approval_of_own_change(menu_items, request, context["page"])


@hooks.register("construct_snippet_action_menu")
def snippet_action_menu(menu_items, request, context):
    if context.get("instance") is not None and context.get("view") == "edit":
        hide_approval_of_own_change(menu_items, request, context["instance"])


# Saying what happened ------------------------------------------------------------------

for hook_name in (
    "after_edit_page",
    "after_create_page",
    "after_edit_snippet",
    "after_create_snippet",
):
    hooks.register(hook_name, after_edit)


@hooks.register("register_log_actions")
def register_review_refusals(actions):
    @actions.register_action(APPROVAL_REFUSED)
    class ApprovalRefused(LogFormatter):
        label = "Clinical review: approval refused"

        def format_message(self, log_entry):
            return f"Approval refused: {log_entry.data.get('reason', '')}"

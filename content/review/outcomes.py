"""Workflow messages that say what happened: "Sent for clinical review", "Approved and
published", "Sent back for changes", rather than Wagtail's "submitted for moderation".

Approving or requesting changes, from any view, ends at outcome() (signoff.py sends people
there), which tells the person what their action did, or why it was refused. Sending for
review is worded in the edit and create views' after hooks (wagtail_hooks.py).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from wagtail.admin.utils import get_latest_str, get_valid_next_url_from_request
from wagtail.log_actions import registry as log_registry
from wagtail.models import TaskState, WorkflowState

from .four_eyes import reviewed_object
from .models import ClinicalReviewMixin, ClinicalReviewTask
from .signoff import APPROVAL_REFUSED

SENT = "Sent for clinical review: “{title}”. A clinical reviewer checks it before it goes live."
APPROVED = "Approved and published: “{title}”."
APPROVED_BY = "Approved and published: “{title}”, reviewed by {clinician}."
APPROVED_NEXT = "Approved: “{title}” goes on to the next step of its workflow."
SENT_BACK = "Sent back for changes: “{title}”. Its editor has been told."

# What Wagtail says, replaced by the wording above (matched on these words).
WAGTAIL_SUBMITTED = ("submitted for moderation", "has been restarted")
WAGTAIL_UPDATED = ("has been updated", "updated.")


def outcome(request, task_state_id):
    task_state = get_object_or_404(TaskState, pk=task_state_id)
    obj = reviewed_object(task_state.workflow_state)
    title = get_latest_str(obj)
    if task_state.finished_by_id == request.user.pk:
        if task_state.status == TaskState.STATUS_APPROVED:
            messages.success(request, approved_message(obj, task_state, title))
        elif task_state.status == TaskState.STATUS_REJECTED:
            messages.success(request, SENT_BACK.format(title=title))
    else:
        refusal = (
            log_registry.get_logs_for_instance(obj)
            .filter(action=APPROVAL_REFUSED, user_id=request.user.pk)
            .order_by("-timestamp", "-pk")
            .first()
        )
        if refusal is not None and refusal.data.get("task_state_id") == task_state.pk:
            messages.error(request, refusal.data["reason"])
    return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")


def approved_message(obj, task_state, title):
    if task_state.workflow_state.status != WorkflowState.STATUS_APPROVED:
        return APPROVED_NEXT.format(title=title)
    if isinstance(obj, ClinicalReviewMixin):
        obj.refresh_from_db()
        if obj.reviewed_by is not None:
            return APPROVED_BY.format(title=title, clinician=obj.reviewed_by)
    return APPROVED.format(title=title)


def in_clinical_review(obj):
    # Read afresh: the view's object may hold the workflow states it had before the save.
    state = WorkflowState.objects.active().for_instance(obj).first()
    task_state = state.current_task_state if state else None
    return task_state is not None and isinstance(task_state.task.specific, ClinicalReviewTask)


def reword(request, wagtail_says, ours):
    """Replace Wagtail's message (the one holding one of wagtail_says) with ours."""
    storage = messages.get_messages(request)
    kept = [m for m in storage if not any(words in str(m.message) for words in wagtail_says)]
    for message in kept:  # reading them used them up: the others go back as they were
        messages.add_message(request, message.level, message.message, message.extra_tags)
    messages.success(request, ours)


def after_edit(request, obj):
    """After an edit or create view's save: say what sending for review, or asking for
    changes from the edit form, did."""
    if request.method != "POST" or not obj.pk:
        return
    if request.POST.get("action-submit") or request.POST.get("action-restart-workflow"):
        if in_clinical_review(obj):
            reword(request, WAGTAIL_SUBMITTED, SENT.format(title=get_latest_str(obj)))
    elif request.POST.get("workflow-action-name") == "reject":
        state = WorkflowState.objects.for_instance(obj).order_by("-created_at", "-pk").first()
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            reword(request, WAGTAIL_UPDATED, SENT_BACK.format(title=get_latest_str(obj)))

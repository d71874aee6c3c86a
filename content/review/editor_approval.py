"""Approving from the edit form's own action menu ("Approve and publish").

Wagtail would save the form as a new version by the approver and then approve it: a
reviewer could change a page and approve their own change in one request. Here the
approval is taken over before anything is saved (the before_edit_page and
before_edit_snippet hooks): a form that changes the content is refused, the four-eyes
rules apply (signoff.py), and only the review details may come with the approval: the
clinician in "Reviewed by" and a chosen next review date.
"""

import json
import re

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.models import LockableMixin, Page

from .models import ClinicalReviewTask
from .signoff import outcome_url, refuse_approval

REVIEW_FIELDS = {"reviewed_by", "next_review_due"}
CHANGED_WHILE_APPROVING = (
    "“{title}” was not approved: approving publishes the version sent for review, so it "
    "cannot carry changes ({fields}). Nothing was saved. Save your changes as a draft "
    "instead; another clinical reviewer must then approve them."
)


def is_approval(request):
    return (
        request.method == "POST"
        and request.POST.get("action-workflow-action")
        and request.POST.get("workflow-action-name") == "approve"
    )


def edit_form(request, obj):
    """The edit form as the edit view builds it, bound to what was posted."""
    if isinstance(obj, Page):
        form_class = obj.get_edit_handler().get_form_class()
        return form_class(
            request.POST,
            request.FILES,
            instance=obj,
            parent_page=obj.get_parent(),
            for_user=request.user,
        )
    form_class = obj.snippet_viewset.get_edit_handler().get_form_class()
    return form_class(request.POST, request.FILES, instance=obj, for_user=request.user)


BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def as_content(value):
    """A value as what it says: without the ids of stream blocks and the keys of rich-text
    paragraphs (the editor makes new ones), list items in one form (a list stored before
    Wagtail gave its items ids holds bare values), and a browser's line breaks as stored."""
    if isinstance(value, dict):
        if value.keys() - {"id"} == {"type", "value"} and value["type"] == "item":
            return as_content(value["value"])
        return {key: as_content(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [as_content(item) for item in value]
    if isinstance(value, str):
        return BLOCK_KEY.sub("", value).replace("\r\n", "\n").strip()
    return value


def changed_content(form):
    """The fields and inline panels whose content the posted form changes."""
    changed = []
    for name in form.changed_data:
        if name in REVIEW_FIELDS:
            continue
        field = form.fields[name]
        initial = form.get_initial_for_field(field, name)
        posted = form.cleaned_data.get(name)
        block = getattr(field, "block", None)
        if block is not None:  # a stream: compared without its ids
            same = as_content(block.get_prep_value(initial)) == as_content(
                block.get_prep_value(posted)
            )
        elif isinstance(initial, str) and isinstance(posted, str):  # text and rich text
            same = as_content(initial) == as_content(posted)
        else:
            same = False  # Django compared it, and it differs
        if not same:
            changed.append(str(field.label or name))
    for name, formset in getattr(form, "formsets", {}).items():
        if name != "comments" and formset.has_changed():
            changed.append(name.replace("_", " "))
    return changed


def edit_url(obj):
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=(obj.pk,))
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=(obj.pk,))


def approve_from_editor(request, obj):
    """A response for an approval posted from the edit form, or None to let Wagtail go on
    (a form with errors, or anything that is not an approval in Clinical review)."""
    if not is_approval(request):
        return None
    task_state = obj.current_workflow_task_state
    task = task_state.task.specific if task_state else None
    if not isinstance(task, ClinicalReviewTask):
        return None
    if "approve" not in {name for name, *_ in task.get_actions(obj, request.user)}:
        return None  # not a reviewer: Wagtail treats the post as its own
    lock = obj.get_lock() if isinstance(obj, LockableMixin) else None
    if lock is not None and lock.for_user(request.user):
        return None  # Wagtail refuses a locked page
    form = edit_form(request, obj)
    if not form.is_valid():
        return None  # Wagtail shows the errors and approves nothing
    after = f"?next={edit_url(obj)}"
    changes = changed_content(form)
    if changes:
        reason = CHANGED_WHILE_APPROVING.format(title=obj, fields=", ".join(changes))
        refuse_approval(obj, task_state, request.user, reason)
        return redirect(outcome_url(task_state) + after)
    extra = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    with transaction.atomic():
        chosen = choose_review_details(obj, form)
        url = task.on_action(
            task_state,
            request.user,
            "approve",
            comment=extra.get("comment", ""),
            reviewed_by=chosen,
        )
    return redirect(url + after)


def choose_review_details(obj, form):
    """Keep a next review date chosen while approving; return a reviewer chosen then."""
    cleaned = form.cleaned_data
    if "next_review_due" in form.changed_data:
        revision = obj.get_latest_revision()
        due = cleaned.get("next_review_due")
        revision.content["next_review_due"] = due.isoformat() if due else None
        revision.save(update_fields=["content"])
    if "reviewed_by" in form.changed_data:
        return cleaned.get("reviewed_by")
    return None

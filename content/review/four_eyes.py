"""Four eyes in Clinical review: who may not approve a change, and who signs it off.

Nobody approves what they sent for review, nor a change they made themselves: anyone who
saved a version since the page (or glossary term) was last live is one of its authors. An
approved page names the clinician who reviewed it: the approver's own clinician entry when
their account is linked to one (Snippets → Clinicians → Staff account), otherwise the
clinician chosen in "Reviewed by".
"""

from wagtail.models import Page, Revision

from .models import ClinicalReviewMixin, Clinician

SENT_IT = (
    "You sent “{title}” for clinical review, so another clinical reviewer must approve it. "
    "Nothing was changed."
)
CHANGED_IT = (
    "You made changes to “{title}” that are not live yet, so another clinical reviewer must "
    "approve it. Nothing was changed."
)
NO_CLINICIAN = (
    "“{title}” was not approved: it must name the clinician who reviewed it. Choose them in "
    "“Reviewed by” in the page editor, or ask a site administrator to link your account to "
    "your entry under Snippets → Clinicians. Nothing was changed."
)


def reviewed_object(workflow_state):
    obj = workflow_state.content_object
    return obj.specific if isinstance(obj, Page) else obj


def authors(obj, workflow_state):
    """Ids of the people whose work is under review: who sent it, and who saved a version
    of it since it was last live (every version, if it never was)."""
    revisions = Revision.objects.for_instance(obj).exclude(user=None)
    live_revision_id = getattr(obj, "live_revision_id", None)
    if live_revision_id:
        revisions = revisions.filter(pk__gt=live_revision_id)
    people = set(revisions.values_list("user_id", flat=True))
    if workflow_state.requested_by_id:
        people.add(workflow_state.requested_by_id)
    return people


def why_not_approve(obj, workflow_state, user):
    """The reason user may not approve obj, or None."""
    title = str(obj.get_latest_revision_as_object())
    if user.pk == workflow_state.requested_by_id:
        return SENT_IT.format(title=title)
    if user.pk in authors(obj, workflow_state):
        return CHANGED_IT.format(title=title)
    return None


def may_approve(obj, workflow_state, user):
    return why_not_approve(obj, workflow_state, user) is None


def clinician_of(user):
    return Clinician.objects.filter(user_id=user.pk).first()


def reviewing_clinician(obj, user, chosen=None):
    """Who signs obj off when user approves it: the clinician chosen while approving, the
    approver's own clinician entry, or the one named in the version under review."""
    if not isinstance(obj, ClinicalReviewMixin):
        return None
    return chosen or clinician_of(user) or obj.get_latest_revision_as_object().reviewed_by

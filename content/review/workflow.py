"""What happens when the Clinical review workflow is approved (WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail's default publishes the approved revision as the approving user, which needs that
user to hold publish permission. Clinical reviewers deliberately have none (so they
cannot publish without a review), so the approval itself is the permission here. Before
publishing, the review is recorded on the revision (approval.py), so the published page
and every later draft carry its dates; and the sign-off is kept (ClinicalSignOff), so a
later direct publish shows as "changed since review".

Imported by wagtail.models while it loads: keep imports inside the function.
"""


def publish_reviewed_revision(workflow_state, user=None):
    from .approval import record_review_on, record_sign_off

    revision = workflow_state.content_object.get_latest_revision()
    reviewed_on = record_review_on(revision)
    revision.publish(user=user, skip_permission_checks=True)
    if reviewed_on is not None:
        record_sign_off(revision, reviewed_on, user)

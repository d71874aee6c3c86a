"""What happens when a workflow's last step is approved (WAGTAIL_FINISH_WORKFLOW_ACTION).

English pages go through Clinical review: the review is recorded, then the page published
(content/review/workflow.py). Translations go through Translation review: the checked
translation is published, and no clinical review is recorded for it
(content/translations/review.py).

Imported by wagtail.models while it loads: keep imports inside the function.
"""


def finish_workflow(workflow_state, user=None):
    from content.review.workflow import publish_reviewed_revision
    from content.translations.review import finish_translation_review, is_translation_review

    if is_translation_review(workflow_state):
        return finish_translation_review(workflow_state, user)
    return publish_reviewed_revision(workflow_state, user)

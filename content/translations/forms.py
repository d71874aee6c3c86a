"""The page editor's rule for translations: no publishing before the translation is checked.

Publishing is offered only for a translation whose saved version names its checker
(TranslationPermissionTester, models.py); this form says why when someone publishes or
approves from the editor without one. TranslationReviewTask applies it to approvals made
anywhere else.
"""

from wagtail.admin.forms import WagtailAdminPageForm

from .languages import is_translation

NEEDS_CHECK = (
    "A translation cannot go live until a qualified medical translator has checked it "
    "against the English. Write their name and credential in 'Translation checked by' and "
    "save; then publish, or submit the page to Translation review."
)


class TranslatedPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if (
            "translation_checked_by" in self.fields
            and is_translation(self.instance)
            and self.is_going_live()
            and not (cleaned_data.get("translation_checked_by") or "").strip()
        ):
            self.add_error("translation_checked_by", NEEDS_CHECK)
        return cleaned_data

    def is_going_live(self):
        """Whether the button pressed publishes the page, or approves it (the last step of a
        workflow publishes: every workflow here has one step)."""
        data = self.data
        approving = bool(data.get("action-workflow-action")) and (
            data.get("workflow-action-name") == "approve"
        )
        return bool(data.get("action-publish")) or approving

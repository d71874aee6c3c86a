"""Translation governance: what a translated page records about its translation.

A page in a language other than English says which English version it was translated from
and who checked the translation. It cannot be published until a qualified medical
translator has checked it (forms.py, and the Translation review workflow), and visitors
see both facts, as MedlinePlus shows them on its translated pages.

The starter content may be live before anyone has checked it: visitors are then told so
plainly (governance.py, `translation_status`).
"""

from django.db import models
from django.utils import translation
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import GroupApprovalTask, PagePermissionTester
from wagtail_localize.fields import SynchronizedField

from .forms import TranslatedPageForm

GOVERNANCE_FIELDS = ("translated_from_date", "translation_checked_by", "translation_checked_on")


class TranslationReviewMixin(models.Model):
    """The translation's record, on every page type patients read.

    The fields mean nothing on an English page, and the editor shows them only on a
    translation (the panel's heading says so).
    """

    translated_from_date = models.DateField(
        "translated from the English version of",
        null=True,
        blank=True,
        help_text="The date of the English version this translation follows: its last "
        "clinical review, or when it was published. When the English page gets a newer "
        "approved version, this page shows as out of date.",
    )
    translation_checked_by = models.CharField(
        "translation checked by",
        max_length=200,
        blank=True,
        help_text="The qualified medical translator who checked this translation against the "
        "English, with their credential, such as 'Ana Ruiz, CHI-Spanish'. A translation "
        "cannot be published without it.",
    )
    translation_checked_on = models.DateField(
        "translation checked on",
        null=True,
        blank=True,
        help_text="The day the translator checked it. Set on approval in Translation review "
        "if left empty.",
    )

    base_form_class = TranslatedPageForm

    # wagtail-localize copies the English page's fields into its translations; these belong
    # to each translation, so a translator may set them and a sync never empties them.
    override_translatable_fields = [
        SynchronizedField(name, overridable=True) for name in GOVERNANCE_FIELDS
    ]

    class Meta:
        abstract = True

    @classmethod
    def translation_panel(cls):
        return MultiFieldPanel(
            [FieldPanel(name) for name in GOVERNANCE_FIELDS],
            heading="Translation (pages in Spanish and other languages only)",
        )

    def permissions_for_user(self, user):
        return TranslationPermissionTester(user, self)

    def serve_preview(self, request, *args, **kwargs):
        """Previews in the admin show the page's own language, as its address would."""
        with translation.override(self.locale.language_code):
            response = super().serve_preview(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response


class TranslationPermissionTester(PagePermissionTester):
    """Nobody, superusers included, publishes a translation whose version names no
    translator: not from the editor, wagtail-localize's editor or a bulk action. Approval in
    Translation review publishes it (TranslationReviewTask); load_content publishes its
    starter translations as the system, marked as not yet checked."""

    def can_publish(self):
        from .governance import translation_is_checked

        return translation_is_checked(self.page) and super().can_publish()


class TranslationReviewTask(GroupApprovalTask):
    """The "Translation review" workflow's task: a medical translator checks a translation
    against the English and approves it, which publishes it.

    An approval is refused (and logged) while the version under review does not name who
    checked it: the page editor says so on the field (forms.py); an approval from anywhere
    else leaves the page in review. The day of the check is recorded if left empty.
    """

    def on_action(self, task_state, user, action_name, **kwargs):
        from .review import on_translation_review_action

        return on_translation_review_action(
            super().on_action, task_state, user, action_name, **kwargs
        )

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups (medical translators) check a translation against "
            "the English; approving publishes it, once it names who checked it."
        )

    class Meta:
        verbose_name = "translation review task"
        verbose_name_plural = "translation review tasks"

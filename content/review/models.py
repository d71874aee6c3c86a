from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import GroupApprovalTask, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField


@register_snippet
class Clinician(TranslatableMixin, models.Model):
    """Someone on the care team. Translatable: a Spanish page shows the Spanish role and bio;
    the name, credentials and photo stay the English entry's, and the staff account belongs
    to the English entry alone."""

    name = models.CharField(max_length=120)
    credentials = models.CharField(max_length=120, blank=True, help_text="For example: MD, FSIR")
    role = models.CharField(max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A head-and-shoulders photo, shown small and cropped to a square. Optional.",
    )
    bio = models.TextField(
        max_length=600,
        blank=True,
        help_text="Two or three plain sentences a patient would want to know, such as what "
        "this person does for them. Shown in 'Your care team' on procedure pages.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinician",
        verbose_name="staff account",
        help_text="The clinician's own account, if they review pages: when they approve a "
        "page in Clinical review, they are its reviewer.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        # Whoever is linked signs pages off in this clinician's name: only those trusted
        # with staff accounts (site administrators, superusers) set it.
        FieldPanel("user", permission="review.link_staff_account"),
    ]
    translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("credentials"),
        TranslatableField("role"),
        SynchronizedField("photo"),
        TranslatableField("bio"),
    ]
    exclude_fields_in_copy = ["user"]

    class Meta(TranslatableMixin.Meta):
        # The table it has had since it lived in the "content" app (migrations there).
        db_table = "content_clinician"
        ordering = ["name"]
        permissions = [("link_staff_account", "Can link a clinician to a staff account")]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class ClinicalReviewMixin(models.Model):
    """When a clinician last signed the page off, and when it must be checked again.

    The approval of the "Clinical review" workflow sets these (approval.py).
    """

    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="Set when a clinical reviewer approves the page in the Clinical review workflow.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="Leave as it is to use the standard interval from the day of approval, or "
        "choose a date for the next check.",
    )
    reviewed_by = models.ForeignKey(
        Clinician,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The clinician who checked this page's facts.",
    )

    class Meta:
        abstract = True

    @classmethod
    def review_panel(cls):
        return MultiFieldPanel(
            [
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review_due"),
                FieldPanel("reviewed_by"),
            ],
            heading="Clinical review",
        )

    def had_reviewer(self):
        """True if the saved page names its reviewer: a reviewed page must keep one."""
        if self.pk is None:
            return False
        saved = type(self)._base_manager.filter(pk=self.pk)
        return saved.filter(reviewed_by__isnull=False).exists()

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due < self.last_reviewed
        ):
            errors["next_review_due"] = (
                f"The next review must be on or after the last review "
                f"({self.last_reviewed:%B} {self.last_reviewed.day}, {self.last_reviewed.year})."
            )
        if self.reviewed_by_id is None and self.had_reviewer():
            errors["reviewed_by"] = "Choose the clinician who reviewed this page."
        if errors:
            raise ValidationError(errors)


class ReviewedPageQuerySet(PageQuerySet):
    def only(self, *fields):
        # Treebeard deletes a subtree through .only("path", ...): a join on a column left
        # out is refused, so the reviewer is not joined there.
        unjoined = self.select_related(None)
        return super(ReviewedPageQuerySet, unjoined).only(*fields)


class ReviewedPageManager(PageManager.from_queryset(ReviewedPageQuerySet)):
    """Fetches the reviewer with the page: the review line costs no extra query."""

    def get_queryset(self):
        return super().get_queryset().select_related("reviewed_by")


class ReviewReminder(models.Model):
    """One row per day a review reminder went out: the guard against sending twice."""

    sent_on = models.DateField(unique=True)
    recipients = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "content_reviewreminder"

    def __str__(self):
        return f"Review reminder sent on {self.sent_on}"


class ClinicalReviewTask(GroupApprovalTask):
    """The "Clinical review" workflow's task: a group approval with four eyes.

    Nobody approves what they sent for review or changed since it was last live, and an
    approved page names the clinician who reviewed it (signoff.py says who and why not).
    """

    def on_action(self, task_state, user, action_name, **kwargs):
        from .signoff import on_action

        return on_action(self, super().on_action, task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups approve, but never what they sent for review or "
            "changed themselves; an approved page names the clinician who reviewed it."
        )

    class Meta:
        verbose_name = "clinical review task"
        verbose_name_plural = "clinical review tasks"


class ClinicalSignOff(models.Model):
    """One approval in Clinical review: which version of which page, signed off by whom.

    Kept to tell a page published since its review ("changed since review") from one whose
    live version is the one a clinician approved.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(
        Clinician, null=True, on_delete=models.SET_NULL, related_name="sign_offs"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-approved_at", "-pk"]
        get_latest_by = "approved_at"

    def __str__(self):
        return f"{self.page} reviewed on {self.reviewed_on}"

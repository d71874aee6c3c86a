import logging

from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext, gettext_noop
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractEmailForm, AbstractFormField
from wagtail.models import Page
from wagtail.search import index

# The group that reads enquiries (wagtail_hooks.py): the starter content creates it, and
# only a superuser adds anyone to it (content/accounts/). Named here for load_content too.
from content.accounts.roles import REFERRAL_COORDINATORS  # noqa: F401
from content.organisation.models import ContactSettings
from content.pages.models.base import MenuTitleMixin
from content.translations.forms import TranslatedPageForm
from content.translations.models import TranslationReviewMixin

from .forms import ALREADY_SENT, EMAIL, EXPIRED, NAME, PHONE, TOO_FAST, EnquiryFormBuilder
from .rate_limit import (
    at_ceiling,
    at_rate_limit,
    ceiling_reached_response,
    count_accepted_form,
    rate_limited_response,
)
from .sending import AlreadySent, NotStored, OverCeiling, notify_staff, store

logger = logging.getLogger(__name__)

COULD_NOT_SEND = gettext_noop("We could not send this. Please call %(phone)s.")
COULD_NOT_SEND_NO_PHONE = gettext_noop("We could not send this. Please call us.")

MEDICAL_RECORDS_NOTICE = (
    "Please do not send medical records, scan results or details about your health "
    "through this form. It is not a secure way to share them. We will tell you how to "
    "send them safely when we talk."
)


def with_our_field_types(choices):
    """Wagtail's field types, with two of our own after "Email" for the sender's own details,
    so that browsers can fill them in (forms.EnquiryFormBuilder says why a type, not the
    label)."""
    after_email = [key for key, _ in choices].index(EMAIL) + 1
    ours = [(NAME, "Name of the person writing"), (PHONE, "Phone number")]
    return [*choices[:after_email], *ours, *choices[after_email:]]


class EnquiryFormField(AbstractFormField):
    page = ParentalKey("EnquiryFormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        verbose_name="field type",
        max_length=16,
        choices=with_our_field_types(FORM_FIELD_CHOICES),
        help_text=(
            "For the name, email and phone number of the person writing, choose 'Name of "
            "the person writing', 'Email' and 'Phone number': phones can then fill them in. "
            "If the form has a phone number and an email field and neither is required, "
            "people must give one of the two."
        ),
    )
    field_type.required_on_save = True  # as on AbstractFormField, for previews

    class Meta(AbstractFormField.Meta):
        # The table it has had since it lived in the "content" app (migrations there).
        db_table = "content_enquiryformfield"


class EnquiryFormPageForm(TranslatedPageForm, WagtailAdminFormPageForm):
    """The editor's checks of both: a translation names its checker before it goes live
    (TranslatedPageForm), and no two form fields share a label (Wagtail's form pages)."""


class EnquiryFormPage(TranslationReviewMixin, MenuTitleMixin, AbstractEmailForm):
    """'Ask about the procedure or refer a patient': a form staff build in the admin.

    Its translations go through translation review like every other patient page
    (content/translations/models.py): not published until a translator's check is recorded.
    """

    intro = models.TextField(blank=True, help_text="A sentence or two above the form.")
    privacy_notice = models.TextField(
        default=MEDICAL_RECORDS_NOTICE,
        help_text="Shown above the form, so that nobody sends medical records through it.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The privacy notice, linked from the form: what happens to what people send.",
    )
    thank_you_heading = models.CharField(max_length=120, default="Thank you, we got your message")
    thank_you_text = models.TextField(
        blank=True, help_text="What happens next, and when. One paragraph per line."
    )

    form_builder = EnquiryFormBuilder
    base_form_class = EnquiryFormPageForm

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        FieldPanel("privacy_notice"),
        FieldPanel("privacy_page"),
        InlinePanel("form_fields", label="Form fields"),
        MultiFieldPanel(
            [FieldPanel("thank_you_heading"), FieldPanel("thank_you_text")], "Thank-you page"
        ),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("from_address"), FieldPanel("subject")],
            "Email",
        ),
    ]
    settings_panels = AbstractEmailForm.settings_panels + [
        TranslationReviewMixin.translation_panel()
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/enquiry_form_page.html"
    landing_page_template = "pages/enquiry_form_page_landing.html"

    class Meta:
        db_table = "content_enquiryformpage"
        verbose_name = "enquiry form page"

    @property
    def meta_description(self):
        return self.search_description or self.intro

    @property
    def thank_you_paragraphs(self):
        return [line.strip() for line in self.thank_you_text.splitlines() if line.strip()]

    def get_submissions_list_view_class(self):
        from .submissions import EnquirySubmissionsListView  # the view imports form models

        return EnquirySubmissionsListView

    def recipients(self):
        addresses = self.to_address or settings.ENQUIRY_EMAIL_TO
        return [address.strip() for address in addresses.split(",") if address.strip()]

    def process_form_submission(self, form):
        """Store the submission (spending the form's token), then tell staff it came
        (sending.py: a number and a link, never what the visitor wrote)."""
        submission = store(self, form)
        notify_staff(self, submission)
        return submission

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        # Django's error reports (DEBUG pages, error emails) leave out every answer.
        request.sensitive_post_parameters = "__ALL__"
        if at_rate_limit(request):
            return rate_limited_response(request, self)
        if at_ceiling():
            return ceiling_reached_response(request, self)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if not form.is_valid():
            if any(
                error in form.non_field_errors() for error in (gettext(TOO_FAST), gettext(EXPIRED))
            ):
                form.renew_start_time()
            return self.form_again(request, form)
        # Only a form that passed its checks counts toward the limit: someone putting
        # their mistakes right is never locked out. Spam counts too: it passed them.
        if count_accepted_form(request):
            return rate_limited_response(request, self)
        if form.is_spam:
            return self.render_landing_page(request)  # calm, and nothing is kept
        try:
            submission = self.process_form_submission(form)
        except OverCeiling:
            return ceiling_reached_response(request, self)
        except AlreadySent:
            return self.form_again(request, form, gettext(ALREADY_SENT))
        except NotStored:
            return self.form_again(request, form, self.could_not_send(request))
        return self.render_landing_page(request, submission)

    def form_again(self, request, form, message=None):
        """The form with the visitor's answers, and what went wrong; a fresh token when
        sending it again could work."""
        if message:
            form.add_error(None, message)
            form.renew_start_time()
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)

    def could_not_send(self, request):
        try:
            phone = ContactSettings.for_request(request).phone
        except Exception:  # the database that failed to store it may be down
            logger.warning("Contact details unavailable for the 'could not send' message")
            phone = ""
        if not phone:
            return gettext(COULD_NOT_SEND_NO_PHONE)
        return gettext(COULD_NOT_SEND).replace("%(phone)s", phone)


class SpentFormToken(models.Model):
    """The hash of each form token that stored an enquiry: a token stores one enquiry only
    (sending.py). Rows older than the tokens' own lifetime are deleted as new ones come."""

    digest = models.CharField(max_length=64, unique=True)
    spent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"Form token spent at {self.spent_at:%Y-%m-%d %H:%M}"

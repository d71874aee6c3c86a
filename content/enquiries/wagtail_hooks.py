from wagtail import hooks

from .models import REFERRAL_COORDINATORS


@hooks.register("filter_form_submissions_for_user")
def only_coordinators_read_enquiries(user, editable_forms):
    """Enquiries hold personal details: only referral coordinators and administrators see
    them, whatever page permissions other editors have."""
    if user.is_superuser or user.groups.filter(name=REFERRAL_COORDINATORS).exists():
        return editable_forms
    return editable_forms.none()

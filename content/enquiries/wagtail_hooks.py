from wagtail import hooks
from wagtail.log_actions import LogFormatter

from content.accounts.roles import REFERRAL_COORDINATORS

from .retention import retention_panel
from .submissions import EXPORTED, VIEWED


@hooks.register("filter_form_submissions_for_user")
def only_coordinators_read_enquiries(user, editable_forms):
    """Enquiries hold personal details: only referral coordinators and administrators see
    them, whatever page permissions other editors have."""
    if user.is_superuser or user.groups.filter(name=REFERRAL_COORDINATORS).exists():
        return editable_forms
    return editable_forms.none()


@hooks.register("construct_homepage_panels")
def warn_when_old_enquiries_are_kept(request, panels):
    """Enquiries past the retention limit mean the purge is not running (retention.py): those
    who read enquiries are told on their dashboard."""
    user = request.user
    reads_enquiries = user.is_superuser or user.groups.filter(name=REFERRAL_COORDINATORS).exists()
    if reads_enquiries and (panel := retention_panel()):
        panels.insert(0, panel)


def enquiries(count):
    return f"{count} {'enquiry' if count == 1 else 'enquiries'}"


@hooks.register("register_log_actions")
def register_enquiry_access_actions(actions):
    """Who looked at the enquiries, shown under Reports → Site history (submissions.py)."""

    @actions.register_action(VIEWED)
    class Viewed(LogFormatter):
        label = "Enquiries: viewed"

        def format_message(self, log_entry):
            data = log_entry.data
            return (
                f"Viewed {data.get('rows', 0)} of {enquiries(data.get('total', 0))} "
                f"(page {data.get('page', 1)})"
            )

    @actions.register_action(EXPORTED)
    class Exported(LogFormatter):
        label = "Enquiries: exported"

        def format_message(self, log_entry):
            data = log_entry.data
            return f"Exported {enquiries(data.get('rows', 0))} as {data.get('format', '').upper()}"

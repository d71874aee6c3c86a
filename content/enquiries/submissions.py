"""The admin's list and export of enquiries: safe to open in a spreadsheet, and every
look at them written to Wagtail's audit log (Reports → Site history).

Each view of the list (or of a filtered or later page of it) and each export is logged on
the form page: who, when (the entry's time), how many enquiries they saw or took away, and
in which format. The entries are kept: content/accounts/audit.py refuses to delete them.
"""

from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.log_actions import log

VIEWED = "enquiries.viewed"
EXPORTED = "enquiries.exported"

# A cell that starts with one of these is run as a formula by spreadsheet programs
# (CSV injection). Wagtail guards its XLSX export; this guards the CSV one too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_inert_text(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class EnquirySubmissionsListView(SubmissionsListView):
    def get_preprocess_function(self, field, value, export_format):
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return as_inert_text
        return super().get_preprocess_function(field, value, export_format)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        self.log_access(context)
        return response

    def log_access(self, context):
        submissions = context["submissions"]
        filters = {
            key: values
            for key, values in self.request.GET.lists()
            if key not in {"export", "p", "page"}
        }
        if self.is_export:
            export_format = self.request.GET["export"]
            action = EXPORTED
            data = {"rows": submissions.count(), "format": export_format}
        else:
            paginator = context.get("paginator")
            page = context.get("page_obj")
            action = VIEWED
            data = {
                "rows": len(submissions),
                "total": paginator.count if paginator else len(submissions),
                "page": page.number if page else 1,
            }
        log(
            instance=self.form_page,
            action=action,
            user=self.request.user,
            data={**data, "form": self.form_page.title, "filters": filters},
        )

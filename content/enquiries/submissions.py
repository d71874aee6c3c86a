"""The admin's list and export of enquiries, safe to open in a spreadsheet."""

from wagtail.contrib.forms.views import SubmissionsListView

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

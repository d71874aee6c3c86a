"""A database that is down or unreachable answers 503, never "Something went wrong".

Pages the caches hold are still served (the page cache answers before anything reads the
database; nginx keeps serving its last copy: deploy/nginx.conf). Every other request that
fails because the database cannot be reached gets, instead of the 500 page:

- visitors: 503 with Retry-After and the static outage page (outage_page.py), with the
  phone numbers and the 911 instruction. A form that could not be sent is shown back to the
  visitor on that page, so that nothing they wrote is lost;
- staff, under /admin/: 503 and a page that says the database is unavailable and what to do.

How it knows: Django signals got_request_exception while the exception is being handled,
wherever it was raised (a view, a middleware, the 404 handler); the receiver marks the
request when the exception is the database's OperationalError or InterfaceError, and the
middleware, outermost but for the security headers, swaps the 500 for the 503.

When the database comes back, the next request reconnects (CONN_HEALTH_CHECKS): nothing
needs restarting.
"""

import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape

from . import outage_page

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# What a form holds that the visitor did not write: the CSRF token, and the enquiry form's
# honeypot and signed start time (content/enquiries/forms.py).
NOT_WRITTEN_BY_VISITOR = {"csrfmiddlewaretoken", "website", "form_started"}


@receiver(got_request_exception)
def note_database_outage(sender, request=None, **kwargs):
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        request.database_unavailable = True


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 500 and getattr(request, "database_unavailable", False):
            return outage_response(request)
        return response


def outage_response(request):
    if request.path.startswith(reverse("wagtailadmin_home")):
        html = render_to_string("operations/database_unavailable.html")
    else:
        html = outage_page.read()
        if request.method == "POST":
            html = html.replace(outage_page.WRITTEN_MARKER, what_they_wrote(request), 1)
    response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def what_they_wrote(request):
    """The visitor's answers, escaped, to copy before leaving the page."""
    answers = [
        f"{name.replace('_', ' ').capitalize()}: {value}"
        for name, values in request.POST.lists()
        if name not in NOT_WRITTEN_BY_VISITOR
        for value in values
        if value.strip()
    ]
    if not answers:
        return ""
    text = escape("\n\n".join(answers))
    return (
        '<h2 id="not-sent">What you wrote has not been sent</h2>\n'
        "<p>Copy it now, so that you can send it later or read it out when you call us.</p>\n"
        f'<textarea aria-labelledby="not-sent" readonly rows="10" cols="40">{text}</textarea>\n'
    )

"""The site's own responses that belong to no page: robots.txt and the error pages."""

import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError, QueryDict
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_GET
from wagtail.models import Site

from content.organisation.models import BrandSettings, ContactSettings

logger = logging.getLogger(__name__)


@require_GET
def robots_txt(request):
    """Let search engines in, keep them out of the admin, and name the sitemap."""
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        *(
            f"Disallow: /{code}/search/"
            for code, _ in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        ),
        f"Sitemap: {root}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def forget_body(request):
    """Make sure nothing reads the request's body again: it may be what was wrong with it (a
    form in UTF-16, malformed multipart). Django's own bad_request view is decorated with
    requires_csrf_token, which reads the body to find the token: the same error again,
    inside the error handler, is a 500."""
    request._post, request._files = QueryDict(), MultiValueDict()


def csrf_failure(request, reason=""):
    """A form sent without its security token (often an expired page): say what to do."""
    forget_body(request)
    return TemplateResponse(request, "403_csrf.html", {}, status=403)


def standalone_page(request, template, response_class):
    """An error page with the contact settings, so the phone number stays visible, that
    needs neither the database (it may be what failed) nor the Host header (it may be what
    was wrong: the site is chosen by host, so no site, page or menu is looked up)."""
    try:
        # In the language shown: the Spanish twins on Spanish pages.
        contact, brand = ContactSettings.load().localized(), BrandSettings.load().localized()
    except Exception:
        logger.exception("Contact settings unavailable while rendering the error page")
        contact = brand = None
    context = {"contact": contact, "brand": brand, "request": request}
    return response_class(loader.get_template(template).render(context))


def bad_request(request, exception=None):
    """400, for a request Django could not read (a bad Host header, a body it cannot parse).
    Never reads the body or the Host header again."""
    forget_body(request)
    return standalone_page(request, "400.html", HttpResponseBadRequest)


def server_error(request):
    """500.html with the contact settings."""
    return standalone_page(request, "500.html", HttpResponseServerError)

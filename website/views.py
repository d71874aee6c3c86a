"""The site's own responses that belong to no page: robots.txt and the error pages."""

import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
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


def csrf_failure(request, reason=""):
    """A form sent without its security token (often an expired page): say what to do."""
    return TemplateResponse(request, "403_csrf.html", {}, status=403)


def server_error(request):
    """Render 500.html with the contact settings, so the phone number stays visible.

    The database may be the thing that failed, so the page must render without it.
    """
    try:
        contact, brand = ContactSettings.load(), BrandSettings.load()
    except Exception:
        logger.exception("Contact settings unavailable while rendering the error page")
        contact = brand = None
    context = {"contact": contact, "brand": brand, "request": request}
    html = loader.get_template("500.html").render(context)
    return HttpResponseServerError(html)

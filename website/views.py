import logging

from django.http import HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)


def server_error(request):
    """Render 500.html with the contact settings, so the phone number stays visible.

    The database may be the thing that failed, so the page must render without it.
    """
    from content.models import ContactSettings

    try:
        contact = ContactSettings.load()
    except Exception:
        logger.exception("Contact settings unavailable while rendering the error page")
        contact = None
    html = loader.get_template("500.html").render({"contact": contact, "request": request})
    return HttpResponseServerError(html)

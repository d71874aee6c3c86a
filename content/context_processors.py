from django.utils.functional import SimpleLazyObject

from .models import ContactSettings


def contact(request):
    """The organisation's contact details, loaded once per request and only when used."""
    return {"contact": SimpleLazyObject(lambda: ContactSettings.load(request_or_site=request))}

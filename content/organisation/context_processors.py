from django.utils.functional import SimpleLazyObject

from .models import ContactSettings


def contact(request):
    """The organisation's contact details, loaded only when a template uses them."""
    return {"contact": SimpleLazyObject(lambda: ContactSettings.for_request(request))}

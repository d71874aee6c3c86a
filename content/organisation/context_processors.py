from django.utils.functional import SimpleLazyObject

from .models import BrandSettings, ContactSettings, FooterLinks, VisitingSettings


def organisation(request):
    """The contact details, visiting and costs, the brand and the footer's links, each
    loaded (from the cache) only when a template uses it."""
    return {
        "contact": SimpleLazyObject(lambda: ContactSettings.for_request(request)),
        "brand": SimpleLazyObject(lambda: BrandSettings.for_request(request)),
        "visiting": SimpleLazyObject(lambda: VisitingSettings.for_request(request)),
        "footer_links": SimpleLazyObject(lambda: FooterLinks.for_request(request).cached_links),
    }

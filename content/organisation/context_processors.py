from django.utils.functional import SimpleLazyObject

from .models import BrandSettings, ContactSettings, FooterLinks, VisitingSettings


def organisation(request):
    """The contact details, visiting and costs, the brand and the footer's links, each
    loaded (from the cache) only when a template uses it. Their words are in the language
    shown: the Spanish twins on Spanish pages (spanish.py)."""
    return {
        "contact": SimpleLazyObject(lambda: ContactSettings.for_request(request).localized()),
        "brand": SimpleLazyObject(lambda: BrandSettings.for_request(request).localized()),
        "visiting": SimpleLazyObject(lambda: VisitingSettings.for_request(request).localized()),
        "footer_links": SimpleLazyObject(lambda: FooterLinks.for_request(request).cached_links),
    }

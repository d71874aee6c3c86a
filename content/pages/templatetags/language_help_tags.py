"""The Language help page's address for the printed handout: free language help must be
findable from paper too (ACA Section 1557). Kept with the rendered fragments
(template_fragments, emptied on any content change), so it costs no query."""

from django import template
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Locale, Site

from ..models import LanguageHelpPage

register = template.Library()


@register.simple_tag(takes_context=True)
def language_help_link(context):
    """(title, full address) of the live Language help page in the active language, else
    the English one, or None when there is none."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    language = translation.get_language()
    rendered = caches["template_fragments"]
    key = f"language-help:{site.pk if site else ''}:{language}"
    found = rendered.get(key)
    if found is None:
        pages = LanguageHelpPage.objects.live().public().order_by("path")
        page = (
            pages.filter(locale__language_code=language).first()
            or pages.filter(locale=Locale.get_default()).first()
        )
        found = (page.title, page.get_full_url(request)) if page else ()
        rendered.set(key, found)
    return found or None

from django import template
from django.utils.safestring import mark_safe

from content.pages.citations import link_citations

register = template.Library()


@register.filter
def linked_citations(html, sections):
    """Link "(Author Year)" citations in the rendered sections to the references section."""
    references = next((s.body for s in sections if s.anchor == "references"), None)
    if not references:
        return html
    return mark_safe(link_citations(str(html), references))  # noqa: S308 (our own markup)

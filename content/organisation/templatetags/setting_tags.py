from django import template
from django.utils.html import conditional_escape, format_html

register = template.Library()


@register.filter
def lang_marked(text):
    """A setting's words, escaped, and in <span lang="en"> when they are English shown on a
    page in another language (the Spanish was left empty): screen readers then pronounce
    them as English. For text in an element; in an attribute or the <title>, use the words
    as they are."""
    lang = getattr(text, "lang", "")
    if lang:
        return format_html('<span lang="{}">{}</span>', lang, text)
    return conditional_escape(text)

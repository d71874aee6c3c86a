from django import template

from content.organisation.views import brand_css_url

register = template.Library()


@register.simple_tag(takes_context=True)
def brand_stylesheet_url(context):
    return brand_css_url(context["request"])

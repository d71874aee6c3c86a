from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def site_navigation(context):
    """The site root's live children that editors have put in menus."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = site.root_page.get_children().live().in_menu() if site else []
    return {"items": items, "request": request, "current": context.get("page")}

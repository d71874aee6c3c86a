"""sitemap.xml with every language's pages, each listing its versions in the other
languages (hreflang, with x-default): the same alternates as the pages' own <head>."""

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from .alternates import hreflang_links, versions_of


class MultilingualSitemap(Sitemap):
    def items(self):
        """Live, public pages below the site's home page in each language."""
        site = self.get_wagtail_site()
        homes = site.root_page.get_translations(inclusive=True).live()
        pages = Page.objects.none()
        for home in homes:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = []
        for item in self.paginator.page(page).object_list:
            links = hreflang_links(versions_of(item, self.request))
            alternates = [{"lang_code": code, "location": location} for code, location in links]
            for url_info in item.get_sitemap_urls(self.request):
                urls.append({**url_info, "alternates": alternates})
        last_mods = {url.get("lastmod") for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": MultilingualSitemap})

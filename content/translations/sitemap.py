from wagtail.contrib.sitemaps.views import sitemap  # noqa: F401

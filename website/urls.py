from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content.organisation.views import brand_css
from content.pictures.views import share_image
from content.search.views import search
from content.translations.sitemap import sitemap
from website import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("brand.css", brand_css, name="brand_css"),
    path("share/<int:page_id>/<slug:version>.png", share_image, name="share_image"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# What visitors read, in their language: English at today's addresses (/star-procedure/),
# Spanish under /es/ (/es/search/, /es/...). Only the URL chooses the language
# (content/translations/middleware.py).
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "content.translations.views.page_not_found"
handler400 = "website.views.bad_request"
handler500 = "website.views.server_error"

"""Choose the language from the URL only.

Django's LocaleMiddleware reads the Accept-Language header and the language cookie for
addresses without a language prefix, and adds `Vary: Accept-Language` to them, which would
split the page cache and nginx's micro-cache by every spelling of that header. Here the
path alone decides: "/es/..." is Spanish, everything else English. Nothing redirects.
"""

from django.utils import translation

from .languages import language_from_path


class UrlLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_from_path(request.path_info)
        # The page cache's key carries the language (django.utils.cache reads this).
        request.LANGUAGE_CODE = language
        # override(), not activate(): the thread goes back to the default language after the
        # response, so nothing run outside a request (a task, a test) inherits Spanish.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response

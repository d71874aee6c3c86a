"""A path holding a NUL character names no page: 404, before anything looks it up.

PostgreSQL refuses NUL in text, so routing, redirects and the remembered routes would each
fail on such a path with a 500 (SQLite only finds nothing). Browsers never send one; only
scanners do.
"""

from django.http import HttpResponseNotFound


class NulInPathMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseNotFound("Not found\n", content_type="text/plain; charset=utf-8")
        return self.get_response(request)

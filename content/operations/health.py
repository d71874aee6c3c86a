"""/healthz and /readyz, for load balancers and uptime monitors (README, "Health checks").

- /healthz: the process is alive and answering. It touches nothing else.
- /readyz: this server can do its work: the database takes a write (rolled back), every
  cache keeps a key, and media storage takes a file. 200 or 503.

Both answer before any other middleware (no HTTPS redirect, no host check, no session, no
page cache), are never cached, and say only "ok", "ready" or "not ready": what failed is
written to the log, never to whoever asked.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)


def database_takes_a_write():
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE django_migrations SET app = app "
            "WHERE id = (SELECT MIN(id) FROM django_migrations)"
        )
        transaction.set_rollback(True)


def caches_keep_a_key():
    for alias in settings.CACHES:
        cache = caches[alias]
        if hasattr(cache, "check"):  # content/serving/cache_backends.py: raises, not skips
            cache.check()
        else:
            key = f"readyz:{uuid.uuid4().hex}"
            cache.set(key, "ok", 30)
            if cache.get(key) != "ok":
                raise OSError(f"Cache {alias!r} did not keep what was written")
            cache.delete(key)


def media_takes_a_file():
    name = default_storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


CHECKS = {
    "database": database_takes_a_write,
    "cache": caches_keep_a_key,
    "media": media_takes_a_file,
}


def failed_checks():
    failed = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:
            logger.warning("Readiness check %r failed: %s: %s", name, type(error).__name__, error)
            failed.append(name)
    return failed


def plain(text, status=200):
    response = HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """First in MIDDLEWARE: answers /healthz and /readyz before anything else runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return plain("ok")
        if request.path_info == "/readyz":
            return plain("not ready", 503) if failed_checks() else plain("ready")
        return self.get_response(request)

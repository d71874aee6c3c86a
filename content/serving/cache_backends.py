"""Cache backends that fail soft: a cache that cannot be read or written is a slower site,
never a broken one.

The shared caches (settings.CACHES) are Django's own file and Redis backends with one
difference: when the cache fails (its folder unwritable or full, Redis down or timing out),
reads miss, writes are dropped and the request goes on as if nothing were cached. The
failure is logged as one WARNING a minute at most, per process, naming the cache and the
kind of error (never a key: keys can hold a visitor's path). After a failure the cache is
left alone for RETRY_SECONDS, so a Redis that times out costs one timeout, not one per
lookup.

An emptying (`clear`) that fails is remembered and done first once the cache answers again:
otherwise pages cached before a publish could come back when the cache does.

`check()` is for /readyz: it writes, reads and deletes a key, and raises what it meets.
"""

import logging
import pickle
import threading
import time
import zlib

from django.core.cache.backends import filebased, redis

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
WARNING_INTERVAL_SECONDS = 60
MISSING = object()


class Warnings:
    """At most one WARNING per interval for the whole process; the rest are counted."""

    def __init__(self, interval=WARNING_INTERVAL_SECONDS):
        self.interval = interval
        self.last = None
        self.suppressed = 0
        self.lock = threading.Lock()

    def warn(self, alias, error):
        with self.lock:
            now = time.monotonic()
            if self.last is not None and now - self.last < self.interval:
                self.suppressed += 1
                return
            suppressed, self.suppressed, self.last = self.suppressed, 0, now
        more = f" ({suppressed} more cache errors since the last warning)" if suppressed else ""
        logger.warning(
            "Cache %r unavailable (%s): pages are served without it%s",
            alias,
            type(error).__name__,
            more,
        )


warnings = Warnings()


class FailSoft:
    """Mixed into a Django cache backend, before it: every operation fails soft."""

    errors = (OSError,)

    def __init__(self, location, params):
        self.alias = params.get("ALIAS", "cache")  # settings.py names each cache
        self.down_until = 0.0
        self.clear_pending = False
        self.inside = False  # each thread has its own backend object (django.core.cache)
        try:
            super().__init__(location, params)
        except self.errors as error:
            # Django's file cache makes its folder as it starts (every request's first use
            # of the cache): a folder that cannot be made is tried again at the first write.
            self.down_until = time.monotonic() + RETRY_SECONDS
            warnings.warn(self.alias, error)

    def _run(self, operation, fallback, *args, **kwargs):
        if self.inside:  # Django's add() calls set(): the outer operation handles errors
            return getattr(super(), operation)(*args, **kwargs)
        if time.monotonic() < self.down_until:
            if operation == "clear":
                self.clear_pending = True
            return fallback
        self.inside = True
        try:
            if self.clear_pending and operation != "clear":
                super().clear()
                self.clear_pending = False
            return getattr(super(), operation)(*args, **kwargs)
        except self.errors as error:
            self.down_until = time.monotonic() + RETRY_SECONDS
            if operation == "clear":
                self.clear_pending = True
            warnings.warn(self.alias, error)
            return fallback
        finally:
            self.inside = False

    def get(self, key, default=None, version=None):
        return self._run("get", default, key, default, version=version)

    def add(self, key, value, timeout=filebased.DEFAULT_TIMEOUT, version=None):
        return self._run("add", False, key, value, timeout, version=version)

    def set(self, key, value, timeout=filebased.DEFAULT_TIMEOUT, version=None):
        return self._run("set", None, key, value, timeout, version=version)

    def touch(self, key, timeout=filebased.DEFAULT_TIMEOUT, version=None):
        return self._run("touch", False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._run("delete", False, key, version=version)

    def has_key(self, key, version=None):
        return self._run("has_key", False, key, version=version)

    def get_many(self, keys, version=None):
        return self._run("get_many", {}, keys, version=version)

    def set_many(self, data, timeout=filebased.DEFAULT_TIMEOUT, version=None):
        return self._run("set_many", list(data), data, timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._run("delete_many", None, keys, version=version)

    def clear(self):
        return self._run("clear", None)

    def incr(self, key, delta=1, version=None):
        """A counter the cache cannot keep is a missing one (ValueError), as for a key that
        expired: callers start counting again."""
        value = self._run("incr", MISSING, key, delta, version=version)
        if value is MISSING:
            raise ValueError(f"Key {key!r} not found (cache unavailable)")
        return value

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version=version)

    def check(self):
        """Write, read back and delete a key; raise whatever the cache raises."""
        key = f"readyz:{time.time_ns()}"
        super().set(key, "ok", 30)
        found = super().get(key)
        super().delete(key)
        if found != "ok":
            raise OSError(f"Cache {self.alias!r} did not keep what was written")


class FileBasedCache(FailSoft, filebased.FileBasedCache):
    # A file half-written by a full disk can fail to unpickle or to decompress.
    errors = (OSError, EOFError, pickle.UnpicklingError, zlib.error)


class RedisCache(FailSoft, redis.RedisCache):
    @property
    def errors(self):
        import redis as redis_py

        return (OSError, redis_py.RedisError)

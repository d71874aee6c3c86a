"""gunicorn settings for production: `gunicorn website.wsgi` reads this file from here.

Every value can be overridden by an environment variable (see README.md, "Speed").
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: pages render in a few milliseconds and the page cache serves most requests,
# so one process per core (plus one) keeps both cores busy without threads.
workers = int(os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) + 1)))
# A request that takes longer than this is stuck (a slow database): restart the worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle each worker after a while, at staggered times, so a slow leak never builds up
# and the workers never all restart at once. Not too often: a cached page takes under a
# millisecond, and at 10,000 requests workers restarted every few seconds under load,
# each restart a spike in latency (make bench, p99).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "10000"))
# Load Django once, before forking: faster starts and shared memory.
preload_app = True
# The heartbeat file on a memory file system, so a slow disk cannot get workers killed.
SHARED_MEMORY = "/dev/shm"  # noqa: S108 (gunicorn only writes its heartbeat file there)
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None
# Which proxies may set X-Forwarded-*: the local one by default.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Errors to stderr; an access log only when asked (the proxy in front usually keeps one).
errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None

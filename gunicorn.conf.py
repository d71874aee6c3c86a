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
# gunicorn's control socket (for `gunicornc`) is by default one path per user account
# (~/.gunicorn/gunicorn.ctl, or $XDG_RUNTIME_DIR/gunicorn.ctl): a second instance under the
# same account (another site, make serve-prod beside a deploy) would take it over, and
# gunicornc would steer the wrong server. Off, unless GUNICORN_CONTROL_SOCKET names a path in
# this instance's own runtime folder (/run/star/gunicorn.ctl); only its owner may use it.
CONTROL_SOCKET = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
if CONTROL_SOCKET:
    control_socket = CONTROL_SOCKET
    control_socket_mode = 0o600
else:
    control_socket_disable = True

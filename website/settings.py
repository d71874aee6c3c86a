"""Settings for the STAR spine tumor site.

One module, driven by environment variables. With none set, the site runs locally on
SQLite with DEBUG on. `DJANGO_ENV=production` turns DEBUG off and requires a secret key
and allowed hosts; see README.md for every variable.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def required(name):
    value = env(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set when DJANGO_ENV=production. See README.md, 'Configuration'."
        )
    return value


PRODUCTION = env("DJANGO_ENV", "development").strip().lower() == "production"
DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)

if PRODUCTION:
    SECRET_KEY = required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or [required("DJANGO_ALLOWED_HOSTS")]
else:
    # Development only: production refuses to start without DJANGO_SECRET_KEY.
    SECRET_KEY = env(
        "DJANGO_SECRET_KEY", "django-insecure-local-development-key-not-for-production"
    )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# What editors edit, one app per capability (see content/__init__.py and README.md,
# "Architecture"). Listed from the top layer down: templates and static files of an app
# higher up override those of the apps below it.
INSTALLED_APPS = [
    "content.sign_in",
    "content.starter",
    "content.search",
    "content.enquiries",
    "content.pages",
    "content.review",
    "content.glossary",
    "content.translations",
    "content.plain_language",
    "content.pictures",
    "content.operations",
    "content.organisation",
    "content.serving",
    "content.accounts",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    # Translating pages and snippets (Spanish), and the Locales admin, replacing Wagtail's own.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app, with the users and groups admin of content.accounts.
    "content.accounts.apps.StaffUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (see "Security").
    "website.headers.ContentSecurityPolicyMiddleware",
    "website.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL (/es/...) and nothing else: never a header or cookie.
    "content.translations.middleware.UrlLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signing in (content/sign_in/middleware.py): the admin's networks, session limits, and
    # the second factor, in that order.
    "content.sign_in.middleware.AdminNetworkMiddleware",
    "content.sign_in.middleware.StaffSessionMiddleware",
    "content.sign_in.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns django-axes' lockout into the "Sign-in locked" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "content.organisation.context_processors.organisation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        # A connection that broke while the database was away is replaced at the next
        # request: the site recovers by itself when the database comes back.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that cannot be reached answers within seconds (the 503 page), rather than
    # holding the worker until gunicorn kills it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(env("DATABASE_CONNECT_TIMEOUT", "5"))
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHES: see 'Serving fast' at the end.

# Staff passwords: at least 12 characters, not on the common-password list. The admin's
# forms, password reset and `ensure_superuser` all apply these.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Signing in (content/sign_in/, README "Signing in and security").
# Login lockout (django-axes): LOGIN_FAILURE_LIMIT failed attempts for one username, or from
# one address, lock sign-in for LOGIN_LOCKOUT_MINUTES. The address is the trusted client
# address (X-Forwarded-For only behind our own proxy). Attempts are not forgotten on a
# successful sign-in: that would let anyone with an account of their own reset the count
# for their address between guesses.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "content.sign_in.network.client_address"
AXES_LOCKOUT_CALLABLE = "content.sign_in.lockout.locked_out_response"
AXES_ENABLE_ADMIN = False  # no Django admin here: Settings → Sign-in lockouts instead
AXES_VERBOSE = False  # no banner on every command; lockouts are logged by content.sign_in

# A second factor (django-otp: an authenticator app, and recovery codes) for every staff
# account. Always on in production; off by default elsewhere, DJANGO_TWO_FACTOR=1 turns it on.
TWO_FACTOR_REQUIRED = env_bool("DJANGO_TWO_FACTOR", default=PRODUCTION)
if PRODUCTION and not TWO_FACTOR_REQUIRED:
    raise ImproperlyConfigured(
        "DJANGO_TWO_FACTOR cannot be turned off when DJANGO_ENV=production. See README.md."
    )
OTP_TOTP_ISSUER = env("WAGTAIL_SITE_NAME", "Spine Tumor Program")

# Staff sessions end SESSION_IDLE_MINUTES after the last request and SESSION_MAX_HOURS after
# signing in (content/sign_in/middleware.py); the cookie lasts no longer than that either.
SESSION_IDLE_SECONDS = int(float(env("SESSION_IDLE_MINUTES", "30")) * 60)
SESSION_MAX_SECONDS = int(float(env("SESSION_MAX_HOURS", "10")) * 3600)
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS


def admin_networks(name):
    """ADMIN_ALLOWED_NETWORKS as CIDRs; a value that is not one stops the process."""
    networks = env_list(name)
    try:
        return [str(ipaddress.ip_network(network, strict=False)) for network in networks]
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {error}. Use CIDRs such as 10.20.0.0/16.") from None


# Outside these networks /admin/ answers 404 (empty: reachable from anywhere). nginx applies
# the same list (deploy/render-nginx-conf).
ADMIN_ALLOWED_NETWORKS = admin_networks("ADMIN_ALLOWED_NETWORKS")

# Languages (content/translations/, README "Languages and translation"). English keeps
# today's addresses; Spanish lives under /es/. Each language is named in itself.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# A translation made in the admin starts as a draft, whatever the English page's state: a
# Spanish page goes live only once a medical translator has checked it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
TIME_ZONE = env("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Email: SMTP when EMAIL_HOST is set, or the backend EMAIL_BACKEND names; otherwise the
# console, in development only. Production refuses to start with a backend that delivers
# nothing: the console's would write every password-reset link to the process log.
EMAIL_HOST = env("EMAIL_HOST", "")
EMAIL_BACKEND = env("EMAIL_BACKEND", "").strip() or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
if EMAIL_HOST:
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
# A mail server that hangs must not hold a worker until gunicorn kills it.
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
UNDELIVERED_EMAIL_BACKENDS = {
    f"django.core.mail.backends.{name}.EmailBackend"
    for name in ("console", "filebased", "locmem", "dummy")
}
if PRODUCTION and EMAIL_BACKEND in UNDELIVERED_EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        "EMAIL_HOST (or EMAIL_BACKEND, naming a backend that delivers) must be set when "
        f"DJANGO_ENV=production; {EMAIL_BACKEND} delivers nothing. See README.md."
    )
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "spine-tumor-program@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Spine Tumor Program")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000").strip()


def admin_base_url_problem(url):
    """Why WAGTAILADMIN_BASE_URL will not do in production (emails link to it), or None.
    Plain http is allowed only for a loopback address with DJANGO_ALLOW_HTTP=1 (a laptop)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return None
    loopback = parts.hostname in {"127.0.0.1", "localhost", "::1"}
    if parts.scheme == "http" and loopback and env_bool("DJANGO_ALLOW_HTTP"):
        return None
    return (
        f"WAGTAILADMIN_BASE_URL must be an https:// address when DJANGO_ENV=production, not {url!r}"
    )


if PRODUCTION and (problem := admin_base_url_problem(env("WAGTAILADMIN_BASE_URL", "").strip())):
    raise ImproperlyConfigured(f"{problem}. See README.md, 'Configuration'.")
# Stemmed search that ignores accents, so that "walking" finds "walk" and "cancer" finds
# "cáncer": PostgreSQL through the "english_unaccent" configuration that migration
# content/search/migrations/0003 creates; SQLite through the porter tokenizer that migration
# 0001 gives the index's FTS5 table (SQLite's backend takes no options, ignoring this one).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "english_unaccent",
    }
}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpeg"}
# SVG for illustrations and logos: shown only through <img>, and refused on upload if it
# holds script (content/pictures/svg.py).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "content.pictures.forms.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024  # Wagtail's default, said out loud
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security: the same headers in every mode; HTTPS enforcement in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail lifts it to same-origin for its preview views.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"  # Django's default, said out loud: no session on cross-site POSTs
CSRF_COOKIE_HTTPONLY = True  # the admin takes its token from the page, never the cookie
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp, website/headers.py). Public pages: nothing inline,
# nothing from another origin (JSON-LD blocks are data, not script, so they need nothing).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail 7.4's admin: the strictest policy it works under, the public one plus what
# tests/browser/test_csp_admin.py finds each admin page needs. Its panels and date widgets
# write inline <script>s, its focal-point cropper inline event handlers, its editor <style>
# elements ('unsafe-inline': their content varies, so no hash or nonce can name them); its
# multiple upload previews images from blob: addresses and its tag suggestions are drawn with
# data: images. Previews of pages are public pages, under the public policy (headers.py).
ADMIN_PATH_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY = None
# Permissions-Policy: every powerful feature off, for every page and the admin.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "browsing-topics",
        "camera", "display-capture", "encrypted-media", "gamepad", "geolocation", "gyroscope",
        "hid", "idle-detection", "local-fonts", "magnetometer", "microphone", "midi",
        "payment", "picture-in-picture", "screen-wake-lock", "serial", "usb",
        "xr-spatial-tracking",
    )
}  # fmt: skip

if PRODUCTION:
    # DJANGO_ALLOW_HTTP=1 is for running the production build on a laptop over plain
    # http (make serve-prod); never set it on a public server.
    ALLOW_HTTP = env_bool("DJANGO_ALLOW_HTTP")
    SECURE_SSL_REDIRECT = not ALLOW_HTTP
    SESSION_COOKIE_SECURE = not ALLOW_HTTP
    CSRF_COOKIE_SECURE = not ALLOW_HTTP
    SECURE_HSTS_SECONDS = 0 if ALLOW_HTTP else int(env("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("DJANGO_BEHIND_PROXY"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"bad_host": {"()": "website.log_filters.BadHostFilter"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # A bad Host header: one line at WARNING, no traceback (website/log_filters.py).
        "django.security.DisallowedHost": {"level": "WARNING", "filters": ["bad_host"]},
        # Wagtail runs its search-index and reference-index updates as tasks; two lines
        # per save is noise, not news.
        "django_tasks": {"level": "WARNING"},
        # django-axes masks usernames and addresses in its lines; content.sign_in logs the
        # lockouts with both.
        "axes": {"level": "WARNING"},
    },
}

# Staff avatars would otherwise be fetched from a third party on every admin page.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Clinical review (content/review/): months from a clinical approval to the next review.
CLINICAL_REVIEW_INTERVAL_MONTHS = int(env("CLINICAL_REVIEW_INTERVAL_MONTHS", "12"))
# An approved clinical review records its dates, then publishes (reviewers hold no publish
# permission of their own: the approval is the permission). An approved Translation review
# publishes without recording a clinical review (content/pages/workflow.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "content.pages.workflow.finish_workflow"
# Moderation emails (submitted, approved, changes requested) go through EMAIL_BACKEND above.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env(
    "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL
)
# Behind a reverse proxy (DJANGO_BEHIND_PROXY=1), the visitor's address is the last entry
# of X-Forwarded-For; otherwise that header is ignored, since anyone can send it.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")

# The enquiry form (content/enquiries/): where enquiries go when the page has no
# address of its own, length limits, spam protection and data retention.
ENQUIRY_EMAIL_TO = env("ENQUIRY_EMAIL_TO", "spine-tumor-program@example.org")
ENQUIRY_FIELD_MAX_LENGTH = 200
ENQUIRY_MESSAGE_MAX_LENGTH = int(env("ENQUIRY_MESSAGE_MAX_LENGTH", "3000"))
ENQUIRY_MIN_SECONDS = int(env("ENQUIRY_MIN_SECONDS", "3"))
ENQUIRY_FORM_MAX_AGE_SECONDS = 24 * 60 * 60
ENQUIRY_RATE_LIMIT = int(env("ENQUIRY_RATE_LIMIT", "10"))
ENQUIRY_RATE_LIMIT_WINDOW_SECONDS = int(env("ENQUIRY_RATE_LIMIT_WINDOW_SECONDS", "3600"))
# Enquiries the whole site stores in one clock hour, against a flood from many addresses.
ENQUIRY_SITE_LIMIT_PER_HOUR = int(env("ENQUIRY_SITE_LIMIT_PER_HOUR", "50"))
FORM_SUBMISSION_RETENTION_DAYS = int(env("FORM_SUBMISSION_RETENTION_DAYS", "180"))

# A form posted without its CSRF token gets a page that says what to do, with the phone.
CSRF_FAILURE_VIEW = "website.views.csrf_failure"

# Which medical words the plain-language check counts as explained: the live glossary's.
# Named here because the glossary app sits above plain_language (its page uses the check).
PLAIN_LANGUAGE_GLOSSARY = "content.glossary.terms.current_glossary"

# Site search: longer queries are refused with a message rather than run.
SEARCH_QUERY_MAX_LENGTH = 100
SEARCH_RESULTS_PER_PAGE = 10

# --- Serving fast: caches, the page cache, compression, CDN headers (see README, "Speed") ---

# Production runs several gunicorn workers: they must share one cache, or a publish would
# clear only the worker that handled it. A directory on local disk is shared by every worker
# on the machine; with several machines, set CACHE_URL (Redis, below).
CACHE_DIR = env("DJANGO_CACHE_DIR", "")
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "86400"))  # publishing clears it anyway


# The caches hold pickled objects (contact details, the glossary, menu items, routes). Raise
# this when their classes move or change shape: entries written before are then never read,
# where unpickling them would fail on every request until the cache was emptied by hand.
# 2: the models and modules moved into one app per capability.
CACHE_VERSION = 2


# CACHE_URL=redis://host:6379/0 puts the caches in Redis instead (Django's own Redis backend),
# shared by several machines: default in database 0 (the number given), pages in the next and
# fragments in the one after, since emptying a cache empties its whole Redis database.
CACHE_URL = env("CACHE_URL", "").strip()
# Shared caches fail soft (content/serving/cache_backends.py): a cache that cannot be written
# or reached is skipped, with at most one WARNING a minute, never a 500.
REDIS_DATABASE_OFFSETS = {"default": 0, "pages": 1, "fragments": 2}


def redis_location(url, name):
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss"}:
        raise ImproperlyConfigured("CACHE_URL must start with redis:// or rediss://.")
    number = int(parts.path.strip("/") or 0) + REDIS_DATABASE_OFFSETS[name]
    return parts._replace(path=f"/{number}").geturl()


def cache_backend(name, **options):
    if CACHE_URL:
        options.pop("OPTIONS", None)  # Redis expires and evicts by itself
        return {
            "BACKEND": "content.serving.cache_backends.RedisCache",
            "LOCATION": redis_location(CACHE_URL, name),
            "VERSION": CACHE_VERSION,
            "ALIAS": name,
            # A Redis that is down or unreachable is noticed in a second, not a minute.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            **options,
        }
    if CACHE_DIR or PRODUCTION:
        directory = Path(CACHE_DIR or BASE_DIR / ".cache") / name
        return {
            "BACKEND": "content.serving.cache_backends.FileBasedCache",
            "LOCATION": str(directory),
            "VERSION": CACHE_VERSION,
            "ALIAS": name,
            **options,
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"star-{name}",
        "VERSION": CACHE_VERSION,
        **options,
    }


CACHES = {
    "default": cache_backend("default"),
    # Whole pages for anonymous visitors; a bounded number, the oldest culled first.
    "pages": cache_backend(
        "pages", TIMEOUT=PAGE_CACHE_SECONDS, OPTIONS={"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 4}
    ),
    # Rendered page sections ({% wagtailpagecache %}), keyed by page revision; emptied with
    # the page cache (content/serving/signals.py), since they show other pages' links and snippets.
    "template_fragments": cache_backend(
        "fragments", TIMEOUT=PAGE_CACHE_SECONDS, OPTIONS={"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 4}
    ),
}

INSTALLED_APPS += ["wagtailcache"]
WAGTAIL_CACHE = env_bool("WAGTAIL_CACHE", default=True)
WAGTAIL_CACHE_BACKEND = "pages"
# Which responses may be stored is decided in content/serving/page_cache.py.

# Public pages: browsers keep them briefly, a CDN longer, and both may show the old copy
# while fetching a new one, or while the site is down.
PAGE_BROWSER_MAX_AGE = int(env("PAGE_BROWSER_MAX_AGE", "60"))
PAGE_CDN_MAX_AGE = int(env("PAGE_CDN_MAX_AGE", "300"))
PAGE_STALE_WHILE_REVALIDATE = int(env("PAGE_STALE_WHILE_REVALIDATE", "60"))
PAGE_STALE_IF_ERROR = int(env("PAGE_STALE_IF_ERROR", "86400"))
# nginx's micro-cache in front (deploy/nginx.conf), which nothing purges: keep it short. At
# most this many seconds (content/serving/page_cache.py).
PAGE_PROXY_MAX_AGE = int(env("PAGE_PROXY_MAX_AGE", "1"))


def insert_middleware(before, *names):
    index = MIDDLEWARE.index(before)
    MIDDLEWARE[index:index] = list(names)


# Order matters. Outermost: the public Cache-Control header, then wagtail-cache storing the
# finished (compressed, cookie-checked) response, then compression. Innermost: the cache
# lookup, after authentication, so logged-in users never get a stored page.
insert_middleware(
    "django.contrib.sessions.middleware.SessionMiddleware",
    "content.serving.page_cache.PublicCacheHeadersMiddleware",
    "content.serving.page_cache.UpdateCacheMiddleware",
    "content.serving.page_cache.SharedOnlyGZipMiddleware",
)
MIDDLEWARE += [
    "content.serving.page_cache.FetchFromCacheMiddleware",
    # Pages the page cache did not answer: routing from a remembered route (one query).
    "content.serving.routing.RememberedRouteMiddleware",
]

# Purging a CDN when content changes (wagtail.contrib.frontend_cache's backends, called by
# content/serving/signals.py for every live page): off unless configured.
FRONTEND_CACHE = env("FRONTEND_CACHE", "").strip().lower()
WAGTAILFRONTENDCACHE = {}


def frontend_cache_setting(name):
    value = env(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when FRONTEND_CACHE={FRONTEND_CACHE}.")
    return value


if FRONTEND_CACHE == "http":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": frontend_cache_setting("FRONTEND_CACHE_LOCATION"),
        }
    }
elif FRONTEND_CACHE == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": frontend_cache_setting("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": frontend_cache_setting("CLOUDFLARE_ZONE_ID"),
        }
    }
elif FRONTEND_CACHE:
    raise ImproperlyConfigured("FRONTEND_CACHE must be 'http', 'cloudflare' or empty.")

# --- Operations: health checks, database outages, backups (content/operations/, README) ---

# /healthz and /readyz answer first, before the HTTPS redirect and the host check, so a load
# balancer can ask over plain http by address. Just inside the security headers, a database
# that cannot be reached turns the 500 into a 503 with the outage page.
MIDDLEWARE.insert(0, "content.operations.health.HealthCheckMiddleware")
insert_middleware(
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "content.operations.outage.DatabaseOutageMiddleware",
    # PostgreSQL refuses NUL in text: such a path is a 404 before anything looks it up.
    "content.serving.paths.NulInPathMiddleware",
)
# The static outage page with the phone numbers (manage.py render_outage_page), which nginx
# also serves for its own 502, 503 and 504 (deploy/render-nginx-conf).
OUTAGE_DIR = Path(env("DJANGO_OUTAGE_DIR", str(Path(CACHE_DIR or BASE_DIR / ".cache") / "outage")))
OUTAGE_RETRY_AFTER_SECONDS = int(env("OUTAGE_RETRY_AFTER_SECONDS", "30"))
# manage.py backup writes here by default; manage.py restore empties nginx's page cache too.
BACKUP_DIR = Path(env("BACKUP_DIR", str(BASE_DIR / "backups")))
NGINX_CACHE_DIR = env(
    "NGINX_CACHE_DIR", str(Path(CACHE_DIR or BASE_DIR / ".cache") / "nginx" / "pages")
)

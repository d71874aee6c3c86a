# The README's commands. Only python3 (3.11+) and make are assumed.
PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test install install-test chromium nginx postgresql redis lint format serve-prod bench clean messages

## make run: install, migrate, load the starter content, serve on http://127.0.0.1:$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_content
	$(PY) manage.py ensure_superuser
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: install the test tools, Chromium, nginx, PostgreSQL and Redis, lint, then run
## every test twice at the same time: on SQLite (shown as it runs) and on PostgreSQL in a
## throwaway cluster (tests/postgres.py; its output follows, and stays in test-results/).
test: install-test chromium nginx postgresql redis
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@mkdir -p test-results
	@$(PY) -m pytest -p tests.postgres -p no:cacheprovider >test-results/pytest-postgresql.log 2>&1 & \
	postgresql=$$!; trap 'kill $$postgresql 2>/dev/null' INT TERM; \
	echo "== Tests on SQLite (the same tests run on PostgreSQL meanwhile: see below)"; \
	$(VENV)/bin/pytest; sqlite=$$?; \
	wait $$postgresql; postgres=$$?; \
	echo "== Tests on PostgreSQL (test-results/pytest-postgresql.log)"; \
	cat test-results/pytest-postgresql.log; \
	[ $$sqlite -eq 0 ] && [ $$postgres -eq 0 ]

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --inexact keeps uv itself, which lives in the same virtual environment. --compile-bytecode
# (2 s): where PYTHONDONTWRITEBYTECODE is set, as on CI, every process (each gunicorn and
# manage.py the tests start) would otherwise compile Django and Wagtail again, about 1 s each.
install: $(UV)
	$(UV) sync --locked --inexact --no-dev --compile-bytecode

install-test: $(UV)
	$(UV) sync --locked --inexact --compile-bytecode

# Browser tests drive Debian's Chromium; Playwright's own download is the fallback.
chromium: install-test
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else $(VENV)/bin/playwright install chromium; fi

## make messages: compile the site's own words in Spanish (locale/es/LC_MESSAGES/django.po)
## to the .mo Django reads, with polib; commit both. (To collect new words from the
## templates, `manage.py makemessages -l es` needs GNU gettext, for developers only.)
messages: install
	$(PY) manage.py compile_translations

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make serve-prod: the production configuration (nginx's micro-cache in front of gunicorn,
## WhiteNoise, Django's page cache) on loopback over plain http, with SQLite. Not for a
## public server.
## ADMIN_ALLOWED_NETWORKS, when set, limits /admin/ in nginx's configuration and in Django.
## The second factor is on, as in production: have an authenticator app ready.
PROD_ENV = DJANGO_ENV=production DJANGO_ALLOW_HTTP=1 DJANGO_BEHIND_PROXY=1 \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DJANGO_OUTAGE_DIR=$(OUTAGE_DIR) NGINX_CACHE_DIR=$(NGINX_DIR)/pages \
	WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:$(PORT)} \
	EMAIL_HOST=$${EMAIL_HOST:-localhost} EMAIL_PORT=$${EMAIL_PORT:-25} \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}
NGINX_DIR = $(abspath $(or $(DJANGO_CACHE_DIR),.cache))/nginx
MEDIA_DIR = $(abspath $(or $(DJANGO_MEDIA_ROOT),media))
# The outage page (phone numbers, 911) for Django's 503 and nginx's own 502/503/504.
OUTAGE_DIR = $(abspath $(or $(DJANGO_OUTAGE_DIR),$(or $(DJANGO_CACHE_DIR),.cache)/outage))
# Started by root, nginx's workers would otherwise become "nobody", locked out of these files.
NGINX_USER = $(if $(filter 0,$(shell id -u)),user root;)
serve-prod: install nginx
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(PROD_ENV) $(PY) manage.py migrate --noinput -v 0
	$(PROD_ENV) $(PY) manage.py load_content -v 0
	$(PROD_ENV) $(PY) manage.py render_outage_page -v 0
	$(PROD_ENV) $(PY) manage.py clear_wagtail_cache
	rm -rf $(NGINX_DIR) && mkdir -p $(NGINX_DIR)
	ADMIN_ALLOWED_NETWORKS="$(ADMIN_ALLOWED_NETWORKS)" DJANGO_OUTAGE_DIR=$(OUTAGE_DIR) \
		deploy/render-nginx-conf 127.0.0.1:$(PORT) \
		unix:$(NGINX_DIR)/gunicorn.sock $(NGINX_DIR) $(MEDIA_DIR) >$(NGINX_DIR)/nginx.conf
	nginx -p $(NGINX_DIR) -c $(NGINX_DIR)/nginx.conf -e stderr -g "daemon off; $(NGINX_USER)" & \
	trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	$(PROD_ENV) $(VENV)/bin/gunicorn website.wsgi --config gunicorn.conf.py \
		--bind unix:$(NGINX_DIR)/gunicorn.sock

# Debian's PostgreSQL and Redis: the tests run on PostgreSQL too, and start Redis for two
# app servers sharing a cache (tests/servers.py). Their own throwaway servers, never a
# system service.
postgresql:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "Install PostgreSQL first (Debian: apt-get install postgresql)." >&2; exit 1; fi

redis:
	@if command -v redis-server >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	else echo "Install Redis first (Debian: apt-get install redis-server)." >&2; exit 1; fi

# Debian's nginx: make serve-prod runs it in front of gunicorn, and the tests prove its
# configuration (tests/browser/test_nginx_micro_cache.py).
nginx:
	@if command -v nginx >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	else echo "Install nginx first (Debian: apt-get install nginx)." >&2; exit 1; fi

## make bench: Lighthouse, wrk against serve-prod and nginx, per-page queries and render time
bench: install-test
	bench/run.sh

clean:
	rm -rf $(VENV) staticfiles test-results .pytest_cache

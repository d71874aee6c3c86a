# The README's commands. Only python3 (3.11+) and make are assumed.
PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test install install-test chromium lint format serve-prod bench clean

## make run: install, migrate, load the starter content, serve on http://127.0.0.1:$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_content
	$(PY) manage.py ensure_superuser
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: install the test tools and Chromium, lint, then run every test
test: install-test chromium
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --inexact keeps uv itself, which lives in the same virtual environment.
install: $(UV)
	$(UV) sync --locked --inexact --no-dev

install-test: $(UV)
	$(UV) sync --locked --inexact

# Browser tests drive Debian's Chromium; Playwright's own download is the fallback.
chromium: install-test
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else $(VENV)/bin/playwright install chromium; fi

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make serve-prod: the production configuration (gunicorn, WhiteNoise, page cache) on
## loopback over plain http, with SQLite. Not for a public server.
PROD_ENV = DJANGO_ENV=production DJANGO_ALLOW_HTTP=1 \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}
serve-prod: install
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(PROD_ENV) $(PY) manage.py migrate --noinput -v 0
	$(PROD_ENV) $(PY) manage.py load_content -v 0
	$(PROD_ENV) $(PY) manage.py clear_wagtail_cache
	$(PROD_ENV) $(VENV)/bin/gunicorn website.wsgi --config gunicorn.conf.py --bind 127.0.0.1:$(PORT)

## make bench: Lighthouse, wrk against serve-prod and nginx, per-page queries and render time
bench: install-test
	bench/run.sh

clean:
	rm -rf $(VENV) staticfiles test-results .pytest_cache

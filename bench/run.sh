#!/usr/bin/env bash
# make bench: per-page cost, load (wrk: serve-prod vs nginx static copy) and Lighthouse.
# Everything runs on 127.0.0.1 against a separate SQLite database with the starter content.
# Results go to bench/out/ (ignored by git); copy the figures into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
PORT=${BENCH_PORT:-8765}
NGINX_PORT=${BENCH_NGINX_PORT:-8766}
DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
LIGHTHOUSE_RUNS=${BENCH_LIGHTHOUSE_RUNS:-3}
PY=$ROOT/.venv/bin/python

rm -rf "$OUT" && mkdir -p "$OUT/static-site"
export DATABASE_URL="sqlite:///$OUT/bench.sqlite3" DJANGO_CACHE_DIR="$OUT/cache"
export DJANGO_ENV=production DJANGO_ALLOW_HTTP=1 DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
# Production refuses to start without a delivering mail backend and an admin address.
export EMAIL_HOST=${EMAIL_HOST:-localhost} EMAIL_PORT=${EMAIL_PORT:-25}
export WAGTAILADMIN_BASE_URL=${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:$PORT}
export DJANGO_SECRET_KEY="bench-only-$(date +%s)-not-a-real-secret-0123456789abcdef"
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}

# Debian's wrk, nginx and chromium, when missing and we may install them.
missing=""
for tool in wrk nginx chromium; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "bench needs:$missing" >&2; exit 1
  fi
fi
[ -x bench/node_modules/.bin/lighthouse ] || (cd bench && npm ci --no-audit --no-fund --silent)

pids=()
cleanup() { for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_for() { for _ in $(seq 1 120); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }

echo "== serve-prod on 127.0.0.1:$PORT ($WEB_CONCURRENCY workers)"
setsid make --no-print-directory serve-prod PORT="$PORT" >"$OUT/serve-prod.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$PORT/"

echo "== per-page queries and warm render time"
"$PY" bench/render.py | tee "$OUT/render.md"

echo "== static copy of the same HTML for nginx"
"$PY" manage.py shell -v 0 -c "
from wagtail.models import Page
for page in Page.objects.live().public().filter(depth__gt=1).specific():
    print(type(page).__name__, page.url)" >"$OUT/pages.txt"
while read -r kind path; do
  mkdir -p "$OUT/static-site$path"
  curl -sf "http://127.0.0.1:$PORT$path" -o "$OUT/static-site${path}index.html"
done <"$OUT/pages.txt"
cp -r staticfiles "$OUT/static-site/static"
sed -e "s|@ROOT@|$OUT/static-site|; s|@PORT@|$NGINX_PORT|; s|@OUT@|$OUT|g" bench/nginx.conf >"$OUT/nginx.conf"
nginx -p "$OUT" -c "$OUT/nginx.conf" &
pids+=($!)
wait_for "http://127.0.0.1:$NGINX_PORT/"

procedure=$(awk '$1=="ProcedurePage"{print $2; exit}' "$OUT/pages.txt")
load() {  # name url
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Connection: close" "$2" >"$OUT/wrk-$1.txt" 2>&1
  echo "   $1: $(grep 'Requests/sec' "$OUT/wrk-$1.txt")"
}
echo "== load: wrk -t2 -c$CONNECTIONS -d$DURATION --latency -H 'Connection: close'"
curl -sf -o /dev/null "http://127.0.0.1:$PORT$procedure"  # warm the page caches
# Which cache answered, as the runs below will find it: nginx's micro-cache (HIT), or
# Django for a query string (BYPASS; its page cache says skip).
for url in "$procedure" "$procedure?uncached=1"; do
  curl -sf -o /dev/null -D - "http://127.0.0.1:$PORT$url" |
    awk -v url="$url" 'tolower($1) ~ /^x-(cache-status|wagtail-cache):$/ {h = h " " $1 " " $2}
                       END {gsub(/\r/, "", h); print "   " url ":" h}'
done | tee "$OUT/cache-headers.txt"
load nginx-static "http://127.0.0.1:$NGINX_PORT$procedure"
load django-cached "http://127.0.0.1:$PORT$procedure"
# Any query string bypasses both page caches: every request renders the page.
load django-uncached "http://127.0.0.1:$PORT$procedure?uncached=1"
load nginx-static-home "http://127.0.0.1:$NGINX_PORT/"
load django-cached-home "http://127.0.0.1:$PORT/"
load django-uncached-home "http://127.0.0.1:$PORT/?uncached=1"

echo "== Lighthouse (mobile, median of $LIGHTHOUSE_RUNS)"
export CHROME_PATH=${CHROME_PATH:-$(command -v chromium)}
flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run"
flags="$flags --disable-background-networking --disable-component-update --disable-sync"
awk '$1=="HomePage" || $1=="ProcedurePage" || $1 ~ /Referr/ {print $1, $2}' "$OUT/pages.txt" |
while read -r kind path; do
  case "$path" in /es/*) kind="$kind-es" ;; *) kind="$kind-en" ;; esac
  for run in $(seq 1 "$LIGHTHOUSE_RUNS"); do
    # Chromium now and then fails to record the trace (NO_NAVSTART): try that run again.
    for attempt in 1 2 3; do
      bench/node_modules/.bin/lighthouse "http://127.0.0.1:$PORT$path" --quiet \
        --chrome-flags="$flags" --output=json --output-path="$OUT/lighthouse-$kind-$run.json" &&
        break
      [ "$attempt" = 3 ] && exit 1
      echo "   $kind run $run failed; again"
    done
  done
  echo "   $kind $path done"
done

"$PY" bench/summarise.py "$OUT" | tee "$OUT/summary.md"

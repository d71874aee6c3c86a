"""Hostile input, generated: odd paths, unicode, %00, long query strings, bad methods,
malformed multipart and form bodies, wrong content types and charsets, huge bodies, bad
headers. Each request carries a marker of its own (`<fz123 a="1">`), so that any place the
site shows what it was sent can be checked for escaping.

tests/test_fuzz.py sends these requests through Django's test client (in `make test`); run
as a script, this sends them over HTTP to a running site, through nginx as `make serve-prod`
serves it, and prints the counts for bench/RESULTS.md:

    make serve-prod PORT=8000 &   # then, once it answers:
    .venv/bin/python bench/fuzz.py http://127.0.0.1:8000 [--count 3000] [--seed 14]

Nothing here imports Django: it is only the requests and the checks on the answers.
"""

import argparse
import gzip
import http.client
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

PATHS = [
    "/",
    "/star-procedure/",
    "/star/",
    "/for-referring-physicians/",
    "/ask-us/",
    "/glossary/",
    "/privacy/",
    "/accessibility/",
    "/search/",
    "/es/",
    "/es/search/",
    "/robots.txt",
    "/sitemap.xml",
    "/brand.css",
    "/share/3/abc.png",
    "/documents/1/x.pdf",
    "/admin/login/",
    "/admin/password_reset/",
    "/static/css/site.css",
    "/media/original_images/none.png",
    "/no-such-page/",
]
FORM_PATHS = ["/ask-us/", "/search/", "/admin/login/", "/", "/es/ask-us/"]
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO"]
ODD = [
    "%00",
    "%ff%fe",
    "%c0%af",
    "..",
    "%2e%2e",
    "%2f",
    "//",
    "\\",
    ";x=1",
    "~",
    "%25",
    "%",
    "%e2%80%ae",
    "é",
    "日本",
    "🙂",
    "%0d%0aSet-Cookie:x=1",
    "<script>",
    "'\"",
    "a" * 300,
]
TEXT = [
    "",
    "pain",
    "0",
    "-1",
    "9" * 40,
    "%00",
    "\x00",
    "é",
    "日本語",
    "🙂" * 50,
    "\u202e",
    "' OR 1=1--",
]
FIELDS = [
    "q", "page", "your_name", "your_message", "email_address", "phone_number", "who_are_you",
    "website", "form_started", "csrfmiddlewaretoken", "username", "next",
]  # fmt: skip
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=bogus",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=fz; charset=utf-16",
    "application/json",
    "text/xml",
    "text/plain; charset=utf-8",
    "application/octet-stream",
    "image/png",
    "",
    "x/y; ;;; =",
]
HOSTS = [
    "evil.example",
    "127.0.0.1:99999",
    "a" * 300,
    "localhost\x00",
    "[::1",
    "xn--80ak6aa92e.com",
]
TOO_BIG = 3 * 1024 * 1024  # above Django's 2.5 MB in-memory limit, and nginx's 1 MB


@dataclass
class FuzzRequest:
    method: str
    path: str  # on the wire: ASCII, percent-encoded, query string included
    body: bytes = b""
    content_type: str | None = None
    headers: dict = field(default_factory=dict)
    marker: str = ""
    kind: str = ""

    def describe(self):
        path = self.path if len(self.path) < 120 else self.path[:117] + "..."
        return f"{self.kind}: {self.method} {path} [{self.content_type}] {len(self.body)} bytes"


def payload(marker):
    """What a request says where it can: a tag and quotes that must come back escaped."""
    return f"<{marker} a=\"1\" b='2'>"


def wire(text):
    return quote(text, safe="/;=&%~")


def odd_path(rng, marker):
    base = rng.choice(PATHS).rstrip("/")
    parts = [rng.choice(ODD) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.5:
        parts.append(payload(marker))
    tail = "/".join(parts)
    return wire(f"{base}/{tail}" + ("/" if rng.random() < 0.5 else ""))


def query(rng, marker, size=None):
    size = size if size is not None else rng.randint(1, 12)
    pairs = []
    for _ in range(size):
        name = rng.choice([*FIELDS, payload(marker), "a" * rng.randint(1, 50)])
        value = rng.choice([*TEXT, payload(marker), "x" * rng.randint(0, 3000)])
        pairs.append(f"{quote(name, safe='')}={quote(value, safe='')}")
    if rng.random() < 0.2:
        pairs.append(rng.choice(["%zz", "&&&", "=", "%00=%00", "a=%", "q=%e2%80"]))
    return "&".join(pairs)


def form_body(rng, marker):
    return query(rng, marker).encode()


def multipart(rng, marker):
    boundary = "fz"
    value = payload(marker).encode() + rng.choice([b"", b"\xff\xfe", b"\x00", "é".encode()])
    parts = [
        b'--fz\r\nContent-Disposition: form-data; name="your_name"\r\n\r\n' + value + b"\r\n",
        b"--fz\r\nContent-Disposition: form-data\r\n\r\nno name\r\n",
        b'--fz\r\nContent-Disposition: form-data; name="f"; filename="../../x.svg"\r\n'
        b"Content-Type: image/svg+xml\r\n\r\n<svg onload=alert(1)>\r\n",
        b"--fz\r\n\r\n",
        b'--fz\r\nContent-Disposition: form-data; name="q"\r\nContent-Transfer-Encoding: '
        b"base64\r\n\r\n!!!\r\n",
    ]
    body = b"".join(rng.sample(parts, rng.randint(1, len(parts))))
    if rng.random() < 0.7:
        body += b"--fz--\r\n"
    return body, f"multipart/form-data; boundary={boundary}"


def generate(count=3000, seed=14):
    """`count` requests, the same ones for the same seed."""
    rng = random.Random(seed)
    for number in range(count):
        marker = f"fz{number}"
        roll = rng.random()
        request = FuzzRequest("GET", "/", marker=marker)
        if roll < 0.22:
            request.kind, request.path = "odd path", odd_path(rng, marker)
        elif roll < 0.40:
            request.kind = "query string"
            request.path = f"{rng.choice(PATHS)}?{query(rng, marker)}"
        elif roll < 0.43:
            request.kind = "long query string"
            request.path = f"{rng.choice(PATHS)}?{query(rng, marker, size=rng.randint(200, 600))}"
        elif roll < 0.52:
            request.kind, request.method = "method", rng.choice(METHODS)
            request.path = rng.choice(PATHS)
            if request.method not in {"GET", "HEAD"} and rng.random() < 0.5:
                request.body, request.content_type = form_body(rng, marker), CONTENT_TYPES[0]
        elif roll < 0.70:
            request.kind, request.method = "form body", "POST"
            request.path = rng.choice(FORM_PATHS)
            request.body = form_body(rng, marker)
            request.content_type = rng.choice(CONTENT_TYPES[:4])
            if "utf-16" in request.content_type:
                request.body = request.body.decode().encode("utf-16")
        elif roll < 0.80:
            request.kind, request.method = "malformed multipart", "POST"
            request.path = rng.choice(FORM_PATHS)
            request.body, request.content_type = multipart(rng, marker)
            if rng.random() < 0.3:
                request.content_type = rng.choice(CONTENT_TYPES[4:7])
        elif roll < 0.88:
            request.kind, request.method = "wrong content type", rng.choice(["POST", "PUT"])
            request.path = rng.choice(FORM_PATHS)
            request.content_type = rng.choice(CONTENT_TYPES[7:])
            request.body = rng.choice([b"{", b"<x>", payload(marker).encode(), bytes(range(256))])
        elif roll < 0.97:
            request.kind = "bad headers"
            request.method = rng.choice(["GET", "POST"])
            request.path = rng.choice(PATHS)
            request.headers = rng.choice(
                [
                    {"Host": rng.choice(HOSTS)},
                    {"X-Forwarded-For": rng.choice(["", "x, y", "999.1.1.1", payload(marker)])},
                    {"Cookie": f"sessionid={payload(marker)}; csrftoken=%00"},
                    {"Accept-Encoding": "gzip;q=" + "9" * 300},
                    {"Range": "bytes=9999999-1"},
                    {"Referer": f"https://x/{payload(marker)}"},
                    {"Accept-Language": "es;q=x, " + "e" * 300},
                    {"If-Modified-Since": "yesterday"},
                ]
            )
        else:
            request.kind, request.method = "huge body", "POST"
            request.path = rng.choice(FORM_PATHS)
            request.content_type = CONTENT_TYPES[0]
            request.body = rng.choice(
                [
                    b"your_message=" + b"x" * TOO_BIG,
                    b"&".join(b"f%d=1" % n for n in range(12000)),  # over 10,000 fields
                ]
            )
        yield request


def unescaped_reflections(request, body):
    """The marker came back in a form that could run: a raw tag, or a quote that ends an
    attribute. Escaped (&lt;fz1, &quot;) or percent-encoded is safe."""
    text = body.decode("utf-8", "replace")
    found = []
    if f"<{request.marker} " in text or f"<{request.marker}>" in text:
        found.append("raw tag")
    if f'{request.marker} a="1"' in text:
        found.append("raw quote")
    return found


# Over HTTP -----------------------------------------------------------------------------------


def send(base, request, timeout=30):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.putrequest(
            request.method, request.path, skip_host="Host" in request.headers,
            skip_accept_encoding=True,
        )  # fmt: skip
        headers = {"Accept-Encoding": "gzip", **request.headers}
        if request.content_type is not None:
            headers["Content-Type"] = request.content_type
        if request.body or request.method in {"POST", "PUT", "PATCH"}:
            headers["Content-Length"] = str(len(request.body))
        for name, value in headers.items():
            connection.putheader(name, value.encode("latin-1", "replace"))
        connection.endheaders(request.body or None)
        response = connection.getresponse()
        body = response.read()
        if response.getheader("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return response.status, body
    except (ConnectionError, http.client.HTTPException, TimeoutError) as error:
        return f"no answer ({type(error).__name__})", b""
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the site, as nginx serves it: http://127.0.0.1:8000")
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    statuses, codes, kinds, failures = Counter(), Counter(), Counter(), []
    reflected = unescaped = 0
    started = time.monotonic()
    for request in generate(args.count, args.seed):
        status, body = send(args.base, request)
        statuses[status if isinstance(status, str) else f"{status // 100}xx"] += 1
        codes[status] += 1
        kinds[request.kind] += 1
        if not isinstance(status, int) or status >= 500:
            failures.append(f"{status} {request.describe()}")
        if request.marker in body.decode("utf-8", "replace"):
            reflected += 1
        problems = unescaped_reflections(request, body)
        if problems:
            unescaped += 1
            failures.append(f"unescaped ({', '.join(problems)}): {request.describe()}")
    seconds = time.monotonic() - started
    print(f"{args.count} requests (seed {args.seed}) to {args.base} in {seconds:.0f} s")
    print("kinds: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
    print("answers: " + ", ".join(f"{status} {n}" for status, n in sorted(statuses.items())))
    print("codes: " + ", ".join(f"{code} {n}" for code, n in sorted(codes.items(), key=str)))
    print(f"5xx or no answer: {sum(1 for f in failures if not f.startswith('unescaped'))}")
    print(f"marker shown back: {reflected}; of those unescaped: {unescaped}")
    for failure in failures[:50]:
        print("  " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

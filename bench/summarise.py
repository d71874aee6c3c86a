"""Turn bench/out/ (wrk and Lighthouse output) into Markdown tables. Used by bench/run.sh."""

import json
import re
import sys
from pathlib import Path

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(path):
    text = path.read_text()
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": to_ms(percentiles["50"]),
        "p99": to_ms(percentiles["99"]),
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def load_table(out):
    rows = ["| target | req/s | p50 ms | p99 ms | errors | vs nginx |", "|---|---|---|---|---|---|"]
    for page, suffix in (("procedure", ""), ("home", "-home")):
        nginx = wrk(out / f"wrk-nginx-static{suffix}.txt")
        for name in ("nginx-static", "django-cached", "django-uncached"):
            result = wrk(out / f"wrk-{name}{suffix}.txt")
            ratio = result["rps"] / nginx["rps"] * 100
            rows.append(
                f"| {page}: {name} | {result['rps']:.0f} | {result['p50']:.2f} | "
                f"{result['p99']:.2f} | {result['errors']} | {ratio:.1f}% |"
            )
    return rows


def median_run(runs):
    """Lighthouse's own rule: the run whose performance score is the median."""
    ordered = sorted(runs, key=lambda run: run["categories"]["performance"]["score"])
    return ordered[len(ordered) // 2]


def lighthouse_table(out):
    rows = [
        "| page | perf | a11y | best pr. | SEO | bytes | LCP ms | CLS | TBT ms | scores seen |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    kinds = sorted({p.stem.rsplit("-", 1)[0] for p in out.glob("lighthouse-*.json")})
    for kind in kinds:
        runs = [json.loads(p.read_text()) for p in sorted(out.glob(f"{kind}-*.json"))]
        run = median_run(runs)
        scores = [round(run["categories"][c]["score"] * 100) for c in CATEGORIES]
        audits = run["audits"]
        seen = ", ".join(
            "/".join(str(round(r["categories"][c]["score"] * 100)) for c in CATEGORIES)
            for r in runs
        )
        rows.append(
            f"| {kind.removeprefix('lighthouse-')} {run['finalDisplayedUrl'].split(':', 2)[2][4:]} "
            f"| {' | '.join(map(str, scores))} "
            f"| {audits['total-byte-weight']['numericValue']:.0f} "
            f"| {audits['largest-contentful-paint']['numericValue']:.0f} "
            f"| {audits['cumulative-layout-shift']['numericValue']:.3f} "
            f"| {audits['total-blocking-time']['numericValue']:.0f} | {seen} |"
        )
    failing = sorted(
        {
            f"{kind}: {audit['id']} ({audit['title']})"
            for kind in kinds
            for run in [json.loads((out / f"{kind}-1.json").read_text())]
            for audit in run["audits"].values()
            if audit.get("score") is not None
            and audit["score"] < 1
            and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        }
    )
    return rows, failing


def main(out):
    out = Path(out)
    print("### Load (wrk)\n")
    print("\n".join(load_table(out)))
    rows, failing = lighthouse_table(out)
    print("\n### Lighthouse (mobile preset, median run)\n")
    print("\n".join(rows))
    if failing:
        print("\nAudits below full marks (first run):\n")
        print("\n".join(f"- {line}" for line in failing))


if __name__ == "__main__":
    main(sys.argv[1])

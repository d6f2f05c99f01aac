"""Lighthouse on every public page type: the four category scores and every audit that is not met.

    .venv/bin/python bench/lighthouse.py [--pages start,measure] [--preset desktop|mobile]

Starts gunicorn with production settings on loopback (static files collected, as bench/load.py
does), runs Lighthouse (npm package, pinned in package-lock.json; `make install-bench`) with
Debian's Chromium for each page type in several languages and scripts, and prints the scores of
performance, accessibility, best practices and SEO, then the audits below a full score with
what they name. Our promise is 100 in all four on every page type. Exit status 1 if any page
misses it. Traffic stays on this machine.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile

from common import ROOT, setup_django
from load import production_env, start_gunicorn

PORT = 8768
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")


def page_types():
    from handlungsfelder.models import Handlungsfeld
    from massnahmen.models import Massnahme
    from netzwerk.models import Netzwerkpartner

    feld = Handlungsfeld.objects.get(number=2)
    measure = Massnahme.objects.public().order_by("pk").first()
    partner = Netzwerkpartner.objects.order_by("pk").first()
    return {
        "start": "/de/",
        "start-ar": "/ar/",
        "leitlinien-fa": "/fa/leitlinien/",
        "fields": "/en/handlungsfelder/",
        "field": feld.get_absolute_url().replace("/de/", "/uk/"),
        "measures": "/de/massnahmen/",
        "measures-filtered": "/ru/massnahmen/?status=laufend",
        "measure-fa": measure.get_absolute_url().replace("/de/", "/fa/"),
        "dashboard": "/de/umsetzungsstand/",
        "network": "/tr/netzwerk/",
        "partner-ar": partner.get_absolute_url().replace("/de/", "/ar/"),
        "barrierefreiheit": "/de/barrierefreiheit/",
        "impressum": "/en/impressum/",
        "search": "/de/suche/?q=Deutschkurs",
        "search-ar": "/ar/suche/?q=%D8%B9%D9%85%D9%84",
        "login": "/de/partner/konto/anmelden/",
        # Error pages are not here: Lighthouse refuses to audit a page answered with 404.
    }


def lighthouse(url, preset):
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise SystemExit("Lighthouse is needed: make install-bench")
    with tempfile.TemporaryDirectory() as profile:
        command = [str(binary), url, "--output=json", "--output-path=stdout", "--quiet",
                   f"--only-categories={','.join(CATEGORIES)}", "--chrome-path=/usr/bin/chromium",
                   f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}"]
        if preset == "desktop":
            command.append("--preset=desktop")
        # Lighthouse now and then loses the trace of a load on a busy machine (NO_NAVSTART): once more.
        for _attempt in range(2):
            result = subprocess.run(command, capture_output=True, text=True, timeout=180)
            if result.returncode == 0 and result.stdout.strip():
                return json.loads(result.stdout)
    raise SystemExit(f"Lighthouse failed on {url}: {result.stderr[-2000:]}")


def shortfalls(report):
    """Audits of the four categories that are scored, not met, and what they name."""
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings") and audit.get("score") is not None \
                    and audit["score"] < 1 and ref.get("weight", 0) > 0:
                items = (audit.get("details") or {}).get("items") or []
                named = [str(item.get("node", {}).get("snippet") or item.get("url") or item.get("source", "") or "")[:120]
                         for item in items[:3]]
                yield category, audit["id"], audit["score"], audit.get("displayValue", ""), named


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    args = parser.parse_args()

    setup_django()
    pages = page_types()
    if args.pages:
        pages = {name: path for name, path in pages.items() if name in args.pages.split(",")}
    env = production_env()
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    env["PORTAL_BASE_URL"] = f"http://127.0.0.1:{PORT}"
    process = start_gunicorn(env, port=PORT)
    missed = False
    try:
        print(f"Lighthouse ({args.preset}), gunicorn with production settings on 127.0.0.1:{PORT}")
        print(f"{'page':22} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  address")
        findings = []
        for name, path in pages.items():
            report = lighthouse(f"http://127.0.0.1:{PORT}{path}", args.preset)
            scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
            missed |= any(score < 100 for score in scores)
            print(f"{name:22} {scores[0]:5} {scores[1]:5} {scores[2]:5} {scores[3]:5}  {path}", flush=True)
            findings += [(name, *finding) for finding in shortfalls(report)]
        for name, category, audit, score, value, named in findings:
            print(f"  {name}: {category}/{audit} score {score} {value} {' | '.join(n for n in named if n)}")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()

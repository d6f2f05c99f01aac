"""Load test: gunicorn (2 workers) on 127.0.0.1, wrk with 50 connections per page type.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/load.py

Fills the database (bench/fill.py, 5,000 measures), collects static files, then for the page
cache switched on (anonymous visitors, the normal case) and off (every request renders):
starts gunicorn, drives each public page type with wrk for a bounded time, each right after
the minimal view /healthz/, and prints requests/second, p50/p95 latency, errors and each
page's ratio to the minimal view measured just before it, plus the workers' resident memory. Traffic stays on this
machine. Needs Debian's wrk.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request

from common import ROOT, setup_django, wait_until_answering

PORT = 8765
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES %d %d\\n", latency:percentile(50), latency:percentile(95)))
end
"""


def page_types():
    from handlungsfelder.models import Handlungsfeld
    from massnahmen.models import Massnahme

    feld = Handlungsfeld.objects.get(number=4)
    measure = Massnahme.objects.public().order_by("pk").first()
    return [
        ("minimal view /healthz/", "/healthz/"),
        ("start page", "/de/"),
        ("Leitlinien (ar)", "/ar/leitlinien/"),
        ("fields", "/en/handlungsfelder/"),
        ("field page", feld.get_absolute_url().replace("/de/", "/uk/")),
        ("measure list", "/de/massnahmen/"),
        # The first page: how many pages a search has depends on its ranking (a page after the last is a 404).
        ("measure list, filtered+search", "/de/massnahmen/?status=laufend&q=Beratung"),
        ("measure page", measure.get_absolute_url()),
        ("dashboard", "/de/umsetzungsstand/"),
        ("dashboard, one field (counted live)", f"/de/umsetzungsstand/?handlungsfeld={feld.slug}"),
        ("network", "/tr/netzwerk/"),
        ("partner page", "/de/netzwerk/partner/jugendamt/"),
        ("API measures", "/api/massnahmen/?lang=ar"),
        # A closed round of every measure (bench/fill.py) and the loaded first round before it.
        ("round page (ar)", "/ar/berichtsrunden/bench-runde/"),
        ("round comparison", "/de/berichtsrunden/zukunftswerkstatt-auswertung-2021/vergleich/bench-runde/"),
        ("API round measures", "/api/berichtsrunden/bench-runde/massnahmen/?lang=ar"),
        ("Leichte Sprache start", "/de/leichte-sprache/"),
        ("Wörterbuch", "/de/leichte-sprache/woerterbuch/"),
        ("challenges and ideas (uk)", "/uk/beteiligung/"),
        ("Leitlinien PDF (cached)", "/fa/leitlinien/pdf/"),
    ]


def production_env():
    """The environment of a production process on loopback, its static files collected."""
    static_root = tempfile.mkdtemp(prefix="portal-static-")
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "bench-" + "x" * 50, "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "false", "STATIC_ROOT": static_root, "PDF_CACHE_DIR": tempfile.mkdtemp()}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    return env


def start_gunicorn(env, port=PORT):
    process = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "integration_portal.wsgi:application",
         "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    return wait_until_answering(f"http://127.0.0.1:{port}/healthz/", process, "gunicorn")


def worker_rss_mb(process):
    children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in children:
        with open(f"/proc/{pid}/status") as status:
            sizes += [int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS")]
    return sizes


def wrk(path, seconds, script, port=PORT, headers=()):
    output = subprocess.run(
        ["wrk", "-t2", "-c50", f"-d{seconds}s", "--timeout", "10s", "-s", script,
         *(argument for header in headers for argument in ("-H", header)), f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, timeout=seconds + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50, p95 = (int(v) / 1000 for v in re.search(r"PERCENTILES (\d+) (\d+)", output).groups())
    non_2xx = int(re.search(r"Non-2xx or 3xx responses: (\d+)", output).group(1)) if "Non-2xx" in output else 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = sum(int(v) for v in socket.groups()) if socket else 0
    total = int(re.search(r"(\d+) requests in", output).group(1))
    return {"rps": rps, "p50": p50, "p95": p95, "non_2xx": non_2xx, "errors": errors, "requests": total}


def run(label, env, pages, seconds, script):
    process = start_gunicorn(env)
    try:
        for _name, path in pages:  # warm up: every worker renders every page once
            for _ in range(4):
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=60).read()
        # The minimal view runs again right before each page, and each ratio is taken against
        # that run: a shared machine's speed drifts within minutes (seen: by a factor of two).
        minimal_path = pages[0][1]
        results = []
        for name, path in pages[1:]:
            baseline = wrk(minimal_path, max(3, seconds // 2), script)
            results.append((name, path, wrk(path, seconds, script), baseline))
        rss = worker_rss_mb(process)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    print(f"\n## {label}\n")
    print(f"| page | requests/s | p50 ms | p95 ms | minimal view just before, requests/s | ratio to minimal view | "
          f"requests | errors + non-2xx |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, _path, r, baseline in results:
        # A minimal view that served nothing (wrk found the machine saturated) has no ratio to give.
        ratio = f"{r['rps'] / baseline['rps']:.3f}×" if baseline["rps"] else "n/a"
        print(f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {baseline['rps']:.0f} | "
              f"{ratio} | {r['requests']} | {r['errors'] + r['non_2xx']} |")
    baselines = [baseline for *_rest, baseline in results]
    print(f"\nminimal view /healthz/ over the run: {min(b['rps'] for b in baselines):.0f}–"
          f"{max(b['rps'] for b in baselines):.0f} requests/s, "
          f"{sum(b['requests'] for b in baselines)} requests, "
          f"{sum(b['errors'] + b['non_2xx'] for b in baselines)} errors + non-2xx")
    print(f"\nworker resident memory after the run: {', '.join(f'{size:.0f} MB' for size in rss)}")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=8, help="wrk duration per page (default: %(default)s)")
    parser.add_argument("--measures", type=int, default=5000)
    parser.add_argument("--only", default="", help="comma-separated parts of page names to run, e.g. 'dashboard,search'")
    parser.add_argument("--cache", choices=["both", "on", "off"], default="both", help="page cache runs (default: both)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    setup_django()
    from django.db import connection

    from fill import fill

    fill(args.measures)
    env = production_env()
    pages = page_types()
    if args.only:
        wanted = [part.strip() for part in args.only.split(",")]
        pages = pages[:1] + [page for page in pages[1:] if any(part in page[0] for part in wanted)]
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}, gunicorn 2 workers, "
          f"wrk 2 threads × 50 connections × {args.seconds} s per page")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    hit = miss = []
    if args.cache in ("both", "on"):
        hit = run("Anonymous visitors (page cache on)", {**env, "PAGE_CACHE_SECONDS": "3600"}, pages, args.seconds,
                  script.name)
    if args.cache in ("both", "off"):
        miss = run("Cache miss (page cache off: every request renders)", {**env, "PAGE_CACHE_SECONDS": "0"}, pages,
                   args.seconds, script.name)
    runs = [r for _name, _path, page, baseline in hit + miss for r in (page, baseline)]
    print(f"\nrequests in all: {sum(r['requests'] for r in runs)}, "
          f"errors or non-2xx responses: {sum(r['errors'] + r['non_2xx'] for r in runs)}")


if __name__ == "__main__":
    main()

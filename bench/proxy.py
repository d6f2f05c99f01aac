"""Through nginx's cache: gunicorn alone against nginx's proxy_cache in front, and how soon a change shows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/proxy.py

Fills the database (bench/fill.py, 5,000 measures), starts gunicorn (2 workers, page cache on)
and Debian's nginx with the configuration of docs/deployment.md (the ```nginx block, taken from
that file, only its ports and cache directory changed) on loopback ports. Then, with wrk (2
threads, 50 connections, Accept-Encoding: gzip as browsers send it):

- the minimal view /healthz/ through gunicorn alone, right before each page, as in bench/load.py;
- each page from the portal's page cache through gunicorn alone, and from nginx's cache;
- revalidation (If-None-Match, answered 304) by gunicorn and by nginx;

printing requests/second, p50/p95 and the ratio to the minimal view measured just before. It
checks what nginx keeps (X-Cache-Status) and measures how many seconds after a measure's title
is changed through the ORM, in another process, the change shows through gunicorn and through
nginx. The title is put back at the end. Traffic stays on this machine. Needs Debian's nginx
and wrk (make install-bench).
"""

import argparse
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from common import ROOT, setup_django, wait_until_answering
from load import LUA, production_env, start_gunicorn, wrk

GUNICORN_PORT = 8766
NGINX_PORT = 8767
GZIP = "Accept-Encoding: gzip"
# The documented configuration, and the three things a loopback run changes in it.
DOCUMENTED = ROOT / "docs" / "deployment.md"
REPLACE = {
    "listen 127.0.0.1:8080;": f"listen 127.0.0.1:{NGINX_PORT};",
    "server 127.0.0.1:8000;": f"server 127.0.0.1:{GUNICORN_PORT};",
    "/var/cache/nginx/portal": None,  # the run's own directory, below
}


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if not found:
        raise SystemExit("nginx is needed: make install-bench (Debian's nginx and wrk)")
    return found


def documented_config(cache_dir):
    text = DOCUMENTED.read_text(encoding="utf-8")
    match = re.search(r"```nginx\n(.*?)```", text, re.S)
    if not match:
        raise SystemExit(f"no ```nginx block in {DOCUMENTED}")
    config = match.group(1)
    for old, new in REPLACE.items():
        if config.count(old) != 1:
            raise SystemExit(f"{DOCUMENTED}: expected {old!r} once in the nginx block")
        config = config.replace(old, new or cache_dir)
    return config


def start_nginx(directory):
    """nginx as a child process (not a daemon), everything it writes in `directory`."""
    cache_dir = os.path.join(directory, "cache")
    temp_dir = os.path.join(directory, "temp")
    for path in (cache_dir, temp_dir):
        os.makedirs(path)
    user = ""
    if os.geteuid() == 0:  # the workers drop root; they must be able to write the cache
        www = pwd.getpwnam("www-data")
        for path in (directory, cache_dir, temp_dir):
            os.chown(path, www.pw_uid, www.pw_gid)
        user = "user www-data;"
    conf = os.path.join(directory, "nginx.conf")
    with open(conf, "w", encoding="utf-8") as out:
        out.write(f"""{user}
worker_processes 2;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {temp_dir}/client;
    proxy_temp_path {temp_dir}/proxy;
    fastcgi_temp_path {temp_dir}/fastcgi;
    uwsgi_temp_path {temp_dir}/uwsgi;
    scgi_temp_path {temp_dir}/scgi;
{documented_config(cache_dir)}
}}
""")
    command = [nginx_binary(), "-p", directory, "-e", f"{directory}/error.log", "-c", conf]
    subprocess.run([*command, "-t", "-q"], check=True)
    process = subprocess.Popen([*command, "-g", "daemon off;"], start_new_session=True)
    return wait_until_answering(f"http://127.0.0.1:{NGINX_PORT}/healthz/", process, "nginx", tries=50)


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def fetch(port, path, headers=None):
    """(status, headers, body) of one GET on loopback; 304 and 4xx are answers, not errors."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:  # urllib raises for 304 too
        return error.code, error.headers, error.read()


def cache_checks(pages):
    """What nginx keeps and what it passes on, as X-Cache-Status shows it."""
    list_page = pages["measure list"]

    def statuses(path, headers=None, times=2):
        return [fetch(NGINX_PORT, path, headers)[1].get("X-Cache-Status", "-") for _ in range(times)]

    tag = fetch(NGINX_PORT, list_page, {"Accept-Encoding": "gzip"})[1]["ETag"]
    checks = [
        ("public page, gzip", statuses(list_page, {"Accept-Encoding": "gzip"}, 1)),
        ("same page, no gzip (its own copy)", statuses(list_page)),
        ("If-None-Match from the browser", [f"{code} {h.get('X-Cache-Status')}" for code, h, _b in
                                            [fetch(NGINX_PORT, list_page, {"If-None-Match": tag})]]),
        ("session cookie (logged in)", statuses(list_page, {"Cookie": "sessionid=x"})),
        ("form page, sets the CSRF cookie", statuses("/de/barrierefreiheit/")),
        ("login page", statuses("/de/partner/konto/anmelden/")),
        ("partner workspace", statuses("/de/partner/")),
        ("/ (redirect by Accept-Language)", statuses("/", {"Accept-Language": "ar"})),
    ]
    print("\nWhat nginx keeps (X-Cache-Status of consecutive requests):\n")
    for name, seen in checks:
        print(f"- {name}: {', '.join(seen)}")


def measure(pages, seconds, script):
    rows = []

    def row(name, port, path, headers=(GZIP,)):
        baseline = wrk("/healthz/", max(3, seconds // 2), script, port=GUNICORN_PORT, headers=(GZIP,))
        result = wrk(path, seconds, script, port=port, headers=headers)
        rows.append((name, result, baseline))

    for name, path in pages.items():
        row(f"{name}, gunicorn alone (page cache)", GUNICORN_PORT, path)
        row(f"{name}, through nginx's cache", NGINX_PORT, path)
    row("minimal view /healthz/ through nginx (passed on, never kept)", NGINX_PORT, "/healthz/")
    revalidated = pages["measure page"]
    tag = fetch(GUNICORN_PORT, revalidated, {"Accept-Encoding": "gzip"})[1]["ETag"]
    row("measure page, If-None-Match: 304 by gunicorn", GUNICORN_PORT, revalidated, (GZIP, f"If-None-Match: {tag}"))
    row("measure page, If-None-Match: 304 by nginx", NGINX_PORT, revalidated, (GZIP, f"If-None-Match: {tag}"))
    print("\n| request | requests/s | p50 ms | p95 ms | minimal view just before, requests/s | ratio to minimal view | "
          "requests | errors + non-2xx/3xx |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r, baseline in rows:
        print(f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {baseline['rps']:.0f} | "
              f"{r['rps'] / baseline['rps']:.3f}× | {r['requests']} | {r['errors'] + r['non_2xx']} |")
    return rows


def change_title(env, pk, title):
    """Save a measure's German title through the ORM in a process of its own; the time it committed."""
    code = ("import time; from massnahmen.models import Massnahme; m = Massnahme.objects.get(pk=%d); "
            "m.title_de = %r; m.save(); print(time.time())" % (pk, title))
    output = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True, timeout=120).stdout
    return float(output.split()[-1])


def freshness(env, pk, path, promise):
    """Seconds from a committed change until gunicorn, and nginx (its copy just filled), show it."""
    from massnahmen.models import Massnahme

    original = Massnahme.objects.get(pk=pk).title_de
    marker = f"(geändert {int(time.time())})"  # looked for as it is: nothing in it that HTML escapes
    filled_at = time.time()
    status = [fetch(NGINX_PORT, path)[1].get("X-Cache-Status") for _ in range(2)]  # nginx has just kept it
    changed_at = change_title(env, pk, f"{original} {marker}")
    seen, statuses = {}, []
    try:
        deadline = changed_at + promise + 10  # bounded: the promise plus ten seconds, then give up
        while len(seen) < 2 and time.time() < deadline:
            for name, port in (("gunicorn", GUNICORN_PORT), ("nginx", NGINX_PORT)):
                if name not in seen:
                    _code, headers, body = fetch(port, path)
                    if port == NGINX_PORT:
                        statuses.append(headers.get("X-Cache-Status"))
                    if marker.encode() in body:
                        seen[name] = time.time() - changed_at
            time.sleep(0.2)
    finally:
        change_title(env, pk, original)
    collapsed = [s for i, s in enumerate(statuses) if i == 0 or s != statuses[i - 1]]
    print(f"\nA measure's title changed through the ORM in another process ({path}); nginx had kept the page "
          f"{changed_at - filled_at:.1f} s before the change committed ({', '.join(status)}):\n")
    for name in ("gunicorn", "nginx"):
        shown = f"{seen[name]:.1f} s" if name in seen else f"not within {promise + 10} s"
        print(f"- seen through {name}: after {shown}")
    print(f"- X-Cache-Status through nginx meanwhile: {' → '.join(collapsed)}")
    print(f"- promise: {promise:.0f} s (max-age plus the stamp's reading interval; a browser behind nginx adds "
          f"its own max-age)")
    return seen


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per measurement (default: %(default)s)")
    parser.add_argument("--measures", type=int, default=5000)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: make install-bench (Debian's nginx and wrk)")
    nginx_binary()
    setup_django()
    from django.conf import settings
    from django.db import connection

    from fill import fill
    from load import page_types
    from massnahmen.models import Massnahme

    fill(args.measures)
    env = {**production_env(), "PAGE_CACHE_SECONDS": "3600"}
    names = ["start page", "measure list", "measure page", "dashboard", "API measures", "Leitlinien PDF (cached)"]
    pages = {name: path for name, path in page_types() if name in names}
    # Another measure than the measured one, so that nginx has not kept its page yet: when the
    # change comes, nginx's copy is as young as it can be, the worst case.
    fresh = Massnahme.objects.public().order_by("pk")[1]
    promise = settings.HTTP_CACHE_SECONDS + settings.PAGE_CACHE_STAMP_SECONDS
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}, gunicorn 2 workers, nginx "
          f"{subprocess.run([nginx_binary(), '-v'], capture_output=True, text=True).stderr.split('/')[-1].strip()} "
          f"(2 workers), wrk 2 threads × 50 connections × {args.seconds} s, {GZIP}, "
          f"max-age {settings.HTTP_CACHE_SECONDS} s")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    gunicorn = start_gunicorn(env, port=GUNICORN_PORT)
    directory = tempfile.mkdtemp(prefix="portal-nginx-")
    nginx = start_nginx(directory)
    try:
        for path in pages.values():  # warm up: both workers' page caches, both of nginx's copies
            for port in (GUNICORN_PORT, NGINX_PORT):
                for _ in range(4):
                    fetch(port, path, {"Accept-Encoding": "gzip"})
        cache_checks(pages)
        rows = measure(pages, args.seconds, script.name)
        seen = freshness(env, fresh.pk, fresh.get_absolute_url(), promise)
    finally:
        stop(nginx)
        stop(gunicorn)
        shutil.rmtree(directory, ignore_errors=True)
    runs = [r for _name, page, baseline in rows for r in (page, baseline)]
    print(f"\nrequests in all: {sum(r['requests'] for r in runs)}, "
          f"errors or non-2xx/3xx responses: {sum(r['errors'] + r['non_2xx'] for r in runs)}")
    if len(seen) < 2 or seen["nginx"] > promise + 1:
        raise SystemExit("the change did not show through the proxy within the promised time")


if __name__ == "__main__":
    main()

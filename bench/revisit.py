"""Bytes a browser transfers on a first and on repeated visits of each public page type.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/revisit.py

Production settings (DEBUG off, hashed static files collected, WhiteNoise, gzip) behind gunicorn on
127.0.0.1; headless Chromium (Playwright, /usr/bin/chromium, launched as tests/browser/conftest.py
does). Each page type gets a browser profile of its own, so its first visit starts with an empty
cache. Three visits, each a fresh navigation from about:blank (not a reload, which would revalidate
everything):

- first visit: nothing cached;
- again at once: within the page's max-age (HTTP_CACHE_SECONDS), the browser may reuse everything;
- again after the max-age: the HTML is revalidated (If-None-Match → 304), the static files are not
  asked for at all (hashed names, immutable for a year).

Bytes are what crossed the network, headers included (Chrome DevTools Protocol: the sum of
Network.loadingFinished.encodedDataLength); requests answered from the browser's cache count none.
Prints a Markdown table for docs/performance.md.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from urllib.parse import urlparse

from common import ROOT, setup_django, wait_until_answering
from load import page_types, production_env

PORT = 8767
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The HTML page types of bench/load.py (the loaded content, not bench/fill.py's 5,000 measures).
HTML_PAGES = {"start page", "Leitlinien (ar)", "fields", "field page", "measure list", "measure page", "dashboard",
              "network", "partner page"}


class Visit:
    """One navigation's network traffic, read from the DevTools protocol."""

    def __init__(self, session):
        self.requests, self.bytes, self.from_cache, self.wire_status, self.sizes = {}, 0, set(), {}, {}
        self.session, self.handlers = session, {
            "Network.responseReceived": self._response,
            "Network.requestServedFromCache": lambda event: self.from_cache.add(event["requestId"]),
            "Network.loadingFinished": self._finished,
            # The status as it came over the wire: after a 304 the browser reports the cached 200.
            "Network.responseReceivedExtraInfo":
                lambda event: self.wire_status.__setitem__(event["requestId"], event["statusCode"]),
        }
        for name, handler in self.handlers.items():
            session.on(name, handler)

    def stop(self):
        for name, handler in self.handlers.items():
            self.session.remove_listener(name, handler)

    def _response(self, event):
        response = event["response"]
        self.requests[event["requestId"]] = {
            "path": urlparse(response["url"]).path, "status": response["status"], "type": event["type"],
            "cached": response.get("fromDiskCache", False) or response.get("fromPrefetchCache", False),
        }

    def _finished(self, event):
        self.bytes += int(event["encodedDataLength"])
        self.sizes[event["requestId"]] = int(event["encodedDataLength"])

    def summary(self):
        network = {rid: r for rid, r in self.requests.items() if rid not in self.from_cache and not r["cached"]}
        return {
            "bytes": self.bytes,
            "requests": len(network),
            "html_bytes": sum(self.sizes.get(rid, 0) for rid, r in network.items() if r["type"] == "Document"),
            "html_status": ",".join(str(self.wire_status.get(rid, r["status"])) for rid, r in network.items()
                                    if r["type"] == "Document") or "cache",
            "css_fetched": sum(1 for r in network.values() if r["type"] == "Stylesheet"),
            "static_fetched": sum(1 for r in network.values() if r["path"].startswith("/static/")),
        }


def start_gunicorn(env, port=PORT):
    # Threaded workers: a browser opens spare connections ahead of time and leaves them idle, which
    # would hold a sync worker until its timeout. In production nginx takes those connections
    # (docs/deployment.md); here threads stand in for it.
    process = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "integration_portal.wsgi:application",
         "--workers", "2", "--worker-class", "gthread", "--threads", "8", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    return wait_until_answering(f"http://127.0.0.1:{port}/healthz/", process, "gunicorn")


def visit(page, session, url):
    page.goto("about:blank")
    record = Visit(session)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")  # the icon is asked for after "load"
    page.wait_for_timeout(200)  # the last loadingFinished events
    record.stop()
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    setup_django()
    from django.conf import settings
    from playwright.sync_api import sync_playwright

    pages = [(name, path) for name, path in page_types() if name in HTML_PAGES]
    pages.insert(5, ("measure list, filtered", "/de/massnahmen/?status=in_bearbeitung"))
    env = production_env()
    max_age = int(env.get("HTTP_CACHE_SECONDS", settings.HTTP_CACHE_SECONDS))
    process = start_gunicorn(env, port=PORT)
    results = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            )
            tabs = []
            for name, path in pages:
                context = browser.new_context()
                page = context.new_page()
                session = context.new_cdp_session(page)
                session.send("Network.enable")
                tabs.append((name, path, page, session))
            for name, path, page, session in tabs:
                results[name] = {"first": visit(page, session, f"http://127.0.0.1:{PORT}{path}").summary()}
            for name, path, page, session in tabs:
                results[name]["again"] = visit(page, session, f"http://127.0.0.1:{PORT}{path}").summary()
            time.sleep(max_age + 2)
            for name, path, page, session in tabs:
                results[name]["later"] = visit(page, session, f"http://127.0.0.1:{PORT}{path}").summary()
            browser.close()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

    print(f"\n| page | first visit: bytes (requests) | of which HTML | again within {max_age} s: bytes (requests) | "
          f"after {max_age} s: bytes (requests), HTML status | CSS / static files fetched again |")
    print("| --- | ---: | ---: | ---: | --- | ---: |")
    for name, _path in pages:
        first, again, later = (results[name][key] for key in ("first", "again", "later"))
        print(f"| {name} | {first['bytes']:,} ({first['requests']}) | {first['html_bytes']:,} | "
              f"{again['bytes']:,} ({again['requests']}) | "
              f"{later['bytes']:,} ({later['requests']}), {later['html_status']} | "
              f"{again['css_fetched'] + later['css_fetched']} / {again['static_fetched'] + later['static_fetched']} |")


if __name__ == "__main__":
    main()

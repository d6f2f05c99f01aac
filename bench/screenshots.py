"""The screenshots in docs/: a Persian measure page (desktop) and the dashboard on a phone (Arabic).

    .venv/bin/python bench/screenshots.py

Loads the content into the configured database (DATABASE_URL, SQLite by default), serves it with
Django's development server and photographs the pages in Chromium (/usr/bin/chromium, or
$CHROMIUM), the browser the browser tests use. Run it again after a change to the pages' look.
"""

import os
import subprocess
import sys

from common import ROOT, setup_django, wait_until_answering

PORT = 8765
SHOTS = [
    # (file in docs/, language, page, viewport, whole page)
    ("screenshot-massnahme-fa.png", "fa", "measure", {"width": 1280, "height": 900}, True),
    ("screenshot-umsetzungsstand-phone-ar.png", "ar", "dashboard", {"width": 390, "height": 844}, True),
]


def main():
    setup_django()
    from django.urls import reverse
    from django.utils import translation
    from playwright.sync_api import sync_playwright

    from massnahmen.models import Massnahme

    def address(language, page):
        with translation.override(language):
            if page == "measure":  # German names, districts in brackets and a German history note
                return Massnahme.objects.get(external_id="zw2020-01").get_absolute_url()
            return reverse("massnahmen:dashboard")

    # The addresses before the browser starts: Playwright's event loop forbids the ORM in this thread.
    addresses = {(language, page): address(language, page) for _name, language, page, _v, _f in SHOTS}

    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        cwd=ROOT, env={**os.environ, "DEBUG": "true"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        wait_until_answering(base + "/de/", server, "runserver")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                                 args=["--no-sandbox"])
            for name, language, page_name, viewport, full_page in SHOTS:
                page = browser.new_page(viewport=viewport)
                page.goto(base + addresses[language, page_name])
                page.screenshot(path=str(ROOT / "docs" / name), full_page=full_page)
                print(f"docs/{name}")
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()

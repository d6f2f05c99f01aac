"""PDF generation and cached serving, per language, against a minimal Django view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/pdf.py

Prints, for each language: cold generation time of the Leitlinien PDF (cache empty),
median time to serve it from the cache, the speed-up, and the cached time as a ratio to
the minimal view /healthz/ served by the same Django in the same run. In-process
(Django's test client, no network), so the figures are the application's own cost.
"""

import io
import tempfile

from pypdf import PdfReader

from common import database_label, setup_django, timed

REPEAT_CACHED = 200


def main():
    setup_django()
    from django.conf import settings
    from django.core.cache import caches
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    with tempfile.TemporaryDirectory() as cache_dir, override_settings(
        ALLOWED_HOSTS=["testserver"],
        CACHES={**settings.CACHES, "pdf": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                                           "LOCATION": cache_dir}},
    ):
        def get(url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        minimal, _ = timed(lambda: get("/healthz/"), REPEAT_CACHED)
        print(f"database: {database_label()}")
        print(f"minimal view /healthz/: {minimal * 1000:.2f} ms median over {REPEAT_CACHED}")
        print(f"{'lang':<5} {'pages':>5} {'KiB':>6} {'cold ms':>9} {'cached ms':>10} {'speed-up':>9} {'cached/minimal':>15}")
        for code, _name in settings.LANGUAGES:
            url = f"/{code}/leitlinien/pdf/"
            caches["pdf"].clear()
            cold, _ = timed(lambda: get(url), 1)
            data = get(url).content
            cached, _ = timed(lambda: get(url), REPEAT_CACHED)
            pages = len(PdfReader(io.BytesIO(data)).pages)
            print(f"{code:<5} {pages:>5} {len(data) / 1024:>6.0f} {cold * 1000:>9.0f} {cached * 1000:>10.2f} "
                  f"{cold / cached:>8.0f}× {cached / minimal:>14.1f}×")
        caches["pdf"].clear()
        report_cold, _ = timed(lambda: get("/de/massnahmen/bericht.pdf"), 1)
        report_cached, _ = timed(lambda: get("/de/massnahmen/bericht.pdf"), REPEAT_CACHED)
        print(f"report de (all measures): cold {report_cold * 1000:.0f} ms, cached {report_cached * 1000:.2f} ms, "
              f"speed-up {report_cold / report_cached:.0f}×")


if __name__ == "__main__":
    main()

"""Cache-miss render time per page type, in-process: the application's own cost, without a server.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/render.py

Renders every page type of bench/load.py with Django's test client and the page cache off,
`--repeat` times each, and prints the median and 95th percentile in milliseconds, the queries
per request and each page's ratio to the minimal view measured in the same run (requests per
second, as bench/load.py reports them). Fills the database first (bench/fill.py).
"""

import argparse

from common import database_label, setup_django, timed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--measures", type=int, default=5000)
    arguments = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from fill import fill
    from load import page_types

    fill(arguments.measures)
    settings.PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False  # as in production: no query log
    client = Client()
    print(f"database: {database_label()}; {arguments.repeat} requests per page, page cache off")
    print(f"{'page':40} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'ratio':>8}")
    minimal = None
    for name, url in page_types():
        if url.endswith("/pdf/"):
            continue  # a cold PDF is bench/pdf.py's subject
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
            response = client.get(url)
        assert "X-Page-Cache" not in response, "the page cache must be off"
        median, p95 = timed(lambda: client.get(url), arguments.repeat)
        minimal = minimal or median
        print(f"{name:40} {median * 1000:8.2f} {p95 * 1000:8.2f} {len(queries):8d} {minimal / median:7.3f}×")


if __name__ == "__main__":
    main()

"""Production configuration: `check --deploy` clean, hashed static files, backup and restore."""

import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from handlungsfelder.models import Leitlinie
from core.models import TranslationRecord
from massnahmen.models import Massnahme, StatusChange

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "integration.magdeburg.de",
    "PORTAL_BASE_URL": "https://integration.magdeburg.de",
}


def manage(*args, env=None, **kwargs):
    # A production process: without the test run's own switches (the browser tests' async flag).
    base = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, capture_output=True, text=True,
                          env={**base, **PRODUCTION_ENV, **(env or {})}, **kwargs)


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", env={"SECRET_KEY": ""})
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_collectstatic_writes_hashed_compressed_files(tmp_path):
    root = tmp_path / "static"
    # Brotli at its default quality 11 is ~95 % of the run (about 20 s for bootstrap's 6 MB of CSS and
    # maps); quality 4 writes the same files in a tenth of the time, and the ratio is not what is tested.
    result = manage("shell", "-c", (
        "import brotli; compress = brotli.compress; brotli.compress = lambda data: compress(data, quality=4); "
        "from django.conf import settings; from django.core.management import call_command; "
        f"settings.STATIC_ROOT = {str(root)!r}; call_command('collectstatic', '--noinput', verbosity=0)"
    ))
    assert result.returncode == 0, result.stderr
    hashed = list((root / "vendor" / "bootstrap").glob("bootstrap.rtl.min.*.css"))
    assert hashed and any(path.with_name(path.name + ".gz").exists() for path in hashed)
    assert any(path.with_name(path.name + ".br").exists() for path in hashed)
    assert (root / "staticfiles.json").exists()

    # A repeated visit downloads no CSS again: pages name the hashed files, and WhiteNoise serves
    # those as immutable for a year (a changed file gets a new name); an unhashed name only briefly.
    result = manage("shell", "-c", (
        "from django.templatetags.static import static; from django.test import Client; "
        "client = Client(HTTP_HOST='integration.magdeburg.de'); "
        "hashed = static('css/portal.css'); plain = '/static/css/portal.css'; print(hashed); "
        "[print(client.get(url, secure=True, HTTP_ACCEPT_ENCODING='gzip, br').status_code, "
        "client.get(url, secure=True, HTTP_ACCEPT_ENCODING='gzip, br').headers) for url in (hashed, plain)]"
    ), env={"STATIC_ROOT": str(root)})
    assert result.returncode == 0, result.stderr
    hashed_url, hashed_response, plain_response = result.stdout.strip().splitlines()[-3:]
    assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", hashed_url)
    assert hashed_response.startswith("200 ") and "'Cache-Control': 'max-age=315360000, public, immutable'" in hashed_response
    # Compressed: Brotli, or gzip where the fast Brotli of this test is no smaller (WhiteNoise keeps the smaller).
    assert re.search(r"'Content-Encoding': '(br|gzip)'", hashed_response)
    assert plain_response.startswith("200 ") and "'Cache-Control': 'max-age=60, public'" in plain_response


def counts(cursor):
    tables = {
        "massnahmen": Massnahme._meta.db_table, "history": StatusChange._meta.db_table,
        "leitlinien": Leitlinie._meta.db_table, "translations": TranslationRecord._meta.db_table,
    }
    result = {}
    for name, table in tables.items():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        result[name] = cursor.fetchone()[0]
    cursor.execute(f'SELECT "text_ar" FROM "{Leitlinie._meta.db_table}" ORDER BY id LIMIT 1')
    result["first_statement_ar"] = cursor.fetchone()[0]
    return result


# Several seconds on PostgreSQL: pg_dump, createdb, pg_restore and dropdb of the whole content.
@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database(tmp_path):
    """The documented procedure (docs/deployment.md): pg_dump -Fc, then pg_restore into an empty database."""
    with connection.cursor() as cursor:
        original = counts(cursor)
    assert original["massnahmen"] == 22 and original["translations"] > 1000
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        base = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"] or "postgres"]
        if not shutil.which("pg_dump"):
            pytest.fail("pg_dump is not installed (Debian: postgresql-client)")
        dump = tmp_path / "portal.dump"
        subprocess.run(["pg_dump", *base, "-Fc", "-f", str(dump), db["NAME"]], check=True)
        target = f"{db['NAME']}_restore"  # of this run's database: other runs and workers use their own
        subprocess.run(["dropdb", *base, "--if-exists", target], check=True)
        subprocess.run(["createdb", *base, target], check=True)
        try:
            subprocess.run(["pg_restore", *base, "--no-owner", "-d", target, str(dump)], check=True)
            import psycopg2

            restored = psycopg2.connect(host=base[1], port=base[3], user=base[5], dbname=target)
            try:
                with restored.cursor() as cursor:
                    assert counts(cursor) == original
            finally:
                restored.close()
        finally:
            subprocess.run(["dropdb", *base, "--if-exists", target], check=True)
    else:
        # SQLite (development): the online backup API, which is what `sqlite3 db.sqlite3 .backup` uses.
        source = connection.connection
        backup = sqlite3.connect(tmp_path / "backup.sqlite3")
        source.backup(backup)
        assert counts(backup.cursor()) == original
        backup.close()

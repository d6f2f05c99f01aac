"""Caches never serve what another database, or an older state of this one, wrote (issue 21).

The page cache, the PDF cache directory and the ETags outlive a database: staging and production
may share a Redis, a backup restored after the stamp had moved on counts to the same numbers
again, a test database is loaded anew while var/pdf-cache stays. Each process here is a portal
against a database of its own (tests/integration_portal/content_state.py), all of them sharing
one PDF cache directory and one page cache.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from core.models import ContentStamp
from handlungsfelder.models import Leitlinie, LeitlinienEdition
from massnahmen.models import Massnahme
from netzwerk.models import Netzwerkpartner

pytestmark = pytest.mark.django_db
SCRIPT = Path(__file__).with_name("content_state.py")

A_STATEMENT = "STALE TEXT FROM DATABASE A"
A_TITLE = "Titel aus Datenbank A"
B_DESCRIPTION = "Beschreibung aus Datenbank B"
MARKERS = [A_STATEMENT, A_TITLE, B_DESCRIPTION]


class Backup:
    """The session's database (the Magdeburg content, committed) dumped once and restored as often as asked.

    With each backend's own tools, as docs/deployment.md describes them: pg_dump -Fc and
    pg_restore into an empty database on PostgreSQL; the online backup API on SQLite, which is
    what `sqlite3 db.sqlite3 ".backup …"` uses.
    """

    def __init__(self, directory):
        self.directory, self.databases = directory, {}
        self.db = connection.settings_dict
        if connection.vendor == "postgresql":
            self.server = ["-h", self.db["HOST"] or "127.0.0.1", "-p", str(self.db["PORT"] or 5432),
                           "-U", self.db["USER"] or "postgres"]
            self.dump = directory / "portal.dump"
            # pg_dump reads what is committed: the session's content, not this test's open transaction.
            subprocess.run(["pg_dump", *self.server, "-Fc", "-f", str(self.dump), self.db["NAME"]], check=True)
        else:
            self.dump = directory / "portal-backup.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(self.dump)
            connection.connection.backup(target)
            target.close()

    def restore(self, name):
        """A new database with the dump's content; its DATABASE_URL."""
        if connection.vendor != "postgresql":
            shutil.copyfile(self.dump, self.directory / f"{name}.sqlite3")
            return self.url(name)
        self.admin(f'CREATE DATABASE "{self.named(name)}"')
        subprocess.run(["pg_restore", *self.server, "--no-owner", "-d", self.named(name), str(self.dump)], check=True)
        return self.url(name)

    def copy(self, source, name):
        """A new database with what database `source` (unused since) holds: quicker than a second restore."""
        if connection.vendor != "postgresql":
            shutil.copyfile(self.directory / f"{source}.sqlite3", self.directory / f"{name}.sqlite3")
        else:
            self.admin(f'CREATE DATABASE "{self.named(name)}" TEMPLATE "{self.named(source)}"')
        return self.url(name)

    def named(self, name):
        """The PostgreSQL database of this test's `name`: a name of its own, dropped at the end."""
        if name not in self.databases:
            self.databases[name] = f"ident_{name}_{uuid.uuid4().hex[:8]}"
        return self.databases[name]

    def url(self, name):
        if connection.vendor != "postgresql":
            return f"sqlite:///{self.directory / f'{name}.sqlite3'}"
        return f"postgres://{self.server[5]}@{self.server[1]}:{self.server[3]}/{self.named(name)}"

    def admin(self, sql):
        # A connection of its own: CREATE/DROP DATABASE run outside a transaction, and the test's
        # database stays untouched (no transactional test, no flush of the session's content).
        import psycopg2

        admin = psycopg2.connect(host=self.server[1], port=self.server[3], user=self.server[5], dbname="postgres")
        admin.autocommit = True
        try:
            with admin.cursor() as cursor:
                cursor.execute(sql)
        finally:
            admin.close()

    def drop(self):
        for name in self.databases.values():
            self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def backup(tmp_path):
    backup = Backup(tmp_path)
    yield backup
    backup.drop()


def portal(database_url, caches, edits=(), get=(), markers=MARKERS):
    """One process of the portal against `database_url`: the edits as one content change, then the GETs."""
    plan = {"edits": list(edits), "get": list(get), "markers": markers}
    # A process of its own: without the test run's own switches (the browser tests' async flag).
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run([sys.executable, str(SCRIPT), json.dumps(plan)], capture_output=True, text=True,
                            timeout=120, env={**env, **caches, "DATABASE_URL": database_url})
    assert result.returncode == 0, result.stderr[-3000:]
    run = json.loads(result.stdout.strip().splitlines()[-1])
    assert {url: answer["status"] for url, answer in run["responses"].items()} == dict.fromkeys(get, 200)
    return run


def found(run):
    return {url: answer["found"] for url, answer in run["responses"].items()}


# Slow by design: three processes of the portal, each a deployment with a database of its own, four
# PDFs rendered (the Leitlinien and a report, for A and for B). Measured on a busy 2-core machine:
# 9 to 14 s on SQLite; 17 s on PostgreSQL, plus 5 s to drop its two databases.
def test_each_database_is_served_only_what_it_wrote(backup, tmp_path):
    statement = Leitlinie.objects.get(edition=LeitlinienEdition.objects.current(), handlungsfeld__number=2, position=5)
    partner = Netzwerkpartner.objects.get(slug="jugendamt")
    measure = Massnahme.objects.public().filter(partner=partner).order_by("pk").first()
    leitlinien, report, page = "/en/leitlinien/pdf/", f"/de/massnahmen/bericht.pdf?partner={partner.slug}", \
        partner.get_absolute_url()
    caches = {"PDF_CACHE_DIR": str(tmp_path / "pdf"), "SHARED_PAGE_CACHE": str(tmp_path / "pages")}

    # B is the dump restored, and changed otherwise; A, a copy of the same state, is the database
    # that went on after the dump was taken.
    database_b = backup.restore("b")
    database_a = backup.copy("b", "a")
    a = portal(database_a, caches, get=[leitlinien, report, page], edits=[
        ("handlungsfelder.Leitlinie", statement.pk, "text_en", A_STATEMENT),
        ("massnahmen.Massnahme", measure.pk, "title_de", A_TITLE),
    ])
    assert found(a) == {leitlinien: [A_STATEMENT], report: [A_TITLE], page: [A_TITLE]}
    assert a["responses"][page]["page_cache"] == "miss"
    assert len(list((tmp_path / "pdf").iterdir())) == 2

    b = portal(database_b, caches, get=[leitlinien, report, page], edits=[
        ("netzwerk.Netzwerkpartner", partner.pk, "description_de", B_DESCRIPTION),
    ])
    # The case of the issue: both databases count the stamp to the same number, with other content.
    value_a, _token = a["identity"].split(".")
    value_b, _token = b["identity"].split(".")
    assert value_a == value_b and a["identity"] != b["identity"]
    assert found(b) == {leitlinien: [], report: [], page: [B_DESCRIPTION]}
    assert b["responses"][page]["page_cache"] == "miss"
    assert b["responses"][page]["etag"] != a["responses"][page]["etag"]
    assert len(list((tmp_path / "pdf").iterdir())) == 4  # B's own two, beside A's

    # A's entries are still A's: served from the shared caches, nothing rendered anew.
    again = portal(database_a, caches, get=[leitlinien, report, page])
    assert found(again) == found(a)
    assert again["responses"][page]["page_cache"] == "hit"
    assert again["responses"][page]["etag"] == a["responses"][page]["etag"]
    assert len(list((tmp_path / "pdf").iterdir())) == 4


def test_every_bump_draws_a_new_token_with_the_next_value():
    before = ContentStamp.identity()
    ContentStamp.bump()
    after = ContentStamp.identity()
    value, token = before.split(".")
    assert after.split(".")[0] == str(int(value) + 1)
    assert len(token) == 32 and after.split(".")[1] not in (token, "")


def test_a_database_without_the_stamp_row_gets_one_of_its_own():
    """Just migrated or flushed: not a constant that every such database would answer alike."""
    ContentStamp.objects.all().delete()
    first = ContentStamp.identity()
    assert first == ContentStamp.identity() and first.startswith("1.")
    ContentStamp.objects.all().delete()
    assert ContentStamp.identity() != first

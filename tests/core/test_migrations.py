"""A database migrated to the heads of before the move to core migrates forward without losing a row."""

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

SCRIPT = Path(__file__).with_name("migrate_forward.py")


@pytest.fixture
def empty_database_url(tmp_path):
    """An empty database of the kind the suite runs on (a file for SQLite, a new database for PostgreSQL)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'forward.sqlite3'}"
        return
    import psycopg2

    name = f"forward_{uuid.uuid4().hex[:8]}"
    settings = connection.settings_dict
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or "5432"
    # A connection of its own: CREATE DATABASE runs outside a transaction, and the test's
    # database stays untouched (no transactional test, no flush of the session's content).
    admin = psycopg2.connect(host=host, port=port, user=settings["USER"], dbname="postgres")
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield f"postgres://{settings['USER']}@{host}:{port}/{name}"
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()


# A process of its own that migrates a whole database three times: about 10 s.
@pytest.mark.django_db
def test_rows_survive_the_move_to_core_and_the_renamed_relations(empty_database_url):
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "DATABASE_URL": empty_database_url})
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["stamp"] == 41
    # The row that was there drew a token of its own (core 0002): with the value, its content state.
    assert re.fullmatch("[0-9a-f]{32}", found["stamp_token"])
    assert found["source"] == ["handlungsfelder", 3, "title"]
    assert found["translation"] == ["ar", "b" * 32]
    assert found["ansprechstelle"] == "stabsstelle"
    assert found["projekt_quellen"] == ["AMIF"] and found["massnahme_quellen"] == ["AMIF"]
    # Staff groups keep the permission they were given; the fresh duplicate gave way.
    assert found["group"] == [["core", "view_contentstamp"]]
    assert found["stamp_types"] == ["core"]
    assert found["tables"] == ["core_contentstamp", "core_outboundmail", "core_searchdocument", "core_sourcetext",
                               "core_sourcewording", "core_synonym", "core_translationrecord",
                               "integration_portal_barrierenmeldung", "integration_portal_seite"]

"""The API against its own OpenAPI document: Schemathesis, all its checks, every phase.

Schemathesis's engine (what its CLI runs: examples, coverage incl. undeclared methods,
fuzzing, stateful) sends its requests in-process to Django's WSGI handler, so the run sees
this test's database: the Magdeburg content, and what a test adds. Bounded by a fixed seed
and max-examples, it stays within a few seconds; `SCHEMATHESIS_MAX_EXAMPLES=100` runs it
as thoroughly as Schemathesis does by default.
"""

import logging
import os
import time
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connections
from schemathesis.engine import Status, events, from_schema


pytestmark = pytest.mark.django_db

SEED = int(os.environ.get("SCHEMATHESIS_SEED", "22"))
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8"))
OPERATIONS = {f"{method} {path}" for path in ("/handlungsfelder/", "/leitlinien/", "/massnahmen/",
                                              "/massnahmen/{id}/", "/partner/")
              for method in ("GET", "HEAD", "OPTIONS")}


@pytest.fixture
def wsgi_app(settings, caplog):
    """Django's WSGI handler, answering from this test's transaction whichever thread calls it.

    Schemathesis's engine sends its requests from a worker thread. As Django's LiveServerThread
    does, the worker is given this thread's connection (so it sees the test's data and
    nothing is committed), and, as Django's test client does, the request signals do not
    close it in between.
    """
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]  # the host Schemathesis's WSGI client sends
    caplog.set_level(logging.ERROR, logger="django.request")  # the hundreds of 4xx it provokes are on purpose
    connection = connections["default"]
    handler = WSGIHandler()

    def app(environ, start_response):
        connections["default"] = connection
        return handler(environ, start_response)

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    connection.inc_thread_sharing()
    try:
        yield app
    finally:
        connection.dec_thread_sharing()
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def run_schemathesis(app):
    """Every phase and check of Schemathesis against /api/openapi.json: (requests per method, operations, failures)."""
    config = schemathesis.Config.from_dict({
        "seed": SEED, "workers": 1, "checks": {"enabled": True},
        "generation": {"max-examples": MAX_EXAMPLES, "database": "none"},
        # Its WSGI client hands the body over as sent; it would not undo GZipMiddleware's gzip.
        "headers": {"Accept-Encoding": "identity"},
    })
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app, config=config)
    requests, operations, failures = Counter(), set(), []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            for interaction in event.recorder.interactions.values():
                requests[interaction.request.method] += 1
            operations.add(event.label)
            for checks in event.recorder.checks.values():
                failures += [f"{event.label}: {check.name}: {check.failure_info.failure.title}\n"
                             f"{check.failure_info.failure.message}\n{check.failure_info.code_sample}"
                             for check in checks if check.status == Status.FAILURE]
        elif isinstance(event, events.NonFatalError):
            failures.append(f"{event.label}: {event.info.format()}")
        elif isinstance(event, events.FatalError):
            failures.append(f"fatal: {event.exception!r}")
    return requests, operations, failures


def test_the_api_passes_schemathesis_with_all_checks(wsgi_app):
    started = time.monotonic()
    requests, operations, failures = run_schemathesis(wsgi_app)
    elapsed = time.monotonic() - started
    total = sum(requests.values())
    print(f"Schemathesis: {total} requests, seed {SEED}, max-examples {MAX_EXAMPLES}, {elapsed:.1f} s")
    assert not failures, "\n\n".join(failures)
    assert OPERATIONS <= operations, sorted(OPERATIONS - operations)
    # The coverage phase tried undeclared methods too (they must have been 405s to pass).
    assert {"GET", "HEAD", "OPTIONS", "POST", "DELETE", "TRACE"} <= set(requests)
    assert total > 100



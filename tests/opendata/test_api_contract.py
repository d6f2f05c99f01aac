"""The API against its own OpenAPI document: Schemathesis, all its checks, every phase.

Schemathesis's engine, what its CLI runs (examples; coverage, undeclared methods included;
fuzzing; the stateful phase finds no links to follow here), sends its requests in-process to
Django's WSGI handler, so the run sees this test's database: the Magdeburg content, and what
a test adds. A fixed seed and a few examples per operation keep it to some ten seconds;
`SCHEMATHESIS_MAX_EXAMPLES=100` runs it as hard as Schemathesis does by default, and
`SCHEMATHESIS_SEED` draws other examples.
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
from schemathesis.engine import Status, StopReason, events, from_schema

pytestmark = pytest.mark.django_db

SEED = int(os.environ.get("SCHEMATHESIS_SEED", "22"))
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8"))
OPERATIONS = {f"{method} {path}" for path in ("/handlungsfelder/", "/leitlinien/", "/massnahmen/",
                                              "/massnahmen/{id}/", "/partner/",
                                              "/beteiligung/", "/beteiligung/{id}/", "/berichtsrunden/",
                                              "/berichtsrunden/{slug}/", "/berichtsrunden/{slug}/massnahmen/")
              for method in ("GET", "HEAD", "OPTIONS")}
# Every check Schemathesis has (max_response_time aside, which needs a limit): each must have run.
CHECKS = {"not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
          "response_schema_conformance", "positive_data_acceptance", "negative_data_rejection", "use_after_free",
          "ensure_resource_availability", "missing_required_header", "ignored_auth", "object_level_authorization",
          "unsupported_method", "allow_header_conformance"}


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
    """Every phase and check of Schemathesis against /api/openapi.json, as its CLI would run them."""
    config = schemathesis.Config.from_dict({
        "seed": SEED, "workers": 1, "checks": {"enabled": True},
        "generation": {"max-examples": MAX_EXAMPLES, "database": "none"},
        # Its WSGI client hands the body over as sent; it would not undo GZipMiddleware's gzip.
        "headers": {"Accept-Encoding": "identity"},
    })
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app, config=config)
    run = {"requests": Counter(), "operations": set(), "checks": set(), "failures": [], "stop": None}
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            run["operations"].add(event.label)
            run["requests"].update(interaction.request.method for interaction in event.recorder.interactions.values())
            for checks in event.recorder.checks.values():
                run["checks"].update(check.name for check in checks)
                run["failures"] += [f"{event.label}: {check.name}: {check.failure_info.failure.title}\n"
                                    f"{check.failure_info.failure.message}\n{check.failure_info.code_sample}"
                                    for check in checks if check.status == Status.FAILURE]
            if event.status == Status.ERROR:
                run["failures"].append(f"{event.label}: an error in the run (see the NonFatalError)")
        elif isinstance(event, events.NonFatalError):
            run["failures"].append(f"{event.label}: {event.info.format()}")
        elif isinstance(event, events.FatalError):
            run["failures"].append(f"fatal: {event.exception!r}")
        elif isinstance(event, events.EngineFinished):
            run["stop"] = event.stop_reason
    return run


# About 10 s: some 640 generated requests against the five operations, every check on each.
def test_the_api_passes_schemathesis_with_all_checks(wsgi_app):
    started = time.monotonic()
    run = run_schemathesis(wsgi_app)
    total = sum(run["requests"].values())
    print(f"Schemathesis: {total} requests ({dict(run['requests'])}), seed {SEED}, max-examples {MAX_EXAMPLES}, "
          f"{time.monotonic() - started:.1f} s")
    assert not run["failures"], "\n\n".join(run["failures"])
    assert run["stop"] == StopReason.COMPLETED
    assert CHECKS <= run["checks"], sorted(CHECKS - run["checks"])
    assert OPERATIONS <= run["operations"], sorted(OPERATIONS - run["operations"])
    # The coverage phase tried undeclared methods too (to pass, they were 405s with Allow).
    assert {"GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE", "TRACE"} <= set(run["requests"])
    assert total > 100

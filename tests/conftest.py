import shutil
import tempfile

import pytest
from django.core.management import call_command
from django.db.models import F as models_F
from django.test import Client

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class PortalClient(Client):
    """force_login with the account backend: the first configured one is django-axes' check."""

    def force_login(self, user, backend=MODEL_BACKEND):
        super().force_login(user, backend=backend)


@pytest.fixture
def client():
    return PortalClient()


def pytest_configure(config):
    from django.conf import settings

    # Accounts in tests need no protection against brute force: the production hasher takes
    # about half a second per password (docs/security.md names the one that is used).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # PDFs are cached on disk under the content stamp, which starts at the same value in every run
    # and in every xdist worker: each test process gets a directory of its own.
    pdf_cache = tempfile.mkdtemp(prefix="portal-test-pdf-")
    settings.CACHES["pdf"]["LOCATION"] = pdf_cache
    config.add_cleanup(lambda: shutil.rmtree(pdf_cache, ignore_errors=True))


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}


def uses_database(item):
    return item.get_closest_marker("django_db") is not None or bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def load_content():
    from handlungsfelder.models import Handlungsfeld

    if not Handlungsfeld.objects.exists():
        call_command("loadcontent", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """The real Magdeburg content, loaded once per session and database and committed.

    Every ordinary test runs in a transaction on top of it that is rolled back. pytest-django
    runs the transactional tests (browser, threads) after all the others; each of them flushes
    the database at its end, so the next one loads the content again (magdeburg_content).
    """
    # pytest-django sets up no test database when no collected test uses one: then there is
    # nothing to load into (and the configured database is not the tests' to fill).
    if not any(uses_database(item) for item in request.session.items):
        return
    with django_db_blocker.unblock():
        load_content()


def check_history_is_a_record():
    """Every measure's status is its latest history row's, and no history row lost the partner or
    the person it named (their rows still exist). Run on what each transactional test committed
    (a browser test writes through the UI), before Django flushes it."""
    from django.contrib.auth import get_user_model
    from django.db.models import OuterRef, Subquery

    from massnahmen.models import Massnahme, StatusChange
    from netzwerk.models import Netzwerkpartner

    latest = StatusChange.objects.filter(massnahme=OuterRef("pk")).order_by("-changed_at", "-pk").values("new_status")[:1]
    drifted = list(Massnahme.objects.annotate(latest=Subquery(latest)).exclude(status=models_F("latest"))
                   .values_list("external_id", "status", "latest"))
    assert not drifted, f"current status differs from the latest history row: {drifted[:10]}"
    orphans = StatusChange.objects.exclude(partner__isnull=True).exclude(partner__in=Netzwerkpartner.objects.all())
    orphans = orphans.union(StatusChange.objects.exclude(changed_by__isnull=True)
                            .exclude(changed_by__in=get_user_model().objects.all()))
    assert not orphans.exists(), "history rows name a partner or a person that no longer exists"


@pytest.fixture(autouse=True)
def magdeburg_content(request, django_db_setup, django_db_blocker):
    """The content again for a transactional test that follows another one (which flushed it).

    For every other test this is one EXISTS query: the session's content is there. What a
    transactional test committed (a browser test's status reports) is checked before its flush.
    A test without database access needs none (and, run after the flushing tests, would reload it).
    """
    if not uses_database(request.node):
        yield
        return
    with django_db_blocker.unblock():
        load_content()
    yield
    marker = request.node.get_closest_marker("django_db")
    if "live_server" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        with django_db_blocker.unblock():
            check_history_is_a_record()


@pytest.fixture(scope="session", autouse=True)
def mail_log(django_test_environment):
    """Mails go through the mail log as in operation, delivered to django.core.mail.outbox.

    pytest-django sets EMAIL_BACKEND to the in-memory backend; here that is the one behind the log.
    """
    from django.conf import settings

    settings.EMAIL_BACKEND = "core.mail.LoggingBackend"
    settings.PORTAL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: a rolled-back test may reuse a content stamp value."""
    from django.core.cache import caches

    from core.page_cache import stamp_memo

    for cache in caches.all(initialized_only=True):
        cache.clear()
    stamp_memo.forget()


@pytest.fixture(autouse=True)
def source_language():
    """Each test starts in German: the locale middleware leaves the last request's language active."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.deactivate()


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "stabsstelle", password="Sicheres-Passwort-2024", is_staff=True, is_superuser=True
    )


@pytest.fixture
def staff_client(staff_user):
    """A separate browser session for staff, so a test can also act as a partner with `client`."""
    staff = PortalClient()
    staff.force_login(staff_user)
    return staff

import pytest
from django.core.management import call_command
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


def load_content():
    from handlungsfelder.models import Handlungsfeld

    if not Handlungsfeld.objects.exists():
        call_command("loadcontent", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The real Magdeburg content, loaded once per session and database and committed.

    Every ordinary test runs in a transaction on top of it that is rolled back. pytest-django
    runs the transactional tests (browser, threads) after all the others; each of them flushes
    the database at its end, so the next one loads the content again (magdeburg_content).
    """
    with django_db_blocker.unblock():
        load_content()


@pytest.fixture(autouse=True)
def magdeburg_content(django_db_setup, django_db_blocker):
    """The content again for a transactional test that follows another one (which flushed it).

    For every other test this is one EXISTS query: the session's content is there.
    """
    with django_db_blocker.unblock():
        load_content()


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

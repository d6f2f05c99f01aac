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


@pytest.fixture(autouse=True)
def magdeburg_content(django_db_setup, django_db_blocker):
    """The real Magdeburg content, committed to the test database.

    Loaded once; reloaded only after a transactional test (a browser test) flushed it.
    Autouse fixtures run before the test's own transaction opens, so this is committed.
    """
    from handlungsfelder.models import Handlungsfeld

    with django_db_blocker.unblock():
        if not Handlungsfeld.objects.exists():
            call_command("loadcontent", verbosity=0)


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: a rolled-back test may reuse a content stamp value."""
    from django.core.cache import caches

    from integration_portal.page_cache import stamp_memo

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

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The real Magdeburg content, loaded once into the test database."""
    with django_db_blocker.unblock():
        call_command("loadcontent", verbosity=0)


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "stabsstelle", password="Sicheres-Passwort-2024", is_staff=True, is_superuser=True
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client

"""Who may see the reporting rounds' routes: the public ones × every role, walked as one matrix.

A closed round is public to everyone, the same for every role; an open one is public to nobody
(also not to staff: they see it in the admin). A route under /<lang>/berichtsrunden/ or
/api/berichtsrunden/ missing from the matrix fails test_every_round_route_is_in_the_matrix.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from massnahmen.models import Berichtsrunde
from netzwerk.models import Netzwerkpartner, PartnerMembership
from tests.routes import route_names

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "partner", "staff"]
ALL = dict.fromkeys(ROLES, 200)
NONE = dict.fromkeys(ROLES, 404)
TODAY = timezone.localdate()


@pytest.fixture
def rounds(staff_user):
    closed = Berichtsrunde.objects.create(title_de="Runde 2021", slug="runde-2021", period_start=datetime.date(2021, 1, 1),
                                          period_end=datetime.date(2021, 12, 31))
    closed.close(by=staff_user)
    later = Berichtsrunde.objects.create(title_de="Runde 2022", slug="runde-2022", period_start=datetime.date(2022, 1, 1),
                                         period_end=datetime.date(2022, 12, 31))
    later.close(by=staff_user)
    Berichtsrunde.objects.create(title_de="Offen", slug="offen", period_start=datetime.date(2026, 1, 1), period_end=TODAY)


MATRIX = {
    # name: [(url, {role: status}), …]: each route with a closed round and, where it names one, an open one.
    "massnahmen:rounds": [(lambda: reverse("massnahmen:rounds"), ALL)],
    "massnahmen:round-compare-choose": [
        (lambda: reverse("massnahmen:round-compare-choose") + "?von=runde-2021&bis=runde-2022", dict.fromkeys(ROLES, 302)),
        (lambda: reverse("massnahmen:round-compare-choose") + "?von=runde-2021&bis=offen", dict.fromkeys(ROLES, 400))],
    "massnahmen:round": [(lambda: reverse("massnahmen:round", args=["runde-2021"]), ALL),
                         (lambda: reverse("massnahmen:round", args=["offen"]), NONE)],
    "massnahmen:round-pdf": [(lambda: reverse("massnahmen:round-pdf", args=["runde-2021"]), ALL),
                             (lambda: reverse("massnahmen:round-pdf", args=["offen"]), NONE)],
    "massnahmen:round-xlsx": [(lambda: reverse("massnahmen:round-xlsx", args=["runde-2021"]), ALL),
                              (lambda: reverse("massnahmen:round-xlsx", args=["offen"]), NONE)],
    "massnahmen:round-compare": [
        (lambda: reverse("massnahmen:round-compare", args=["runde-2021", "runde-2022"]), ALL),
        (lambda: reverse("massnahmen:round-compare", args=["runde-2021", "offen"]), NONE)],
    "opendata:rounds-csv": [(lambda: reverse("opendata:rounds-csv"), ALL)],
    "opendata:rounds-json": [(lambda: reverse("opendata:rounds-json"), ALL)],
    "opendata:rounds-feed": [(lambda: reverse("opendata:rounds-feed"), ALL)],
    "opendata:round-snapshots-csv": [(lambda: reverse("opendata:round-snapshots-csv", args=["runde-2021"]), ALL),
                                     (lambda: reverse("opendata:round-snapshots-csv", args=["offen"]), NONE)],
    "opendata:round-snapshots-json": [(lambda: reverse("opendata:round-snapshots-json", args=["runde-2021"]), ALL),
                                      (lambda: reverse("opendata:round-snapshots-json", args=["offen"]), NONE)],
    "api:api-berichtsrunden": [(lambda: "/api/berichtsrunden/", ALL)],
    "api:api-berichtsrunde": [(lambda: "/api/berichtsrunden/runde-2021/", ALL),
                              (lambda: "/api/berichtsrunden/offen/", NONE)],
    "api:api-berichtsrunde-massnahmen": [(lambda: "/api/berichtsrunden/runde-2021/massnahmen/", ALL),
                                         (lambda: "/api/berichtsrunden/offen/massnahmen/", NONE)],
}


def log_in(client, role, staff_user):
    if role == "partner":
        user = get_user_model().objects.create_user("ja-redaktion", password="Fachstelle-Magdeburg-2025")
        PartnerMembership.objects.create(user=user, partner=Netzwerkpartner.objects.get(slug="jugendamt"))
        client.force_login(user)
    elif role == "staff":
        client.force_login(staff_user)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MATRIX))
def test_round_permission_matrix(client, rounds, staff_user, name, role):
    log_in(client, role, staff_user)
    for url, expected in MATRIX[name]:
        with translation.override("de"):
            target = url()
        response = client.get(target)
        assert response.status_code == expected[role], (name, role, target, response.status_code)


def test_every_round_route_is_in_the_matrix():
    with translation.override("de"):
        routes = route_names("berichtsrunden", api=True)
    missing = set(routes) - set(MATRIX)
    assert not missing, f"Round routes without a permission-matrix row: {sorted(missing)}"
    assert len(routes) >= 14

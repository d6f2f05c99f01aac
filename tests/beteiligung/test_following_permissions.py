"""Who may use the following routes: the public ones are everyone's (no account is needed, the
signed links are the key), staff's DSGVO page needs staff with the permission. A route of the
`following` namespace missing here fails test_every_following_route_is_in_the_matrix."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from beteiligung.models import Follow, State, submit
from handlungsfelder.models import Handlungsfeld
from massnahmen.models import Herausforderung, Massnahme

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "partner", "staff_without_permission", "staff"]
ADMIN_LOGIN = 302


def measure():
    return Massnahme.objects.public().order_by("pk").first()


def public_entry():
    entry = submit(title="Treffpunkt", text="Text", kind=Herausforderung.Kind.IDEE,
                   handlungsfeld=Handlungsfeld.objects.first(), language="de")
    entry.moderation.change_state(State.IN_PRUEFUNG)
    return entry


def a_follow():
    follow, _send = Follow.request("jemand@example.org", measure(), "de")
    return follow


EVERYONE = dict.fromkeys(ROLES, 200)
MATRIX = {
    # name: (method, url builder, data, {role: status})
    "following:follow-massnahme GET": ("get", lambda: reverse("following:follow-massnahme", args=[measure().pk]), None,
                                       EVERYONE),
    "following:follow-massnahme POST": ("post", lambda: reverse("following:follow-massnahme", args=[measure().pk]),
                                        {"email": "neu@example.org", "website": ""}, dict.fromkeys(ROLES, 302)),
    "following:follow-entry GET": ("get", lambda: reverse("following:follow-entry", args=[public_entry().pk]), None,
                                   EVERYONE),
    "following:requested": ("get", lambda: reverse("following:requested"), None, EVERYONE),
    "following:confirm GET": ("get", lambda: a_follow().confirmation_url(), None, EVERYONE),
    "following:confirm forged": ("get", lambda: reverse("following:confirm", args=["1:forged:token"]), None,
                                 dict.fromkeys(ROLES, 410)),
    "following:manage": ("get", lambda: a_follow().manage_url(), None, EVERYONE),
    "admin:beteiligung_follow_privacy": ("get", lambda: reverse("admin:beteiligung_follow_privacy"), None,
                                         {"anonymous": ADMIN_LOGIN, "partner": ADMIN_LOGIN,
                                          "staff_without_permission": 403, "staff": 200}),
    "admin:beteiligung_follow_changelist": ("get", lambda: reverse("admin:beteiligung_follow_changelist"), None,
                                            {"anonymous": ADMIN_LOGIN, "partner": ADMIN_LOGIN,
                                             "staff_without_permission": 403, "staff": 200}),
}


def log_in(client, role, staff_user):
    users = {
        "partner": lambda: get_user_model().objects.create_user("partnerin", password="x"),
        "staff_without_permission": lambda: get_user_model().objects.create_user("neu", password="x", is_staff=True),
        "staff": lambda: staff_user,
    }
    if role != "anonymous":
        client.force_login(users[role]())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(client, staff_user, name, role):
    method, url, data, expected = MATRIX[name]
    log_in(client, role, staff_user)
    with translation.override("de"):
        target = url()
    response = getattr(client, method)(target, data)
    assert response.status_code == expected[role], (name, role, response.status_code)
    if response.status_code == ADMIN_LOGIN and name.startswith("admin:"):
        assert response["Location"].startswith(reverse("admin:login"))


def following_route_names():
    names = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "following":
                names.append(f"following:{pattern.name}")
    walk(get_resolver().url_patterns)
    return names


def test_every_following_route_is_in_the_matrix():
    covered = {key.split(" ")[0] for key in MATRIX}
    missing = set(following_route_names()) - covered
    assert not missing, f"Following routes without a permission-matrix row: {sorted(missing)}"
    assert len(following_route_names()) == 5

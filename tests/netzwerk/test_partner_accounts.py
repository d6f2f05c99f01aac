"""Partner accounts in one place: a partner's admin page lists its editors and invitations,
invites, sends again (the earlier link stops working) and shows the link to copy."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from netzwerk.invitations import invitation_link, invite
from netzwerk.models import Invitation, Netzwerkpartner, PartnerMembership

pytestmark = pytest.mark.django_db

PASSWORD = "Sicheres-Passwort-2024"


@pytest.fixture
def partner():
    return Netzwerkpartner.objects.get(slug="jugendamt")


def path_of(link):
    return re.search(r"https?://[^/\s]+(/\S+/einladung/\S+/)", link).group(1)


def test_partner_page_lists_editors_and_invitations_with_their_state(staff_client, staff_user, partner,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        offen = invite("offen@example.org", partner, "ar", staff_user)
        abgelaufen = invite("alt@example.org", partner, "de", staff_user)
        angenommen = invite("dabei@example.org", partner, "de", staff_user)
    Invitation.objects.filter(pk=abgelaufen.pk).update(created_at=timezone.now() - timedelta(days=30))
    Invitation.objects.filter(pk=angenommen.pk).update(accepted_at=timezone.now())
    response = staff_client.get(reverse("admin:netzwerk_netzwerkpartner_change", args=[partner.pk]))
    content = response.content.decode()
    # the editors (each invitation made a membership), with the language of their mails
    assert {m.user.email for m in response.context["inline_admin_formsets"][0].formset.queryset} == {
        "offen@example.org", "alt@example.org", "dabei@example.org"}
    rows = {row.original.email: row for row in response.context["inline_admin_formsets"][1]}
    assert [str(rows[email].original.state()) for email in ("offen@example.org", "alt@example.org", "dabei@example.org")] \
        == ["offen", "abgelaufen", "angenommen"]
    # the pending one's link to copy is the mailed link; expired and accepted ones show none
    assert f'value="{invitation_link(offen)}"' in content
    assert invitation_link(offen) in mail.outbox[0].body
    assert content.count("einladungen/") == 2  # "erneut senden" for the pending and the expired one
    assert f'href="/admin/netzwerk/invitation/add/?partner={partner.pk}"' in content
    assert "Person einladen" in content
    # did the mail go? the log's outcome of the invitation's mail, on the partner's page
    assert rows["offen@example.org"].original.mail_outcome == "gesendet"
    assert content.count("<p>gesendet (") == 3


def test_only_staff_who_may_invite_see_the_link(staff_user, partner, django_user_model):
    from django.contrib.auth.models import Permission

    from tests.conftest import PortalClient

    invitation = invite("offen@example.org", partner, "de", staff_user)
    viewer = django_user_model.objects.create_user("nur-lesen", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__in=["view_netzwerkpartner", "view_invitation",
                                                                        "view_partnermembership"]))
    client = PortalClient()
    client.force_login(viewer)
    content = client.get(reverse("admin:netzwerk_netzwerkpartner_change", args=[partner.pk])).content.decode()
    assert "offen@example.org" in content
    assert invitation_link(invitation) not in content and "erneut senden" not in content
    assert client.post(reverse("admin:netzwerk_netzwerkpartner_resend", args=[partner.pk, invitation.pk])).status_code == 403


def test_send_again_invalidates_the_earlier_link(client, staff_client, staff_user, partner,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite("zweimal@example.org", partner, "de", staff_user)
    first = path_of(mail.outbox[-1].body)
    Invitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now() - timedelta(days=30))
    url = reverse("admin:netzwerk_netzwerkpartner_resend", args=[partner.pk, invitation.pk])
    assert staff_client.get(url).status_code == 405  # a change is a POST
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:netzwerk_netzwerkpartner_change", args=[partner.pk])
    assert mail.outbox[-1].to == ["zweimal@example.org"] and len(mail.outbox) == 2
    second = path_of(mail.outbox[-1].body)
    assert second != first
    invitation.refresh_from_db()
    assert str(invitation.state()) == "offen"
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200
    response = client.post(second, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    # accepted: not sent again
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url)
    assert len(mail.outbox) == 2


def test_send_again_only_for_the_partners_own_invitation(staff_client, staff_user, partner):
    other = invite("fremd@example.org", Netzwerkpartner.objects.exclude(pk=partner.pk).first(), "de", staff_user)
    url = reverse("admin:netzwerk_netzwerkpartner_resend", args=[partner.pk, other.pk])
    assert staff_client.post(url).status_code == 404


def test_inviting_from_the_partner_page_returns_to_it(staff_client, partner, django_capture_on_commit_callbacks):
    form = staff_client.get(reverse("admin:netzwerk_invitation_add"), {"partner": partner.pk})
    assert form.context["adminform"].form.initial["partner"] == str(partner.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:netzwerk_invitation_add"),
                                     {"email": "neu@example.org", "partner": partner.pk, "language": "tr"})
    assert response["Location"] == reverse("admin:netzwerk_netzwerkpartner_change", args=[partner.pk])
    assert PartnerMembership.objects.filter(user__email="neu@example.org", partner=partner).exists()


def test_invitation_list_filters_by_state(staff_client, staff_user, partner):
    offen = invite("a@example.org", partner, "de", staff_user)
    alt = invite("b@example.org", partner, "de", staff_user)
    dabei = invite("c@example.org", partner, "de", staff_user)
    Invitation.objects.filter(pk=alt.pk).update(created_at=timezone.now() - timedelta(days=8))
    Invitation.objects.filter(pk=dabei.pk).update(accepted_at=timezone.now())
    url = reverse("admin:netzwerk_invitation_changelist")
    for state, expected in (("offen", offen), ("abgelaufen", alt), ("angenommen", dabei)):
        response = staff_client.get(url, {"stand": state})
        assert [i.pk for i in response.context["cl"].result_list] == [expected.pk], state


def test_account_places_are_not_listed_apart_on_the_index(staff_client):
    content = staff_client.get(reverse("admin:index")).content.decode()
    for url in ("/admin/netzwerk/invitation/", "/admin/netzwerk/editorprofile/", "/admin/netzwerk/partnermembership/"):
        assert f'href="{url}"' not in content


def test_partner_page_queries_do_not_grow_with_its_editors_and_invitations(staff_client, staff_user, partner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("admin:netzwerk_netzwerkpartner_change", args=[partner.pk])

    def count():
        with CaptureQueriesContext(connection) as context:
            assert staff_client.get(url).status_code == 200
        return len(context.captured_queries)

    def invite_some(n, prefix):
        for i in range(n):
            invite(f"{prefix}-{i}@example.org", partner, "ar" if i % 2 else "de", staff_user)

    invite_some(2, "wenige")
    few = count()
    invite_some(20, "viele")
    assert count() == few

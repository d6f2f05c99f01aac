"""History is a record: deleting a partner or a user it names never changes a history row."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from massnahmen.models import Massnahme, Status, StatusChange
from netzwerk.models import Netzwerkpartner
from tests.massnahmen.test_workspace import editor_of, own_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    """A partner editor's report, as the workspace writes it."""
    editor = editor_of("jugendamt", "berichterin")
    jugendamt = Netzwerkpartner.objects.get(slug="jugendamt")
    massnahme = own_measure()
    change = massnahme.report_progress(expected_version=massnahme.version, status=Status.LAUFEND,
                                       note="Bericht des Jugendamts", by=editor, partner=jugendamt)
    return change, editor, jugendamt


def test_a_partner_named_by_history_cannot_be_deleted(report, staff_client):
    change, _editor, jugendamt = report
    with pytest.raises(ProtectedError):
        jugendamt.delete()
    url = reverse("admin:netzwerk_netzwerkpartner_delete", args=[jugendamt.pk])
    page = staff_client.get(url).content.decode()
    assert "Der Statusverlauf nennt diesen Partner." in page  # why, on the delete page
    assert reverse("admin:netzwerk_netzwerkpartner_change", args=[jugendamt.pk]) in page  # what instead
    staff_client.post(url, {"post": "yes"})
    assert Netzwerkpartner.objects.filter(pk=jugendamt.pk).exists()
    row = StatusChange.objects.get(pk=change.pk)
    assert row.partner == jugendamt and row.changed_by == change.changed_by


def test_a_partner_without_history_can_still_be_deleted(staff_client):
    partner = Netzwerkpartner.objects.create(name="Verein ohne Verlauf", slug="ohne-verlauf", typ="verein")
    staff_client.post(reverse("admin:netzwerk_netzwerkpartner_delete", args=[partner.pk]), {"post": "yes"})
    assert not Netzwerkpartner.objects.filter(pk=partner.pk).exists()


def test_users_are_deactivated_not_deleted_and_history_keeps_them(report, staff_client, client):
    change, editor, jugendamt = report
    with pytest.raises(ProtectedError):
        editor.delete()
    assert staff_client.get(reverse("admin:auth_user_delete", args=[editor.pk])).status_code == 403
    staff_client.post(reverse("admin:auth_user_changelist"),
                      {"action": "deactivate", "_selected_action": [editor.pk]})
    editor.refresh_from_db()
    assert not editor.is_active
    assert StatusChange.objects.get(pk=change.pk).changed_by == editor
    # The public timeline and the feed keep naming the partner.
    page = client.get(Massnahme.objects.get(pk=change.massnahme_id).get_absolute_url()).content.decode()
    assert "Bericht des Jugendamts" in page and jugendamt.name in page
    feed = client.get(reverse("opendata:feed")).content.decode()
    assert f"<name>{jugendamt.name}</name>" in feed

"""Staff run a reporting round in the admin: open it, follow the reports, close it, reopen it with a reason."""

import datetime

import pytest
from django.urls import reverse

from handlungsfelder.models import Handlungsfeld
from massnahmen.models import Berichtsrunde, Massnahme, Reopening, Status
from netzwerk.models import Netzwerkpartner, PartnerMembership

pytestmark = pytest.mark.django_db

FIRST_ROUND = "zukunftswerkstatt-auswertung-2021"


def add_form(**overrides):
    data = {
        "title_de": "Berichtsrunde 2026", "slug": "runde-2026", "period_start": "2026-01-01",
        "period_end": "2026-06-30", "due_date": "2026-07-15",
        "handlungsfelder": [Handlungsfeld.objects.get(number=6).pk],
        "reopenings-TOTAL_FORMS": 0, "reopenings-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


def open_round(staff_client):
    response = staff_client.post(reverse("admin:massnahmen_berichtsrunde_add"), add_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Berichtsrunde.objects.get(slug="runde-2026")


def test_staff_open_a_round_with_scope_and_due_date_and_see_who_has_reported(staff_client, staff_user):
    runde = open_round(staff_client)
    assert (runde.state, runde.due_date) == (Berichtsrunde.State.OFFEN, datetime.date(2026, 7, 15))
    assert set(runde.covered_measures()) == set(Massnahme.objects.filter(handlungsfelder__number=6))
    supervision = Massnahme.objects.get(external_id="zw2020-18")
    team = Netzwerkpartner.objects.get(slug="team-integrationsgemeinwesenarbeit")
    supervision.change_status(Status.IN_BEARBEITUNG, note="begonnen", by=staff_user, partner=team, berichtsrunde=runde)
    page = staff_client.get(reverse("admin:massnahmen_berichtsrunde_change", args=[runde.pk])).content.decode()
    covered = runde.covered_measures().count()
    assert f"1 von {covered} Maßnahmen berichtet." in page
    assert "Supervision im Team – in Bearbeitung (Team Integrationsgemeinwesenarbeit)" in page
    assert "Noch kein Bericht:" in page and "interkulturelles Training" in page
    assert "Runde abschließen" in page


def test_a_period_that_ends_before_it_starts_is_refused(staff_client):
    response = staff_client.post(reverse("admin:massnahmen_berichtsrunde_add"), add_form(period_end="2025-12-31"))
    assert response.status_code == 200
    assert "Das Ende des Zeitraums darf nicht vor seinem Beginn liegen." in response.content.decode()
    assert not Berichtsrunde.objects.filter(slug="runde-2026").exists()


def test_closing_asks_for_confirmation_names_missing_reports_and_then_freezes_the_round(staff_client, staff_user):
    runde = open_round(staff_client)
    url = reverse("admin:massnahmen_berichtsrunde_close", args=[runde.pk])
    confirmation = staff_client.get(url)
    assert confirmation.status_code == 200
    text = confirmation.content.decode()
    assert "Runde jetzt abschließen" in text and "noch kein Bericht vor" in text and "Supervision im Team" in text
    runde.refresh_from_db()
    assert not runde.is_closed  # looking at the page closes nothing
    assert staff_client.post(url).status_code == 302
    runde.refresh_from_db()
    assert runde.is_closed and runde.closed_by == staff_user
    assert runde.current_snapshots().count() == runde.covered_measures().count()


def test_a_closed_round_is_read_only_in_the_admin(staff_client):
    runde = Berichtsrunde.objects.get(slug=FIRST_ROUND)
    change = reverse("admin:massnahmen_berichtsrunde_change", args=[runde.pk])
    page = staff_client.get(change)
    assert page.status_code == 200 and "Wieder öffnen" in page.content.decode()
    assert "Runde abschließen" not in page.content.decode()
    assert staff_client.post(change, add_form(title_de="Anders", slug=FIRST_ROUND)).status_code == 403
    delete = reverse("admin:massnahmen_berichtsrunde_delete", args=[runde.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    snapshot = runde.current_snapshots().first()
    assert staff_client.post(reverse("admin:massnahmen_snapshot_change", args=[snapshot.pk]), {}).status_code == 403
    assert staff_client.post(reverse("admin:massnahmen_snapshot_delete", args=[snapshot.pk]), {"post": "yes"}).status_code == 403
    runde.refresh_from_db()
    assert runde.title_de == "Auswertung der Zukunftswerkstatt 2021" and runde.snapshots.count() == 22


def test_reopening_needs_a_reason_keeps_the_version_and_the_round_says_so(staff_client, staff_user):
    runde = Berichtsrunde.objects.get(slug=FIRST_ROUND)
    url = reverse("admin:massnahmen_berichtsrunde_reopen", args=[runde.pk])
    refused = staff_client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "Bitte begründen Sie" in refused.content.decode()
    assert Berichtsrunde.objects.get(pk=runde.pk).is_closed
    assert staff_client.post(url, {"reason": "Stand der Sprachmittlung korrigieren"}).status_code == 302
    runde.refresh_from_db()
    assert not runde.is_closed and runde.snapshots.filter(version=1).count() == 22
    assert Reopening.objects.get(runde=runde).reopened_by == staff_user
    page = staff_client.get(reverse("admin:massnahmen_berichtsrunde_change", args=[runde.pk])).content.decode()
    assert "wieder geöffnet" in page and "Stand der Sprachmittlung korrigieren" in page


def test_closing_and_reopening_need_the_permission_to_change_rounds(client, django_user_model):
    viewer = django_user_model.objects.create_user("leser", password="x", is_staff=True)
    client.force_login(viewer)
    runde = Berichtsrunde.objects.get(slug=FIRST_ROUND)
    assert client.post(reverse("admin:massnahmen_berichtsrunde_reopen", args=[runde.pk]),
                       {"reason": "weil"}).status_code == 403
    assert Berichtsrunde.objects.get(pk=runde.pk).is_closed


def test_the_whole_round_open_report_close_then_later_changes_leave_it_as_it_was(staff_client, client,
                                                                                  django_user_model):
    """Staff open a round in the admin, a partner reports in the workspace, staff close it; then the
    measure, its partner and a translation change, and the round still shows what it recorded."""
    runde = open_round(staff_client)  # field 6: five measures
    koordination = Netzwerkpartner.objects.get(slug="integrationskoordination")
    editor = django_user_model.objects.create_user("koordination", email="k@example.org", password="x")
    PartnerMembership.objects.create(user=editor, partner=koordination)
    client.force_login(editor)
    training = Massnahme.objects.get(external_id="zw2020-19")
    assert "Berichtsrunde 2026" in client.get(reverse("massnahmen:workspace")).content.decode()
    response = client.post(reverse("massnahmen:status-update", args=[training.pk]), {
        "status": Status.IN_BEARBEITUNG, "note": "Trainerin gefunden", "progress_note_de": "in Vorbereitung",
        "next_steps_de": "", "start_date": "", "end_date": "", "partner": koordination.pk,
        "berichtsrunde": runde.pk, "version": training.version, "seen_at": "2026-01-01T00:00:00+01:00",
        "initial-progress_note_de": training.progress_note_de or "", "initial-next_steps_de": "",
        "initial-start_date": "", "initial-end_date": "",
    })
    assert response.status_code == 302
    assert staff_client.post(reverse("admin:massnahmen_berichtsrunde_close", args=[runde.pk])).status_code == 302
    runde.refresh_from_db()
    recorded = list(runde.current_snapshots().values())
    row = runde.current_snapshots().get(external_id="zw2020-19")
    assert (row.status, row.reported, row.text("progress_note", "de")) == (Status.IN_BEARBEITUNG, True, "in Vorbereitung")
    assert row.partner_names("de") == [koordination.name_de]
    assert runde.current_snapshots().filter(reported=True).count() == 1

    training = Massnahme.objects.get(pk=training.pk)
    training.title_de, training.title_en = "Umbenannt", "Renamed"
    training.save()
    training.change_status(Status.EINGESTELLT, note="abgesagt")
    koordination.name_de = "Neuer Name"
    koordination.save()
    page = staff_client.get(reverse("admin:massnahmen_berichtsrunde_change", args=[runde.pk])).content.decode()
    assert list(runde.current_snapshots().values()) == recorded
    assert "1 von 5 Maßnahmen berichtet." in page and "Umbenannt" not in page.split("Noch kein Bericht:")[-1]


def test_the_admin_will_not_delete_what_a_closed_round_names_and_says_why(staff_client, staff_user):
    from netzwerk.models import Stadtteil

    leipziger = Stadtteil.objects.get(slug="leipziger-strasse")
    runde = Berichtsrunde.objects.create(title_de="Leipziger Straße", slug="ls", period_start=datetime.date(2026, 1, 1),
                                         period_end=datetime.date(2026, 3, 31))
    runde.stadtteile.set([leipziger])
    runde.close(by=staff_user)
    url = reverse("admin:netzwerk_stadtteil_delete", args=[leipziger.pk])
    page = staff_client.get(url)
    assert page.status_code == 200 and "Leipziger Straße" in page.content.decode()
    assert page.context["protected"]
    staff_client.post(url, {"post": "yes"})
    assert Stadtteil.objects.filter(pk=leipziger.pk).exists()

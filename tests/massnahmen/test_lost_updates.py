"""No edit is lost: staff and partners, imports and partners, and every other path claim the version."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tablib import Dataset

from massnahmen.models import ConcurrentEditError, Massnahme, Status
from massnahmen.resources import MassnahmeResource
from tests.integration_portal.test_admin import change_form_data
from tests.massnahmen.test_workspace import editor_of, own_measure, status_post

pytestmark = pytest.mark.django_db

CORRECTIONS = {"progress_note_de": "Korrigiert von der Stabsstelle", "next_steps_de": "Auswertung im Herbst",
               "end_date": "2026-12-31"}


@pytest.fixture
def partner(client):
    client.force_login(editor_of("jugendamt", "redakteurin"))
    return client


def stale_partner_form(massnahme):
    """The partner's form as opened now: it adds a status note only, every field as shown."""
    return status_post(massnahme, status=massnahme.status, note="Nur eine Notiz vom Partner",
                       progress_note_de=massnahme.progress_note_de or "", next_steps_de=massnahme.next_steps_de or "",
                       start_date=massnahme.start_date or "", end_date=massnahme.end_date or "")


def test_staff_corrections_survive_a_partner_form_opened_before_them(partner, staff_client):
    massnahme = own_measure()
    opened = stale_partner_form(massnahme)
    admin_url = reverse("admin:massnahmen_massnahme_change", args=[massnahme.pk])
    saved = staff_client.post(admin_url, change_form_data(massnahme, **CORRECTIONS))
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    url = reverse("massnahmen:status-update", args=[massnahme.pk])
    refused = partner.post(url, opened)
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Korrigiert von der Stabsstelle" in html and "Nur eine Notiz vom Partner" in html
    massnahme.refresh_from_db()
    assert massnahme.progress_note_de == CORRECTIONS["progress_note_de"]
    assert massnahme.next_steps_de == CORRECTIONS["next_steps_de"]
    assert massnahme.end_date == datetime.date(2026, 12, 31)
    # The form that came back shows the corrections in the fields the partner did not touch;
    # saving it adds the note and keeps every correction.
    form = refused.context["form"]
    again = {**opened, "version": form["version"].value(), **{
        name: form.data[name] for name in ("progress_note_de", "next_steps_de", "end_date", "start_date")},
        **{f"initial-{name}": form.data[f"initial-{name}"] for name in Massnahme.PARTNER_FIELDS}}
    assert partner.post(url, again).status_code == 302
    massnahme.refresh_from_db()
    assert massnahme.progress_note_de == CORRECTIONS["progress_note_de"]
    assert massnahme.end_date == datetime.date(2026, 12, 31)
    assert massnahme.status_changes.latest().note == "Nur eine Notiz vom Partner"


def test_an_import_is_not_undone_by_a_partner_form_opened_before_it(partner, staff_user):
    massnahme = own_measure()
    opened = stale_partner_form(massnahme)
    resource = MassnahmeResource()
    exported = resource.export(queryset=Massnahme.objects.filter(pk=massnahme.pk))
    row = dict(zip(exported.headers, exported[0]))
    row["stand"] = "Stand aus dem Import"
    result = resource.import_data(Dataset(list(row.values()), headers=list(row)), dry_run=False, user=staff_user)
    assert not result.has_errors() and not result.has_validation_errors()
    refused = partner.post(reverse("massnahmen:status-update", args=[massnahme.pk]), opened)
    assert refused.status_code == 409
    massnahme.refresh_from_db()
    assert massnahme.progress_note_de == "Stand aus dem Import"


def test_a_stale_admin_form_does_not_wipe_a_partners_report(partner, staff_client):
    massnahme = own_measure()
    opened = change_form_data(massnahme)  # staff open the measure …
    url = reverse("massnahmen:status-update", args=[massnahme.pk])
    report = status_post(massnahme, status=Status.LAUFEND, note="Läuft jetzt", progress_note_de="Bericht des Partners")
    assert partner.post(url, report).status_code == 302  # … the partner reports …
    admin_url = reverse("admin:massnahmen_massnahme_change", args=[massnahme.pk])
    refused = staff_client.post(admin_url, {**opened, "next_steps_de": "Staff ergänzt"})  # … staff save
    assert refused.status_code == 200
    errors = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "gespeichert, nachdem Sie das Formular geöffnet haben" in errors
    assert "Bericht des Partners (jetzt gespeichert)" in errors
    assert "Staff ergänzt" in refused.content.decode()  # staff's input is kept
    massnahme.refresh_from_db()
    assert (massnahme.status, massnahme.progress_note_de) == (Status.LAUFEND, "Bericht des Partners")
    # The form came back at the current version: saving again is a knowing decision.
    version = int(re.search(r'name="seen_version" value="(\d+)"', refused.content.decode()).group(1))
    assert version == massnahme.version


def test_a_partners_save_writes_only_what_the_partner_changed(partner):
    massnahme = own_measure()
    opened = stale_partner_form(massnahme)
    url = reverse("massnahmen:status-update", args=[massnahme.pk])
    with CaptureQueriesContext(connection) as queries:
        assert partner.post(url, {**opened, "next_steps_de": "Nur dieses Feld"}).status_code == 302
    update = next(q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "massnahmen_massnahme"'))
    assert '"next_steps_de"' in update and '"progress_note_de"' not in update and '"end_date"' not in update


def test_one_status_report_is_one_update_one_history_row_one_stamp_bump():
    massnahme = own_measure()
    version = massnahme.version
    with CaptureQueriesContext(connection) as queries:
        massnahme.report_progress(expected_version=version, status=Status.UMGESETZT, note="fertig", by=None)
    writes = [q["sql"].split(" (")[0].split(" SET")[0] for q in queries.captured_queries
              if q["sql"].startswith(("UPDATE", "INSERT", "DELETE"))]
    # The search documents of this one measure are rewritten (its progress note is searchable).
    assert writes == ['UPDATE "massnahmen_massnahme"', 'INSERT INTO "massnahmen_statuschange"',
                      'DELETE FROM "core_searchdocument" WHERE', 'INSERT INTO "core_searchdocument"',
                      'UPDATE "core_contentstamp"']
    # The claim's existence check, the savepoints, and the search index's read of the measure.
    assert len(queries) <= 11
    massnahme.refresh_from_db()
    assert massnahme.version == version + 1


@pytest.mark.parametrize("path", ["save", "change_status", "approve", "send_back"])
def test_every_path_claims_the_version(path):
    stale = own_measure()
    Massnahme.objects.get(pk=stale.pk).change_status(Status.LAUFEND, note="von anderswo")
    with pytest.raises(ConcurrentEditError) as refused:
        {"save": lambda: stale.save(), "change_status": lambda: stale.change_status(Status.EINGESTELLT, note="x"),
         "approve": lambda: stale.approve(), "send_back": lambda: stale.send_back("x")}[path]()
    assert refused.value.current.status == Status.LAUFEND
    assert Massnahme.objects.get(pk=stale.pk).status == Status.LAUFEND


def test_a_save_overtaken_after_the_forms_check_is_refused_not_a_500(staff_client, monkeypatch):
    """The rare race: someone saves between the admin form's version check and its save."""
    from massnahmen.admin import MassnahmeAdminForm

    massnahme = own_measure()
    checked = MassnahmeAdminForm.clean

    def clean_then_overtaken(form):
        cleaned = checked(form)
        Massnahme.objects.get(pk=massnahme.pk).change_status(Status.LAUFEND, note="dazwischen")
        return cleaned

    monkeypatch.setattr(MassnahmeAdminForm, "clean", clean_then_overtaken)
    url = reverse("admin:massnahmen_massnahme_change", args=[massnahme.pk])
    response = staff_client.post(url, change_form_data(massnahme, next_steps_de="Überholt"))
    assert response.status_code == 302 and response["Location"] == url
    massnahme.refresh_from_db()
    # In this one test connection the other save shares the admin's transaction and is rolled
    # back with it; what matters is that this person's save wrote nothing and answered no 500.
    assert massnahme.next_steps_de != "Überholt"
    assert "gespeichert, nachdem Sie das Formular geöffnet haben" in staff_client.get(url).content.decode()


# --- Approval: staff decide on the text they read ---------------------------

def revise(proposal, description):
    """The partner saves a new text of the proposal (as the proposal form does)."""
    proposal = Massnahme.objects.get(pk=proposal.pk)
    proposal.description_de = description
    proposal.resubmit()


@pytest.fixture
def proposal():
    from massnahmen.models import Freigabe

    massnahme = own_measure()
    Massnahme.objects.filter(pk=massnahme.pk).update(freigabe=Freigabe.VORGESCHLAGEN)
    return Massnahme.objects.get(pk=massnahme.pk)


@pytest.mark.parametrize("action", ["approve_proposals", "return_proposals"])
def test_staff_decide_only_on_the_proposal_text_they_read(staff_client, proposal, action):
    from massnahmen.models import Freigabe

    changelist = reverse("admin:massnahmen_massnahme_changelist")
    review = staff_client.post(changelist, {"action": action, "_selected_action": [proposal.pk]})
    assert review.status_code == 200
    html = review.content.decode()
    seen = int(re.search(rf'name="version_{proposal.pk}" value="(\d+)"', html).group(1))
    assert seen == proposal.version
    revise(proposal, "Eine ganz andere Maßnahme, nach dem Öffnen der Prüfseite geschrieben.")

    decided = staff_client.post(changelist, {"action": action, "_selected_action": [proposal.pk], "apply": "1",
                                             "comment": "Bitte ergänzen.", f"version_{proposal.pk}": seen},
                                follow=True)
    proposal.refresh_from_db()
    assert proposal.freigabe == Freigabe.VORGESCHLAGEN  # neither published nor returned unseen
    assert "geändert hat, während Sie ihn geprüft haben" in decided.content.decode()

    # Read again, then decided: now it applies.
    review = staff_client.post(changelist, {"action": action, "_selected_action": [proposal.pk]})
    assert "nach dem Öffnen der Prüfseite geschrieben" in review.content.decode()
    staff_client.post(changelist, {"action": action, "_selected_action": [proposal.pk], "apply": "1",
                                   "comment": "Bitte ergänzen.", f"version_{proposal.pk}": proposal.version})
    proposal.refresh_from_db()
    assert proposal.freigabe == (Freigabe.FREIGEGEBEN if action == "approve_proposals" else Freigabe.ZURUECKGEGEBEN)


def test_a_proposal_selected_after_the_review_page_opened_is_shown_first(staff_client, proposal):
    from massnahmen.models import Freigabe

    changelist = reverse("admin:massnahmen_massnahme_changelist")
    # An answer without the proposal's version: staff never saw it on the review page.
    shown = staff_client.post(changelist, {"action": "approve_proposals", "_selected_action": [proposal.pk],
                                           "apply": "1"})
    assert shown.status_code == 200
    assert "standen nicht auf der Seite, die Sie geprüft haben" in shown.content.decode()
    proposal.refresh_from_db()
    assert proposal.freigabe == Freigabe.VORGESCHLAGEN


@pytest.mark.parametrize("version", ["abc", "-1", "9" * 30, ""])
def test_a_malformed_version_on_the_review_page_decides_nothing(staff_client, proposal, version):
    from massnahmen.models import Freigabe

    changelist = reverse("admin:massnahmen_massnahme_changelist")
    answer = staff_client.post(changelist, {"action": "approve_proposals", "_selected_action": [proposal.pk],
                                            "apply": "1", f"version_{proposal.pk}": version})
    assert answer.status_code == 200  # the review page again, no 500
    proposal.refresh_from_db()
    assert proposal.freigabe == Freigabe.VORGESCHLAGEN

"""The Stabsstelle's admin: every list searchable and filterable, status changes with a note."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from handlungsfelder.models import LeitlinienEdition
from massnahmen.models import Massnahme, Status, StatusChange

pytestmark = pytest.mark.django_db

OUR_APPS = ("handlungsfelder", "netzwerk", "massnahmen")


def admin_models():
    return [model for model in admin.site._registry if model._meta.app_label in OUR_APPS]


def test_every_model_of_the_concept_is_in_the_admin():
    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            assert model in admin.site._registry, model.__name__


@pytest.mark.parametrize("model", admin_models(), ids=lambda m: m.__name__)
def test_changelist_and_search_render_in_german(staff_client, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = staff_client.get(url, {"q": "Magdeburg"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert '<html lang="de"' in response.content.decode()


def test_measure_list_filters(staff_client):
    url = reverse("admin:massnahmen_massnahme_changelist")
    response = staff_client.get(url, {"status__exact": Status.GEPLANT})
    assert response.status_code == 200
    assert response.context["cl"].result_count == Massnahme.objects.filter(status=Status.GEPLANT).count() == 4
    response = staff_client.get(url, {"handlungsfelder__id__exact": Massnahme.objects.first().handlungsfelder.first().pk})
    assert response.status_code == 200


def change_form_data(massnahme, **overrides):
    data = {
        "title_de": massnahme.title_de,
        "status": massnahme.status,
        "status_note": "",
        "handlungsfelder": [f.pk for f in massnahme.handlungsfelder.all()],
        "stadtteile": [s.pk for s in massnahme.stadtteile.all()],
        "zielgruppen": [z.pk for z in massnahme.zielgruppen.all()],
        "partner": [p.pk for p in massnahme.partner.all()],
        "herausforderungen": [h.pk for h in massnahme.herausforderungen.all()],
        "beteiligungsformat": massnahme.beteiligungsformat_id or "",
        "projekt": massnahme.projekt_id or "",
        "position": massnahme.position,
        "external_id": massnahme.external_id,
        "freigabe": massnahme.freigabe,
        "review_comment": massnahme.review_comment,
        "seen_version": massnahme.version,
        "status_changes-TOTAL_FORMS": 0,
        "status_changes-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


def test_status_change_in_the_admin_requires_a_note(staff_client):
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    url = reverse("admin:massnahmen_massnahme_change", args=[massnahme.pk])
    response = staff_client.post(url, change_form_data(massnahme, status=Status.UMGESETZT))
    assert response.status_code == 200
    assert "Bitte begründen Sie die Statusänderung mit einer Notiz." in response.content.decode()
    massnahme.refresh_from_db()
    assert massnahme.status == Status.IN_BEARBEITUNG
    assert massnahme.status_changes.count() == 1


def test_status_change_in_the_admin_is_kept_in_the_history(staff_client, staff_user):
    massnahme = Massnahme.objects.get(external_id="zw2020-04")
    url = reverse("admin:massnahmen_massnahme_change", args=[massnahme.pk])
    response = staff_client.post(
        url, change_form_data(massnahme, status=Status.UMGESETZT, status_note="Übersicht ist online.")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    massnahme.refresh_from_db()
    assert massnahme.status == Status.UMGESETZT
    row = massnahme.status_changes.latest()
    assert (row.old_status, row.new_status, row.note, row.changed_by) == (
        Status.IN_BEARBEITUNG, Status.UMGESETZT, "Übersicht ist online.", staff_user,
    )
    page = staff_client.get(url).content.decode()
    assert "Übersicht ist online." in page


def test_bulk_status_change_writes_one_row_per_measure(staff_client):
    chosen = list(Massnahme.objects.filter(status=Status.GEPLANT).values_list("pk", flat=True))
    url = reverse("admin:massnahmen_massnahme_changelist")
    confirm = staff_client.post(url, {"action": "change_status_bulk", "_selected_action": chosen})
    assert confirm.status_code == 200
    assert "Neuer Status" in confirm.content.decode()
    refused = staff_client.post(url, {"action": "change_status_bulk", "_selected_action": chosen, "apply": "1",
                                      "status": Status.IN_BEARBEITUNG, "note": ""})
    assert "Bitte begründen Sie die Statusänderung mit einer Notiz." in refused.content.decode()
    assert StatusChange.objects.filter(note="Start 2025").count() == 0
    done = staff_client.post(url, {"action": "change_status_bulk", "_selected_action": chosen, "apply": "1",
                                   "status": Status.IN_BEARBEITUNG, "note": "Start 2025"})
    assert done.status_code == 302
    assert StatusChange.objects.filter(note="Start 2025", new_status=Status.IN_BEARBEITUNG).count() == len(chosen) == 4
    assert not Massnahme.objects.filter(pk__in=chosen).exclude(status=Status.IN_BEARBEITUNG).exists()


def test_history_has_no_add_change_or_delete_in_the_admin(staff_client):
    row = StatusChange.objects.first()
    assert staff_client.get(reverse("admin:massnahmen_statuschange_add")).status_code == 403
    assert staff_client.post(reverse("admin:massnahmen_statuschange_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    view = staff_client.get(reverse("admin:massnahmen_statuschange_change", args=[row.pk]))
    assert view.status_code == 200 and 'name="note"' not in view.content.decode()
    assert StatusChange.objects.filter(pk=row.pk).exists()


def test_published_edition_shows_german_wording_read_only(staff_client):
    edition = LeitlinienEdition.objects.current()
    page = staff_client.get(reverse("admin:handlungsfelder_leitlinienedition_change", args=[edition.pk])).content.decode()
    assert 'name="preamble_de"' not in page
    assert 'name="preamble_en"' in page
    assert "Die Landeshauptstadt Magdeburg bekennt sich" in page

"""Staff moderate in the admin: the queue (newest first, filters), state + public answer + internal
remark in one form, hiding with a reason, the read-only history, "Als Maßnahme aufnehmen"."""

import pytest
from django.urls import reverse

from beteiligung.models import Hiding, InternalRemark, ModerationChange, State
from massnahmen.models import Freigabe, Herausforderung
from tests.factories import make_entries

pytestmark = pytest.mark.django_db


def form_data(entry, **overrides):
    data = {
        "title_de": entry.title_de or "", f"title_{entry.language}": getattr(entry, f"title_{entry.language}") or "",
        "kind": entry.kind, "text": entry.text, "handlungsfeld": entry.handlungsfeld_id or "",
        "stadtteile": [s.pk for s in entry.stadtteile.all()], "beteiligungsformat": entry.beteiligungsformat_id,
        "position": entry.position, "new_state": entry.moderation.state, "public_answer": entry.moderation.public_answer,
        "answer_language": "de", "internal_remark": "", "hide_reason": "", "hide_explanation": "",
    }
    for prefix in ("moderation_changes", "internal_remarks", "Massnahme_herausforderungen"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(overrides)
    return data


def test_queue_newest_first_with_filters(staff_client):
    older, newer = make_entries(2, prefix="queue", state="eingegangen")
    url = reverse("admin:massnahmen_herausforderung_changelist")
    response = staff_client.get(url, {"stand": "eingegangen"})
    listed = list(response.context["cl"].result_list)
    assert [e.pk for e in listed[:2]] == [newer.pk, older.pk]
    assert {e.moderation.state for e in listed} == {"eingegangen"}
    feld = newer.handlungsfeld
    response = staff_client.get(url, {"handlungsfeld__id__exact": feld.pk})
    assert all(e.handlungsfeld_id == feld.pk for e in response.context["cl"].result_list)
    assert staff_client.get(url, {"stadtteile__id__exact": newer.stadtteile.first().pk}).status_code == 200


def test_state_answer_and_remark_in_one_form(staff_client, staff_user):
    entry = make_entries(1, prefix="form", state="eingegangen")[0]
    url = reverse("admin:massnahmen_herausforderung_change", args=[entry.pk])
    page = staff_client.get(url).content.decode()
    assert "Öffentliche Antwort" in page and "Interne Bemerkung" in page and "Moderationsverlauf" in page
    refused = staff_client.post(url, form_data(entry, new_state=State.NICHT_AUFGENOMMEN))
    assert refused.status_code == 200 and "Bitte begründen Sie öffentlich" in refused.content.decode()
    saved = staff_client.post(url, form_data(entry, new_state=State.NICHT_AUFGENOMMEN,
                                             public_answer="Dafür ist der Bund zuständig.",
                                             internal_remark="Rücksprache mit Amt 50"))
    assert saved.status_code == 302, saved.content.decode()[:3000]
    entry.moderation.refresh_from_db()
    assert (entry.moderation.state, entry.moderation.public_answer) == ("nicht_aufgenommen", "Dafür ist der Bund zuständig.")
    change = ModerationChange.objects.filter(entry=entry).first()
    assert (change.old_state, change.new_state, change.changed_by) == ("eingegangen", "nicht_aufgenommen", staff_user)
    assert InternalRemark.objects.get(entry=entry).text == "Rücksprache mit Amt 50"
    # Saving again without changes adds no history row.
    entry.moderation.refresh_from_db()
    staff_client.post(url, form_data(entry))
    assert ModerationChange.objects.filter(entry=entry).count() == 2


def test_hide_with_reason_and_show_again(staff_client):
    entry = make_entries(1, prefix="hide", state="in_pruefung")[0]
    url = reverse("admin:massnahmen_herausforderung_change", args=[entry.pk])
    response = staff_client.post(url, form_data(entry, hide_reason="personenbezug", hide_explanation="Name genannt"))
    assert response.status_code == 302
    hiding = Hiding.objects.get(entry=entry)
    assert (hiding.reason, hiding.explanation) == ("personenbezug", "Name genannt")
    assert not Herausforderung.objects.public().filter(pk=entry.pk).exists()
    staff_client.post(url, form_data(entry, show_again="on"))
    assert Herausforderung.objects.public().filter(pk=entry.pk).exists()


def test_adopt_action_creates_a_proposal(staff_client):
    entry = make_entries(1, prefix="adopt", state="in_pruefung")[0]
    response = staff_client.post(reverse("admin:massnahmen_herausforderung_changelist"),
                                 {"action": "adopt", "_selected_action": [entry.pk]})
    assert response.status_code == 302
    measure = entry.massnahmen.get()
    assert measure.freigabe == Freigabe.VORGESCHLAGEN
    entry.moderation.refresh_from_db()
    assert entry.moderation.state == State.AUFGENOMMEN


def test_history_is_read_only_in_the_admin(staff_client):
    entry = make_entries(1, prefix="ro", state="in_pruefung")[0]
    url = reverse("admin:massnahmen_herausforderung_change", args=[entry.pk])
    response = staff_client.get(url)
    inline = next(f for f in response.context["inline_admin_formsets"] if f.formset.model is ModerationChange)
    assert not inline.has_add_permission and not inline.has_change_permission and not inline.has_delete_permission

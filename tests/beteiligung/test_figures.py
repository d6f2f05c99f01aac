"""The dashboard's participation figures agree with counts made independently, per field and district."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from beteiligung.figures import entry_figures
from beteiligung.models import Hiding, Moderation, State
from handlungsfelder.models import Handlungsfeld
from tests.factories import make_entries

pytestmark = pytest.mark.django_db


def test_received_answered_in_time_adopted_and_not_adopted(client, staff_user):
    now = timezone.now()
    entries = make_entries(8, prefix="zahl", state="eingegangen")
    old = now - timedelta(days=60)
    from massnahmen.models import Herausforderung

    Herausforderung.objects.filter(pk__in=[e.pk for e in entries[:6]]).update(created_at=old)
    # Two old entries answered in time, one late, one never; two recent answered; one hidden.
    answers = [(entries[0], State.AUFGENOMMEN, old + timedelta(days=5)),
               (entries[1], State.NICHT_AUFGENOMMEN, old + timedelta(days=29)),
               (entries[2], State.AUFGENOMMEN, old + timedelta(days=45)),
               (entries[6], State.IN_PRUEFUNG, now)]
    for entry, state, moment in answers:
        Moderation.objects.get(entry=entry).change_state(state, "Antwort", by=staff_user, as_of=moment)
    Hiding.objects.create(entry=entries[7], reason="werbung")
    figures = entry_figures(now=now)
    overall = figures["overall"]
    assert overall["received"] == 7  # the hidden one is not counted
    assert (overall["due"], overall["answered_in_time"], overall["answered_share"]) == (6, 2, 33)
    assert (overall["adopted"], overall["not_adopted"]) == (2, 1)
    feld_of = {e.pk: e.handlungsfeld_id for e in Herausforderung.objects.filter(pk__in=[e.pk for e in entries[:7]])}
    for row in figures["felder"]:
        assert row["received"] == sum(1 for feld in feld_of.values() if feld == row["object"].pk)
    assert sum(row["received"] for row in figures["stadtteile"]) == 7
    html = client.get(reverse("massnahmen:dashboard")).content.decode()
    assert "Beteiligung online" in html and "tabelle-beteiligung-felder" in html
    assert Handlungsfeld.objects.first().short_title in html

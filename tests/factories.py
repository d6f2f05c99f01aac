"""Bulk test data: many measures with relations and history, for query-count tests."""

import copy

from core import search

from django.utils import timezone

from handlungsfelder.models import Handlungsfeld, Zielgruppe
from core.content_stamp import bump
from massnahmen.models import Massnahme, Status, StatusChange
from netzwerk.models import Netzwerkpartner, Stadtteil


def make_measures(count, prefix="bulk"):
    """`count` measures spread over fields, districts, target groups, partners and statuses."""
    felder = list(Handlungsfeld.objects.all())
    stadtteile = list(Stadtteil.objects.all())
    gruppen = list(Zielgruppe.objects.all())
    partner = list(Netzwerkpartner.objects.all())
    statuses = list(Status.values)
    now = timezone.now()
    # Copies of one instance: Massnahme() computes ~25 translated-field defaults, half of the time for 5,000.
    template = Massnahme(description_de="Beschreibung", status_changed_at=now)

    def measure(i):
        massnahme = copy.copy(template)
        massnahme.external_id, massnahme.position = f"{prefix}-{i}", 1000 + i
        massnahme.title_de, massnahme.title_en = f"Testmaßnahme {prefix} {i}", f"Test measure {prefix} {i}"
        massnahme.status = statuses[i % len(statuses)]
        return massnahme

    measures = Massnahme.objects.bulk_create(measure(i) for i in range(count))
    search.index_many(measures)  # bulk_create sends no signal; the search must see them
    relations = [
        (Massnahme.handlungsfelder.through, "handlungsfeld", felder),
        (Massnahme.stadtteile.through, "stadtteil", stadtteile),
        (Massnahme.zielgruppen.through, "zielgruppe", gruppen),
        (Massnahme.partner.through, "netzwerkpartner", partner),
    ]
    for through, name, targets in relations:
        through.objects.bulk_create(
            through(massnahme_id=m.pk, **{f"{name}_id": targets[i % len(targets)].pk}) for i, m in enumerate(measures)
        )
    StatusChange.objects.bulk_create(
        StatusChange(massnahme=m, old_status="", new_status=m.status, note="angelegt", changed_at=now) for m in measures
    )
    bump()  # bulk_create sends no signals; a bulk load is a content change like any other
    return measures


def make_entries(count, prefix="eintrag", state="in_pruefung"):
    """`count` online challenges and ideas in `state`, spread over fields, districts and languages."""
    from beteiligung.models import Moderation, ModerationChange, online_format
    from massnahmen.models import Herausforderung

    felder = list(Handlungsfeld.objects.all())
    stadtteile = list(Stadtteil.objects.all())
    languages = ["de", "ar", "uk", "ru", "fa", "tr", "en"]
    source = online_format()
    now = timezone.now()
    template = Herausforderung(beteiligungsformat=source, text="Text", created_at=now)

    def entry(i):
        made = copy.copy(template)
        made.language = languages[i % len(languages)]
        made.kind = ("herausforderung", "idee")[i % 2]
        made.handlungsfeld_id = felder[i % len(felder)].pk
        setattr(made, f"title_{made.language}", f"Eintrag {prefix} {i}")
        return made

    entries = Herausforderung.objects.bulk_create(entry(i) for i in range(count))
    Herausforderung.stadtteile.through.objects.bulk_create(
        Herausforderung.stadtteile.through(herausforderung_id=e.pk, stadtteil_id=stadtteile[i % len(stadtteile)].pk)
        for i, e in enumerate(entries)
    )
    Moderation.objects.bulk_create(Moderation(entry_id=e.pk, state=state, changed_at=now) for e in entries)
    ModerationChange.objects.bulk_create(
        ModerationChange(entry_id=e.pk, new_state=state, changed_at=now) for e in entries
    )
    search.index_many(entries)
    bump()
    return entries

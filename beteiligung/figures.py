"""Accountability figures of online participation: received, answered within 30 days, adopted,
not adopted — overall, per field and per district, in a fixed number of grouped queries.

Counted are the entries sent in online (source "Online-Beteiligung") and not hidden: the
workshop's challenges were worked out with staff, not sent in and waiting for an answer.
"Answered within 30 days" is the share among the entries whose 30 days are over: those with a
first public answer (Moderation.answered_at) no later than 30 days after they came in.
"""

from datetime import timedelta

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handlungsfelder.models import Handlungsfeld
from massnahmen.models import Herausforderung
from netzwerk.models import Stadtteil

from .models import State
from .models.moderation import ONLINE_SLUG

ANSWER_DAYS = 30
# The stacked bars' order and colours (at least 3:1 against white, WCAG 1.4.11).
STATE_COLOURS = {"aufgenommen": "#1d6b2f", "nicht_aufgenommen": "#8a1c1c", "in_pruefung": "#0b4f9c",
                 "eingegangen": "#5f5f5f"}


def online_entries():
    return Herausforderung.objects.filter(beteiligungsformat__slug=ONLINE_SLUG, hiding__isnull=True)


def _grouped(entries, group_by, now):
    due = Q(created_at__lte=now - timedelta(days=ANSWER_DAYS))
    in_time = due & Q(moderation__answered_at__lte=F("created_at") + timedelta(days=ANSWER_DAYS))
    counts = {"received": Count("pk"), "due": Count("pk", filter=due), "in_time": Count("pk", filter=in_time)}
    counts.update({state: Count("pk", filter=Q(moderation__state=state)) for state in State.values})
    if not group_by:
        return {(): entries.aggregate(**counts)}
    rows = entries.order_by().values(*group_by).annotate(**counts)
    return {tuple(row[name] for name in group_by): row for row in rows}


def figures_row(label, counts, obj=None):
    counts = counts or {}
    received = counts.get("received", 0)
    cells = [{"status": state, "label": State(state).label, "count": counts.get(state, 0),
              "share": round(100 * counts.get(state, 0) / received) if received else 0}
             for state in STATE_COLOURS]
    due, in_time = counts.get("due", 0), counts.get("in_time", 0)
    return {"label": label, "object": obj, "cells": cells, "total": received, "received": received,
            "due": due, "answered_in_time": in_time, "answered_share": round(100 * in_time / due) if due else None,
            "adopted": counts.get(State.AUFGENOMMEN, 0), "not_adopted": counts.get(State.NICHT_AUFGENOMMEN, 0)}


def entry_figures(now=None):
    """{"overall": row, "felder": [row…], "stadtteile": [row…]}: three grouped queries plus the
    fields and districts themselves."""
    now = now or timezone.now()
    entries = online_entries()
    overall = _grouped(entries, (), now).get((), {})
    per_field = _grouped(entries, ("handlungsfeld",), now)
    per_district = _grouped(entries, ("stadtteile",), now)
    return {
        "overall": figures_row(_("Alle Online-Einträge"), overall),
        "felder": [figures_row(feld, per_field.get((feld.pk,)), feld) for feld in Handlungsfeld.objects.all()],
        "stadtteile": [figures_row(stadtteil, per_district.get((stadtteil.pk,)), stadtteil)
                       for stadtteil in Stadtteil.objects.all()],
        "states": [(state, State(state).label) for state in STATE_COLOURS],
    }

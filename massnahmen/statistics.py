"""Counts of measures per status, per field and per district, computed in the database."""

from django.db.models import Count

from handlungsfelder.models import Handlungsfeld
from netzwerk.models import Stadtteil

from .models import Status

STATUSES = list(Status.values)


def _selection(queryset):
    # Count over a plain pk subquery: the list's joins and ordering must not split the groups.
    return queryset.model.objects.filter(pk__in=queryset.order_by().values("pk")).order_by()


def overall(queryset):
    """{status: count} over the selection (one query)."""
    rows = _selection(queryset).values_list("status").annotate(total=Count("pk"))
    return {status: total for status, total in rows}


def by_relation(queryset, relation):
    """{related pk: {status: count}} for a many-to-many relation of Massnahme (one query)."""
    counts = {}
    rows = _selection(queryset).values_list(f"{relation}__pk", "status").annotate(total=Count("pk", distinct=True))
    for related, status, total in rows:
        if related is not None:
            counts.setdefault(related, {})[status] = total
    return counts


def row(label, counts, obj=None):
    total = sum(counts.values())
    labels = dict(Status.choices)
    cells = [{"status": status, "label": labels[status], "count": counts.get(status, 0),
              "share": round(100 * counts.get(status, 0) / total) if total else 0} for status in STATUSES]
    return {"label": label, "object": obj, "cells": cells, "counts": [cell["count"] for cell in cells], "total": total}


def figures(queryset):
    """Rows per field, per district and overall for the dashboard and the report (three queries + two)."""
    fields = by_relation(queryset, "handlungsfelder")
    districts = by_relation(queryset, "stadtteile")
    return {
        "felder": [row(feld, fields.get(feld.pk, {}), feld) for feld in Handlungsfeld.objects.all()],
        "stadtteile": [row(stadtteil, districts.get(stadtteil.pk, {}), stadtteil) for stadtteil in Stadtteil.objects.all()],
        "overall": row(None, overall(queryset)),
        "statuses": Status.choices,
    }

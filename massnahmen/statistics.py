"""Counts of measures per status: overall, per field and per district, for the dashboard and the report."""

from django.db.models import Count

from handlungsfelder.models import Handlungsfeld
from netzwerk.models import Stadtteil

from .models import Status


def _counts(measures, *group_by):
    """{(group…, status): count} of the measures, grouped in the database."""
    rows = measures.order_by().values(*group_by, "status").annotate(count=Count("pk"))
    return {tuple(row[name] for name in (*group_by, "status")): row["count"] for row in rows}


def row(label, counts, obj=None):
    """One line of a table or chart: each status's count and share of the line's total."""
    total = sum(counts.values())
    cells = [{"status": status, "label": status_label, "count": counts.get(status, 0),
              "share": round(100 * counts.get(status, 0) / total) if total else 0}
             for status, status_label in Status.choices]
    return {"label": label, "object": obj, "cells": cells, "counts": [cell["count"] for cell in cells],
            "total": total}


def overall_row(measures):
    """Each status's count and share among the published measures a queryset selects: one query."""
    return row(None, {status: count for (status,), count in _counts(measures).items()})


def status_table(measures):
    """Rows per field, per district and overall of the published measures a queryset selects.

    Three grouped queries plus the fields and districts themselves, whatever the selection. The
    grouping reads the selection as a subquery, so its own joins (a district filter, say) can
    never count a measure twice.
    """
    selection = measures.model.objects.filter(pk__in=measures.order_by().values("pk"))
    per_field = _counts(selection, "handlungsfelder")
    per_district = _counts(selection, "stadtteile")
    overall = _counts(selection)

    def of(counts, pk):
        return {status: count for (group, status), count in counts.items() if group == pk}

    return {
        "felder": [row(feld, of(per_field, feld.pk), feld) for feld in Handlungsfeld.objects.all()],
        "stadtteile": [row(stadtteil, of(per_district, stadtteil.pk), stadtteil)
                       for stadtteil in Stadtteil.objects.all()],
        "overall": row(None, {status: count for (status,), count in overall.items()}),
        "statuses": list(Status.choices),
    }

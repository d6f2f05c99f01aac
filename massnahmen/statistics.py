"""Counts of measures per status, per field and per district, computed in the database."""

from django.db.models import Count

from handlungsfelder.models import Handlungsfeld
from integration_portal.page_cache import stamp_memo
from integration_portal.relations import reference_map
from netzwerk.models import Stadtteil

from .models import Massnahme, Status

STATUSES = list(Status.values)


def _selection(queryset):
    """The selection, ready to group: without ordering, and without the filters' joins.

    A filter on a many-to-many relation joins rows that would split or repeat the groups, so
    then the count runs over a plain pk subquery; a selection on the table's own columns (the
    usual case) is grouped in place, which spares PostgreSQL a second scan of the table.
    """
    queryset = queryset.order_by()
    if len(queryset.query.alias_map) <= 1 and not queryset.query.distinct:
        return queryset
    return queryset.model.objects.filter(pk__in=queryset.values("pk")).order_by()


def overall(queryset):
    """{status: count} over the selection (one query)."""
    rows = _selection(queryset).values_list("status").annotate(total=Count("pk"))
    return {status: total for status, total in rows}


def by_relation(queryset, relation):
    """{related pk: {status: count}} for a many-to-many relation of Massnahme (one query)."""
    counts = {}
    # Each (measure, related) pair is one row of the join table: no DISTINCT needed.
    rows = _selection(queryset).values_list(f"{relation}__pk", "status").annotate(total=Count("pk"))
    for related, status, total in rows:
        if related is not None:
            counts.setdefault(related, {})[status] = total
    return counts


def row(label, counts, obj=None, labels=None):
    total = sum(counts.values())
    labels = labels or Status.label_map()
    cells = [{"status": status, "label": labels[status], "count": counts.get(status, 0),
              "share": round(100 * counts.get(status, 0) / total) if total else 0} for status in STATUSES]
    return {"label": label, "object": obj, "cells": cells, "counts": [cell["count"] for cell in cells], "total": total}


def status_counts(queryset):
    """{"felder": {pk: {status: count}}, "stadtteile": {…}, "overall": {status: count}} (three queries)."""
    return {"felder": by_relation(queryset, "handlungsfelder"), "stadtteile": by_relation(queryset, "stadtteile"),
            "overall": overall(queryset)}


def public_status_counts():
    """status_counts() of every published measure, kept in this worker until the content stamp moves on.

    Counting groups all measures twice over their join tables, the dashboard's main cost; the
    numbers are the same in every language, so the unfiltered dashboard in seven languages and
    the report of all measures count once per content change rather than once per page.
    """
    return stamp_memo.derived(("public-status-counts",), lambda: status_counts(Massnahme.objects.public()))


def figures(queryset=None):
    """Rows per field, per district and overall for the dashboard and the report.

    `queryset` is a selection of measures, counted as it is asked for; None stands for every
    published measure, whose counts are kept per content stamp.
    """
    counts = public_status_counts() if queryset is None else status_counts(queryset)
    labels = Status.label_map()
    return {
        "felder": [row(feld, counts["felder"].get(feld.pk, {}), feld, labels)
                   for feld in reference_map(Handlungsfeld).values()],
        "stadtteile": [row(stadtteil, counts["stadtteile"].get(stadtteil.pk, {}), stadtteil, labels)
                       for stadtteil in reference_map(Stadtteil).values()],
        "overall": row(None, counts["overall"], labels=labels),
        "statuses": list(labels.items()),
    }

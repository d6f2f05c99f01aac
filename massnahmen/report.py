"""The implementation report: measures of a selection grouped by field, with counts per status."""

from django.db.models import Count, OuterRef, Prefetch, Subquery

from handlungsfelder.models import Handlungsfeld

from .models import Status, StatusChange


def report_context(queryset):
    """Everything the report shows for the measures in `queryset`, in a fixed number of queries."""
    last_note = StatusChange.objects.filter(massnahme=OuterRef("pk")).order_by("-changed_at", "-pk").values("note")[:1]
    selected = queryset.order_by().values("pk")
    measures = (
        queryset.model.objects.filter(pk__in=selected)
        .annotate(last_note=Subquery(last_note))
        .prefetch_related("partner")
        .order_by("position", "pk")
    )
    felder = Handlungsfeld.objects.prefetch_related(Prefetch("massnahmen", queryset=measures, to_attr="report_measures"))
    counts = (
        queryset.model.objects.filter(pk__in=selected)
        .order_by()  # the default ordering would otherwise split the groups
        .values("handlungsfelder__number", "status")
        .annotate(total=Count("pk", distinct=True))
    )
    by_field = {}
    for row in counts:
        by_field.setdefault(row["handlungsfelder__number"], {})[row["status"]] = row["total"]
    overall = dict(
        queryset.model.objects.filter(pk__in=selected).order_by().values_list("status").annotate(total=Count("pk"))
    )
    felder = list(felder)
    summary = [
        {"feld": feld, "counts": [by_field.get(feld.number, {}).get(status, 0) for status in Status.values],
         "total": sum(by_field.get(feld.number, {}).values())}
        for feld in felder
    ]
    return {
        "felder": [feld for feld in felder if feld.report_measures],
        "summary": summary,
        "statuses": Status.choices,
        "overall": [overall.get(status, 0) for status in Status.values],
        "overall_total": sum(overall.values()),
    }

"""The implementation report: measures of a selection grouped by field, with counts per status."""

from django.db.models import OuterRef, Prefetch, Subquery

from handlungsfelder.models import Handlungsfeld

from .models import StatusChange
from .statistics import status_table


def report_context(queryset):
    """Everything the report shows for the measures in `queryset`, in a fixed number of queries."""
    last_change = StatusChange.objects.filter(massnahme=OuterRef("pk")).order_by("-changed_at", "-pk")
    measures = (
        queryset.model.objects.filter(pk__in=queryset.order_by().values("pk"))
        # The note with its language: a German note in a Persian report is marked German.
        .annotate(last_note=Subquery(last_change.values("note")[:1]),
                  last_note_language=Subquery(last_change.values("note_language")[:1]))
        .prefetch_related("partner")
        .order_by("position", "pk")
    )
    felder = Handlungsfeld.objects.prefetch_related(Prefetch("massnahmen", queryset=measures, to_attr="report_measures"))
    counts = status_table(queryset)
    return {
        "felder": [feld for feld in felder if feld.report_measures],
        "summary": counts["felder"],
        "statuses": counts["statuses"],
        "overall": counts["overall"]["counts"],
        "overall_total": counts["overall"]["total"],
    }

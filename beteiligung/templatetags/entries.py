from django import template
from django.conf import settings

from core.bidi import in_language, isolate_runs
from core.text import reader_language

register = template.Library()


@register.filter
def entry_title(entry):
    """An entry's title in the reader's language where staff translated it, else as it was
    written (an online entry in its author's language, a workshop challenge in German), marked
    with its language."""
    reader = reader_language()
    own = getattr(entry, f"title_{reader}", "")
    if own:
        return isolate_runs(own)
    for language in (entry.language, settings.LANGUAGE_CODE):
        text = getattr(entry, f"title_{language}", "")
        if text:
            return in_language(text, language)
    return ""


@register.inclusion_tag("beteiligung/includes/dashboard_figures.html", takes_context=True)
def entry_figures(context):
    """The participation figures on the dashboard (massnahmen's page reaches them by this tag)."""
    from django.utils.translation import get_language_bidi

    from massnahmen.charts import stacked_bars

    from ..figures import STATE_COLOURS, entry_figures as figures

    table = figures()
    rtl = get_language_bidi()
    return {
        "table": table,
        "charts": {name: stacked_bars(table[name], rtl=rtl, colours=STATE_COLOURS) for name in ("felder", "stadtteile")},
        "overall_chart": stacked_bars([table["overall"]], rtl=rtl, colours=STATE_COLOURS),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }

"""The dashboard's charts and figure tables.

The district chart and table have some forty rows of six statuses each; as included
templates they cost the dashboard about 37,000 of its 78,000 Python function calls per
page, these tags about 3,600 (see docs/performance.md).
The markup is the same. Texts (labels, captions) are escaped with escape(); everything else
is a number or a colour from massnahmen.charts and goes in as it is.
"""

from django import template
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from core.templatetags.portal import tr

register = template.Library()


def _description(bar, total_label):
    counts = "".join(f"{cell['count']} {cell['label']}, " for cell in bar["row"]["cells"] if cell["count"])
    return f"{bar['label']}: {counts}{total_label} {bar['row']['total']}. "


def _bar(bar, chart):
    segments = "".join(
        f'<rect x="{s["x"]}" y="0" width="{s["width"]}" height="{chart["bar_height"]}" fill="{s["colour"]}" '
        f'stroke="#ffffff" stroke-width="1"><title>{s["count"]} · {s["share"]} %</title></rect>'
        for s in bar["segments"]
    )
    return (
        f'<g transform="translate(0 {bar["y"]})"><text x="{chart["label_x"]}" y="{chart["text_y"]}" '
        f'text-anchor="{chart["text_anchor"]}" font-size="13" fill="#1c1c1c" aria-hidden="true">'
        f'{escape(Truncator(bar["label"]).chars(38))}</text><rect x="{chart["bar_start"]}" y="0" '
        f'width="{chart["bar_width"]}" height="{chart["bar_height"]}" fill="#f1f1f1"></rect>{segments}</g>'
    )


@register.simple_tag
def stacked_bar_chart(chart, chart_id, caption):
    """A stacked bar chart (massnahmen.charts.stacked_bars) as accessible SVG; a table holds the same figures."""
    total_label = gettext("Maßnahmen insgesamt")
    return format_html(
        '<figure class="chart">\n<svg role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">\n'
        '<title id="{id}-title">{caption}</title>\n<desc id="{id}-desc">{desc}</desc>\n{bars}\n</svg>\n'
        '<figcaption class="visually-hidden">{caption}</figcaption>\n</figure>',
        id=chart_id, width=chart["width"], height=chart["height"], caption=caption,
        desc="".join(_description(bar, total_label) for bar in chart["bars"]),
        bars=mark_safe("\n".join(_bar(bar, chart) for bar in chart["bars"])),
    )


def _row_heading(row):
    obj = row["object"]
    if obj is None:
        return escape(gettext("Alle Maßnahmen"))
    if hasattr(obj, "get_absolute_url"):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), tr(obj, "short_title"))
    return conditional_escape(tr(obj, "name"))


def _row(row):
    share = row["total"] > 0
    cells = "".join(
        f'<td class="text-end">{cell["count"]}'
        + (f' <span class="text-muted-strong small">({cell["share"]} %)</span>' if share else "") + "</td>"
        for cell in row["cells"]
    )
    return f'<tr><th scope="row">{_row_heading(row)}</th>{cells}<td class="text-end">{row["total"]}</td></tr>'


@register.simple_tag
def figures_table(rows, statuses, caption, first_column):
    """The figures of rows from massnahmen.statistics as a table: counts and shares per status."""
    head = "".join(
        f'<th scope="col" class="text-end"><span class="legend-swatch legend-{escape(value)}" aria-hidden="true"></span> '
        f"{escape(label)}</th>"
        for value, label in statuses
    )
    return format_html(
        '<div class="table-responsive">\n<table class="table table-sm figures">\n<caption>{}</caption>\n'
        '<thead><tr><th scope="col">{}</th>{}<th scope="col" class="text-end">{}</th></tr></thead>\n'
        "<tbody>\n{}\n</tbody>\n</table>\n</div>",
        caption, first_column, mark_safe(head), gettext("gesamt"), mark_safe("\n".join(_row(row) for row in rows)),
    )

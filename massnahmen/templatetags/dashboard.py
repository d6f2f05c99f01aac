"""The dashboard's charts and figure tables, written with format_html.

The district chart and table have some forty rows of six statuses each; as included
templates they were most of the dashboard's rendering time (see docs/performance.md).
The markup is the same; everything is escaped.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext

from integration_portal.templatetags.portal import tr

register = template.Library()


def _description(bar, total_label):
    counts = "".join(f"{cell['count']} {cell['label']}, " for cell in bar["row"]["cells"] if cell["count"])
    return f"{bar['label']}: {counts}{total_label} {bar['row']['total']}. "


@register.simple_tag
def stacked_bar_chart(chart, chart_id, caption):
    """A stacked bar chart (massnahmen.charts.stacked_bars) as accessible SVG; a table holds the same figures."""
    total_label = gettext("Maßnahmen insgesamt")
    bars = format_html_join("\n", (
        '<g transform="translate(0 {})"><text x="{}" y="{}" text-anchor="{}" font-size="13" fill="#1c1c1c" '
        'aria-hidden="true">{}</text><rect x="{}" y="0" width="{}" height="{}" fill="#f1f1f1"></rect>{}</g>'
    ), (
        (bar["y"], chart["label_x"], chart["text_y"], chart["text_anchor"], Truncator(bar["label"]).chars(38),
         chart["bar_start"], chart["bar_width"], chart["bar_height"],
         format_html_join("", (
             '<rect x="{}" y="0" width="{}" height="{}" fill="{}" stroke="#ffffff" stroke-width="1">'
             "<title>{} · {} %</title></rect>"
         ), ((str(s["x"]), str(s["width"]), chart["bar_height"], s["colour"], s["count"], s["share"])
             for s in bar["segments"])))
        for bar in chart["bars"]
    ))
    return format_html(
        '<figure class="chart">\n<svg role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">\n'
        '<title id="{id}-title">{caption}</title>\n<desc id="{id}-desc">{desc}</desc>\n{bars}\n</svg>\n'
        '<figcaption class="visually-hidden">{caption}</figcaption>\n</figure>',
        id=chart_id, width=chart["width"], height=chart["height"], caption=caption, bars=bars,
        desc="".join(_description(bar, total_label) for bar in chart["bars"]),
    )


def _row_heading(row):
    obj = row["object"]
    if obj is None:
        return gettext("Alle Maßnahmen")
    if hasattr(obj, "get_absolute_url"):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), tr(obj, "short_title"))
    return tr(obj, "name")


@register.simple_tag
def figures_table(rows, statuses, caption, first_column):
    """The figures of rows from massnahmen.statistics as a table: counts and shares per status."""
    head = format_html_join("", (
        '<th scope="col" class="text-end"><span class="legend-swatch legend-{}" aria-hidden="true"></span> {}</th>'
    ), statuses)
    body = format_html_join("\n", '<tr><th scope="row">{}</th>{}<td class="text-end">{}</td></tr>', (
        (_row_heading(row),
         format_html_join("", '<td class="text-end">{}{}</td>', (
             (cell["count"], format_html(' <span class="text-muted-strong small">({} %)</span>', cell["share"])
              if row["total"] else "")
             for cell in row["cells"])),
         row["total"])
        for row in rows
    ))
    return format_html(
        '<div class="table-responsive">\n<table class="table table-sm figures">\n<caption>{}</caption>\n'
        '<thead><tr><th scope="col">{}</th>{}<th scope="col" class="text-end">{}</th></tr></thead>\n'
        "<tbody>\n{}\n</tbody>\n</table>\n</div>",
        caption, first_column, head, gettext("gesamt"), body,
    )

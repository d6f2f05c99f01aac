"""A measure as a row of a list (measure list, field, partner and project pages).

Written with format_html instead of an included template: every list page shows twenty
rows, and the included template cost about 1,200 Python function calls per row, this tag
about 500 (see docs/performance.md). The markup is the same; everything is escaped.
"""

from django import template
from django.utils import dateformat, formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext

from integration_portal.templatetags.portal import tr

from ..models import Status

register = template.Library()


class RowWords:
    """What every row of a page says alike, looked up once per page rather than once per row."""

    def __init__(self):
        self.language = get_language()
        self.stand = gettext("Stand:")
        self.responsible = gettext("verantwortlich:")
        self.status_labels = Status.label_map()
        self.date_format = formats.get_format("SHORT_DATE_FORMAT")


@register.simple_tag(takes_context=True)
def massnahme_row(context, massnahme):
    """<li> with title link, status and its date, fields and responsible partners.

    Needs a measure from Massnahme.objects.for_list() (handlungsfelder_list, partner_list).
    """
    words = context.render_context.get(RowWords)
    if words is None:
        words = context.render_context[RowWords] = RowWords()
    language = words.language
    stand = ""
    if massnahme.status_changed_at:
        changed = timezone.localtime(massnahme.status_changed_at)
        stand = format_html(
            ' <span class="text-muted-strong small">{} <time datetime="{}">{}</time></span>',
            words.stand, changed.isoformat(), dateformat.format(changed, words.date_format),
        )
    felder = format_html_join(" · ", "{}", ((tr(feld, "short_title", language),) for feld in massnahme.handlungsfelder_list))
    responsible = ""
    if massnahme.partner_list:
        responsible = format_html(
            " — {} {}", words.responsible,
            format_html_join(", ", "{}", ((tr(partner, "name", language),) for partner in massnahme.partner_list)),
        )
    return format_html(
        '<li class="measure-item">\n'
        '  <h3 class="h6 mb-1"><a href="{}">{}</a></h3>\n'
        '  <p class="mb-1"><span class="status status-{}">{}</span>{}</p>\n'
        '  <p class="small mb-0">{}{}</p>\n'
        "</li>\n",
        massnahme.get_absolute_url(), tr(massnahme, "title", language), massnahme.status,
        words.status_labels.get(massnahme.status, massnahme.status), stand, felder, responsible,
    )


@register.simple_tag
def select_options(options):
    """<option>s from MassnahmeFilter.select_options(): (value, label, selected)."""
    return format_html_join("", '<option value="{}"{}>{}</option>', (
        (value, " selected" if selected else "", label) for value, label, selected in options
    ))

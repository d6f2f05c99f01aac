"""A measure as a row of a list (measure list, field, partner and project pages).

Written as Python instead of an included template: every list page shows twenty rows, and
the included template cost about 1,200 Python function calls per row, this tag about 300
(see docs/performance.md). The markup is the same; every text is escaped.
"""

from html import escape

from django import template
from django.utils import dateformat, formats, timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language, gettext

from core.templatetags.portal import tr

from ..models import Status

register = template.Library()


class RowWords:
    """What every row of a page says alike, looked up once per page rather than once per row."""

    def __init__(self):
        self.language = get_language()
        self.stand = escape(gettext("Stand:"))
        self.responsible = escape(gettext("verantwortlich:"))
        self.status_labels = dict(Status.choices)
        self.date_format = formats.get_format("SHORT_DATE_FORMAT")


def _html(value):
    """conditional_escape() for the str a row holds, without its check for lazy strings (a fifth of a row's cost)."""
    return value if isinstance(value, SafeData) else escape(value)


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
        stand = (f' <span class="text-muted-strong small">{words.stand} <time datetime="{changed.isoformat()}">'
                 f"{_html(dateformat.format(changed, words.date_format))}</time></span>")
    felder = " · ".join(_html(tr(feld, "short_title", language)) for feld in massnahme.handlungsfelder_list)
    responsible = ""
    if massnahme.partner_list:
        names = ", ".join(_html(tr(partner, "name", language)) for partner in massnahme.partner_list)
        responsible = f" — {words.responsible} {names}"
    status = _html(massnahme.status)
    return mark_safe(
        '<li class="measure-item">\n'
        f'  <h3 class="h6 mb-1"><a href="{_html(massnahme.get_absolute_url())}">{_html(tr(massnahme, "title", language))}</a></h3>\n'
        f'  <p class="mb-1"><span class="status status-{status}">'
        f"{_html(words.status_labels.get(massnahme.status, massnahme.status))}</span>{stand}</p>\n"
        f'  <p class="small mb-0">{felder}{responsible}</p>\n'
        "</li>\n"
    )


@register.simple_tag
def select_options(options):
    """<option>s from MassnahmeFilter.select_options(): (value, label, selected)."""
    return format_html_join("", '<option value="{}"{}>{}</option>', (
        (value, " selected" if selected else "", label) for value, label, selected in options
    ))

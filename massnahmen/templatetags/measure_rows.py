"""A measure as a row of a list (measure list, field, partner and project pages).

Written with format_html instead of an included template: every list page shows twenty
rows, and the template version cost about three quarters of the page's rendering time
(see docs/performance.md). The markup is the same; everything is escaped.
"""

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from integration_portal.templatetags.portal import tr

register = template.Library()


@register.simple_tag
def massnahme_row(massnahme):
    """<li> with title link, status and its date, fields and responsible partners.

    Needs a measure from Massnahme.objects.for_list() (handlungsfelder_list, partner_list).
    """
    stand = ""
    if massnahme.status_changed_at:
        changed = timezone.localtime(massnahme.status_changed_at)
        stand = format_html(
            ' <span class="text-muted-strong small">{} <time datetime="{}">{}</time></span>',
            gettext("Stand:"), changed.isoformat(), formats.date_format(changed, "SHORT_DATE_FORMAT"),
        )
    felder = format_html_join(" · ", "{}", ((tr(feld, "short_title"),) for feld in massnahme.handlungsfelder_list))
    responsible = ""
    if massnahme.partner_list:
        responsible = format_html(
            " — {} {}", gettext("verantwortlich:"),
            format_html_join(", ", "{}", ((tr(partner, "name"),) for partner in massnahme.partner_list)),
        )
    return format_html(
        '<li class="measure-item">\n'
        '  <h3 class="h6 mb-1"><a href="{}">{}</a></h3>\n'
        '  <p class="mb-1"><span class="status status-{}">{}</span>{}</p>\n'
        '  <p class="small mb-0">{}{}</p>\n'
        "</li>\n",
        massnahme.get_absolute_url(), tr(massnahme, "title"), massnahme.status, massnahme.get_status_display(),
        stand, felder, responsible,
    )

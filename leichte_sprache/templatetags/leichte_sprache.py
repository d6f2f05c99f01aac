"""Leichte Sprache text as HTML: paragraphs, lists and the links to the Wörterbuch (markup.py).

Every piece of the text is escaped; only the tags built here are markup. A link whose word is not
in the Wörterbuch (an entry removed since) shows the word without a link.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .. import markup

register = template.Library()


def _runs_html(runs, woerter, page):
    parts = []
    for text, target in runs:
        wort = woerter.get(markup.normalize(target)) if target else None
        if wort is None:
            parts.append(format_html("{}", text))
        else:
            parts.append(format_html('<a href="{}#{}" class="wort-link">{}</a>', page, wort.anchor, text))
    return mark_safe("".join(parts))


@register.filter
def leichte_sprache(text, woerter):
    """`woerter`: the Wörterbuch lookup (Wort.objects.lookup()) the view puts in the context."""
    page = reverse("leichte_sprache:woerterbuch")
    html = []
    for kind, lines in markup.blocks(text):
        if kind == "ul":
            html.append(format_html("<ul>{}</ul>", format_html_join(
                "", "<li>{}</li>", ((_runs_html(runs, woerter, page),) for runs in lines))))
        else:
            html.append(format_html("<p>{}</p>", mark_safe("<br>".join(_runs_html(runs, woerter, page) for runs in lines))))
    return mark_safe("".join(html))

"""Presentation of content: plain text into paragraphs and lists, translated fields with fallback.

Content is plain text; everything is escaped here and only our own tags are added. Every text
these filters give is safe for mixed directions (core/bidi.py): runs in the other direction are
isolated, and text in another language than the page's (a German fallback, a German note on a
Persian page) carries its lang, its own direction and a small marker naming the language.
"""

from django import template
from django.conf import settings
from django.utils import dateformat, formats, timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from core.bidi import in_language, isolate_runs, language_direction, page_direction, text_direction
from core.periods import PRECISION_FORMATS
from core.text import split_paragraphs

register = template.Library()
SOURCE = settings.LANGUAGE_CODE


def _blocks_html(text, direction=None):
    """Paragraphs and lists of plain text; runs against `direction` (the page's) isolated."""
    direction = direction or page_direction()
    parts = []
    for block in split_paragraphs(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            parts.append(format_html("<ul>{}</ul>", format_html_join(
                "", "<li>{}</li>", ((isolate_runs(line[2:], direction),) for line in lines))))
        else:
            parts.append(format_html("<p>{}</p>", mark_safe("<br>".join(isolate_runs(line, direction) for line in lines))))
    return mark_safe("".join(parts))


@register.filter
def plaintext(text):
    """Paragraphs (blank line) and '- ' lists of a plain-text field as HTML."""
    return _blocks_html(text or "")


@register.filter
def isolate(value, language=None):
    """A value that is the same in every language (a name, an address line, a place, an e-mail
    address, a URL) isolated in its own direction when that is not the page's: "39116 Magdeburg"
    stays in this order on an Arabic page. `language` names the language of words in it (an
    address is German: `|isolate:"de"`), for screen readers, when it is not the page's."""
    text = "" if value is None else str(value)
    direction = text_direction(text, default=page_direction())
    reader = (get_language() or SOURCE).split("-")[0]
    if direction == page_direction() and language in (None, reader):
        return isolate_runs(text, direction)
    lang = format_html(' lang="{}"', language) if language and language != reader else ""
    return format_html('<bdi dir="{}"{} class="bidi bidi-unit">{}</bdi>', direction, lang, isolate_runs(text, direction))


@register.filter
def written_in(text, language):
    """A text written in `language` (a history note): on a page in another language it is marked
    with lang, reads in its own direction, and says which language it is in ("Deutsch")."""
    return in_language(text or "", (language or SOURCE).split("-")[0])


def _text_in_language(obj, field, language=None):
    """(text, is_fallback) of a modeltranslation field in the given or the active language."""
    language = (language or get_language() or SOURCE).split("-")[0]
    if language != SOURCE:
        own = getattr(obj, f"{field}_{language}", None)
        if own:
            return own, False
        return getattr(obj, f"{field}_{SOURCE}", "") or "", True
    return getattr(obj, f"{field}_{SOURCE}", "") or "", False


@register.filter
def translated(obj, field, language=None):
    """A short translated text; German fallback is marked up as German for screen readers."""
    text, fallback = _text_in_language(obj, field, language)
    if fallback and text:
        return in_language(text, SOURCE)
    return isolate_runs(text)


@register.filter
def translated_text(obj, field):
    """A long translated text as paragraphs; a German fallback comes with a notice."""
    text, fallback = _text_in_language(obj, field)
    if not text:
        return ""
    if fallback:
        return format_html(
            '<p class="fallback-notice small">{}</p><div lang="{}" dir="{}">{}</div>',
            gettext("Dieser Text liegt noch nicht in Ihrer Sprache vor. Er wird auf Deutsch angezeigt."),
            SOURCE, language_direction(SOURCE), _blocks_html(text, language_direction(SOURCE)),
        )
    return _blocks_html(text)


@register.filter
def translated_lines(obj, field):
    """Items of a one-per-line translated field, each marked German when it falls back."""
    text, fallback = _text_in_language(obj, field)
    items = [line.strip() for line in text.splitlines() if line.strip()]
    if fallback:
        return [in_language(item, SOURCE) for item in items]
    return [isolate_runs(item) for item in items]


@register.filter
def percent(share):
    """A share as "18 %" that never breaks between the number and its sign (a no-break space
    inside an isolate, so it also keeps its order in right-to-left text)."""
    return format_html('<bdi dir="ltr" class="bidi bidi-unit">{}\u00a0%</bdi>', share)


@register.simple_tag
def status_badge(status, label):
    return format_html('<span class="status status-{}">{}</span>', status, label)


# The machine-readable form of a <time> for each precision (HTML's valid date strings).
_ISO_FORMATS = {"day": "Y-m-d", "month": "Y-m", "year": "Y"}


@register.simple_tag
def dated(moment, precision=""):
    """A <time> showing `moment` only as exactly as it is known (core.periods.DatePrecision):
    a change made in the portal by its day, a state a source dates to a month as "September 2021"."""
    if moment is None:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    machine = moment.isoformat() if not precision else dateformat.format(moment, _ISO_FORMATS[precision])
    return format_html('<time datetime="{}">{}</time>', machine,
                       formats.date_format(moment, PRECISION_FORMATS[precision]))


def _css_string(text):
    """A CSS string literal of `text`, safe inside a <style> element.

    Backslash and quote are escaped for CSS; "<" is written as the CSS escape \\3C, so no value
    (a resolution number, a city name) can close the style element and start markup.
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3C ")
    return '"' + escaped + '"'


@register.simple_tag
def page_counter_css():
    """CSS `content` for "page X of Y" in the active language, for a PDF's page margin."""
    template_text = gettext("Seite {page} von {pages}")
    before, rest = template_text.split("{page}", 1) if "{page}" in template_text else (template_text, "")
    middle, after = rest.split("{pages}", 1) if "{pages}" in rest else (rest, "")
    parts = [_css_string(before), "counter(page)", _css_string(middle), "counter(pages)", _css_string(after)]
    return mark_safe(" ".join(part for part in parts if part != '""'))


@register.simple_tag
def css_text(text):
    """A text as a CSS string literal (for page-margin boxes)."""
    return mark_safe(_css_string(str(text)))


@register.filter
def ltr(value):
    """A left-to-right token (numbers, codes) isolated so it reads right inside RTL text."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


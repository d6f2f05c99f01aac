"""Presentation of content: plain text into paragraphs and lists, translated fields with fallback.

Content is plain text; everything is escaped here and only our own tags are added.
"""

from django import template
from django.conf import settings
from django.utils import dateformat, formats, timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from core.periods import PRECISION_FORMATS
from core.text import split_paragraphs

register = template.Library()
SOURCE = settings.LANGUAGE_CODE


def _blocks_html(text):
    parts = []
    for block in split_paragraphs(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            parts.append(format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line[2:],) for line in lines))))
        else:
            parts.append(format_html("<p>{}</p>", mark_safe("<br>".join(conditional_escape(line) for line in lines))))
    return mark_safe("".join(parts))


@register.filter
def plaintext(text):
    """Paragraphs (blank line) and '- ' lists of a plain-text field as HTML."""
    return _blocks_html(text or "")


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
        return format_html('<span lang="{}" dir="ltr">{}</span>', SOURCE, text)
    return text


@register.filter
def translated_text(obj, field):
    """A long translated text as paragraphs; a German fallback comes with a notice."""
    text, fallback = _text_in_language(obj, field)
    if not text:
        return ""
    if fallback:
        return format_html(
            '<p class="fallback-notice small">{}</p><div lang="{}" dir="ltr">{}</div>',
            gettext("Dieser Text liegt noch nicht in Ihrer Sprache vor. Er wird auf Deutsch angezeigt."),
            SOURCE, _blocks_html(text),
        )
    return _blocks_html(text)


@register.filter
def translated_lines(obj, field):
    """Items of a one-per-line translated field, each marked German when it falls back."""
    text, fallback = _text_in_language(obj, field)
    items = [line.strip() for line in text.splitlines() if line.strip()]
    if fallback:
        return [format_html('<span lang="{}" dir="ltr">{}</span>', SOURCE, item) for item in items]
    return items


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


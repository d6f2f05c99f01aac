"""Texts a round's snapshot froze, shown like the translated fields of today (core/templatetags/portal.py)."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from core.bidi import in_language, isolate_runs

register = template.Library()
SOURCE = settings.LANGUAGE_CODE


def frozen_text(snapshot, name, language=None):
    """(text, is_fallback) of a snapshot's text in the reader's language, German where it has none."""
    language = (language or get_language() or SOURCE).split("-")[0]
    text = snapshot.text(name, language) or ""
    return text, bool(text) and snapshot.text_language(name, language) != language


@register.filter
def frozen(snapshot, name):
    """A snapshot's short text (title, note); a German fallback is marked German, as `translated` marks it."""
    text, fallback = frozen_text(snapshot, name)
    return in_language(text, SOURCE) if fallback else isolate_runs(text)


@register.filter
def joined(names):
    """Names (partners, fields) of a snapshot, each isolated, separated by commas."""
    from django.utils.html import format_html_join

    return format_html_join(", ", "{}", ((isolate_runs(name),) for name in names))


@register.simple_tag
def status_label(value):
    """A status value's label, as a badge (the vocabulary's, in the reader's language)."""
    from core.templatetags.portal import status_badge

    from ..models import Status

    return status_badge(value, Status(value).label if value in Status.values else value)


@register.simple_tag
def measure_link(snapshot):
    """A snapshot's title as the round froze it, linked to the measure's page while the measure exists."""
    from django.urls import reverse
    from django.utils.html import format_html

    title = frozen(snapshot, "title")
    if snapshot.massnahme_id is None:
        return title
    return format_html('<a href="{}">{}</a>', reverse("massnahmen:detail", args=[snapshot.massnahme_id]), title)


@register.filter
def last_note(snapshot):
    """The last note by the round's end, in the language it was written in (marked where it is not the page's)."""
    note = snapshot.last_note
    return in_language(note["text"], note["language"]) if note else ""


@register.filter
def partners(snapshot):
    """The responsible partners' names as the round froze them, in the reader's language."""
    return snapshot.partner_names((get_language() or SOURCE).split("-")[0])

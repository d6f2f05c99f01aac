from django import template
from django.conf import settings
from django.utils.translation import get_language

from core.bidi import in_language, isolate_runs

register = template.Library()


@register.filter
def entry_title(entry):
    """An entry's title in the reader's language where staff translated it, else as it was
    written (an online entry in its author's language, a workshop challenge in German), marked
    with its language."""
    reader = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    own = getattr(entry, f"title_{reader}", "")
    if own:
        return isolate_runs(own)
    for language in (entry.language, settings.LANGUAGE_CODE):
        text = getattr(entry, f"title_{language}", "")
        if text:
            return in_language(text, language)
    return ""

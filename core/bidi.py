"""Mixed-direction text: every run that reads in the other direction is isolated.

Arabic and Persian content names German partners, districts and addresses ("تیم … (Team
Integrationsgemeinwesenarbeit)", "39116 Magdeburg"), and German pages may quote Arabic. Left to
the Unicode bidi algorithm alone, a German run inside right-to-left text takes its neighbours'
brackets and numbers into the wrong order, worst where a line wraps inside it. So each such run
becomes an isolate of its own direction (`<bdi dir="ltr">`), with a number glued to it (a
postcode, a house number) and the brackets that enclose it whole; in pages and PDFs alike
(WeasyPrint supports <bdi> and unicode-bidi: isolate).

Content is plain text: everything is escaped here and only <bdi> elements are added.
"""

import re
import unicodedata

from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi

from .text import reader_language

# A run this short is a name, an address line or a number with its unit: kept on one line when it
# fits (CSS: .bidi-unit is an inline-block), so "Neue Neustadt/Neustädter See/Kannenstieg" does not
# break apart. Longer runs flow with the sentence around them.
UNIT_LENGTH = 48
OPENING = {"(": ")", "[": "]", "{": "}", "„": "“", "«": "»", "‹": "›", '"': '"', "“": "”"}
CLOSING = {close: open_ for open_, close in OPENING.items()}
# Punctuation that ends the surrounding sentence rather than the run.
SENTENCE_PUNCTUATION = set(".,;:!?،؛؟…")
NUMBER = r"[+]?\d(?:[\d.,/\-]*\d)?(?:\s?%)?"


def strong_direction(char):
    """'ltr', 'rtl' or None (digits, spaces, punctuation) for one character."""
    kind = unicodedata.bidirectional(char)
    if kind == "L":
        return "ltr"
    if kind in ("R", "AL"):
        return "rtl"
    return None


def text_direction(text, default="ltr"):
    """The direction of the first strong character (what dir="auto" would choose)."""
    for char in text:
        direction = strong_direction(char)
        if direction:
            return direction
    return default


def language_direction(language):
    return "rtl" if language.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"


def page_direction():
    return "rtl" if get_language_bidi() else "ltr"


def _runs(text, base):
    """(start, end) of each maximal run of the direction opposite to `base`.

    A run goes from the first to the last strong character of the other direction with no strong
    character of the base direction between; it takes in the rest of the words it starts and ends
    in ("V/02", "2386-065(VI)/19"), a number standing just before or after it ("39116 Magdeburg",
    "Ring 4"), and the brackets or quotes that enclose it whole. A bracket whose partner is not in
    the run stays outside; punctuation ending the sentence around it stays outside.
    """
    other = "rtl" if base == "ltr" else "ltr"
    runs = []
    index, stretch_start, length = 0, 0, len(text)
    while index < length:
        direction = strong_direction(text[index])
        if direction != other:
            if direction == base:
                stretch_start = index + 1
            index += 1
            continue
        start = end = index
        cursor = index
        while cursor < length and strong_direction(text[cursor]) != base:
            if strong_direction(text[cursor]) == other:
                end = cursor
            cursor += 1
        end += 1
        while start > stretch_start and not text[start - 1].isspace():
            start -= 1
        while end < cursor and not text[end].isspace() and text[end] not in SENTENCE_PUNCTUATION:
            end += 1
        before = re.search(r"(?:^|\s)(" + NUMBER + r")\s+$", text[stretch_start:start])
        if before:
            start = stretch_start + before.start(1)
        after = re.match(r"\s+(" + NUMBER + r")(?=$|[\s.,;:!?،؛)\]])", text[end:cursor])
        if after:
            end += after.end(1)
        start, end = _balanced(text, start, end)
        if start < end:
            runs.append((start, end))
        index = cursor
        stretch_start = cursor + 1
    return runs


def _balanced(text, start, end):
    """Trim brackets whose partner is outside the run; take in a pair that encloses it whole."""
    while start < end:
        stack, unmatched = [], []
        for position in range(start, end):
            char = text[position]
            if char in CLOSING and stack and OPENING[text[stack[-1]]] == char:
                stack.pop()
            elif char in OPENING:
                stack.append(position)
            elif char in CLOSING:
                unmatched.append(position)
        unmatched.extend(stack)
        trimmed = (start, end)
        if unmatched:
            # Cut off the stray bracket and what lies beyond it, on the side where it is nearer.
            first, last = min(unmatched), max(unmatched)
            if first - start <= end - 1 - last:
                start = first + 1
            else:
                end = last
        while start < end and (text[start].isspace() or text[start] in SENTENCE_PUNCTUATION):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in SENTENCE_PUNCTUATION):
            end -= 1
        if (start, end) == trimmed:
            break
    while start > 0 and end < len(text) and text[start - 1] in OPENING and OPENING[text[start - 1]] == text[end]:
        start, end = start - 1, end + 1
    return start, end


def _pieces(text, base):
    """(text in the base direction, run of the other direction or "") in order: the one walk over
    the runs that both isolating forms below share."""
    position = 0
    for start, end in _runs(text, base):
        if start < position or start >= end:
            continue
        yield text[position:start], text[start:end]
        position = end
    yield text[position:], ""


def isolate_runs(text, base=None):
    """Escaped `text` with each run of the other direction in a <bdi> of that direction.

    `base` is the direction of the text around the runs: the page's, unless the text is in
    another language than the page (a German fallback, a note).
    """
    base = base or page_direction()
    other = "rtl" if base == "ltr" else "ltr"
    parts = []
    for plain, run in _pieces(str(text), base):
        parts.append(escape(plain))
        if run:
            unit = " bidi-unit" if len(run) <= UNIT_LENGTH else ""
            parts.append(format_html('<bdi dir="{}" class="bidi{}">{}</bdi>', other, unit, run))
    return mark_safe("".join(parts))


# Unicode's isolate controls, for text that cannot hold markup (an <option>, a window title).
ISOLATE_CONTROLS = {"ltr": "\u2066", "rtl": "\u2067"}
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate_runs_text(text, base=None):
    """Plain `text` with each run of the other direction between Unicode isolate controls
    (LRI/RLI … PDI): what <bdi> does, where no markup is possible."""
    base = base or page_direction()
    other = "rtl" if base == "ltr" else "ltr"
    return "".join(plain + (ISOLATE_CONTROLS[other] + run + POP_DIRECTIONAL_ISOLATE if run else "")
                   for plain, run in _pieces(str(text), base))


def language_name(language):
    """The name of a language in the reader's language ("Deutsch", "آلمانی"): Django's catalogue."""
    from django.utils.translation import get_language_info

    return str(get_language_info(language)["name_translated"])


def in_language(text, language):
    """Text in `language` shown on a page in another one: marked with lang, isolated in its own
    direction, and followed by a small visible marker naming the language in the reader's language.

    The marker is part of the same isolate as the text, so on a right-to-left page a German note
    and its "Deutsch" stay together where the entry begins.
    """
    reader = reader_language()
    direction = language_direction(language)
    if language == reader:
        return isolate_runs(text, direction)
    marker = format_html('<span class="language-marker">{}</span>', language_name(language))
    return format_html('<span class="other-language"><bdi lang="{}" dir="{}">{}</bdi> {}</span>',
                       language, direction, isolate_runs(text, direction), marker)

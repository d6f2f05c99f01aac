"""Plain-text conventions for content fields.

Content is stored as plain text (never HTML): paragraphs are separated by a blank
line, list items stand one per line. Templates escape it; these helpers only split.
"""


def split_lines(text):
    """Non-empty lines of a one-item-per-line field, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def split_paragraphs(text):
    """Paragraphs of a blank-line-separated field, each with its inner lines joined."""
    blocks = [block.strip() for block in (text or "").replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def reader_language():
    """The active language's code without a region ("de" for "de-de"); the site's default outside
    a request or translation.override()."""
    from django.conf import settings
    from django.utils.translation import get_language

    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]

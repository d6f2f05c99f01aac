"""The one markup of Leichte Sprache text: links to the Wörterbuch.

`[[Stadt·rat]]` links the word to the Wörterbuch entry whose term (or one of its word forms)
matches; `[[Stadt·räte|Stadt·rat]]` shows the first part and links to the entry named second.
Everything else is the portal's plain text (blank line between paragraphs, "- " for list items,
core/text.py); there is no HTML. The checker (checker.py) reads the same markup.
"""

from core.text import split_paragraphs

# One reading of the markup for the pages and the checker: the link pattern and how a word is matched.
from .checker import LINK, normalize  # noqa: F401 (normalize is part of this module's use)


def pieces(line):
    """(text, target) runs of one line: target is the Wörterbuch word a run links to, or None."""
    runs, end = [], 0
    for match in LINK.finditer(line):
        if match.start() > end:
            runs.append((line[end:match.start()], None))
        shown = match.group(1).strip()
        runs.append((shown, (match.group(2) or shown).strip()))
        end = match.end()
    if end < len(line):
        runs.append((line[end:], None))
    return runs


def blocks(text):
    """The text's paragraphs and lists: ("p", [line runs…]) or ("ul", [item runs…])."""
    result = []
    for block in split_paragraphs(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if all(line.startswith("- ") for line in lines):
            result.append(("ul", [pieces(line[2:]) for line in lines]))
        else:
            result.append(("p", [pieces(line) for line in lines]))
    return result


def link_targets(text):
    """Every Wörterbuch word the text links to, as written in the markup."""
    return [match.group(2) or match.group(1) for match in LINK.finditer(text or "")]


def plain(text):
    """The text as a reader sees it: the links' shown words, no markup."""
    return LINK.sub(lambda match: match.group(1), text or "")

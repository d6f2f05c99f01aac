"""The partner part of the guide (docs/handbuch.md, from "## Für Partner" on), as HTML for the
partner workspace: one text for the repository and the portal, so they cannot drift apart.

Markdown is rendered with raw HTML switched off (markdown-it-py's CommonMark with html=False
escapes it): the file is ours, but nothing in it can put markup on a page. Pictures point to
GuidePictureView, which serves only the partner pictures from docs/handbuch/.
"""

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from markdown_it import MarkdownIt

GUIDE = Path(settings.BASE_DIR) / "docs" / "handbuch.md"
PICTURES = GUIDE.parent / "handbuch"
PARTNER_HEADING = "## Für Partner"
# A picture of the partner part: docs/handbuch/partner-….png
PICTURE = re.compile(r"^handbuch/(?P<name>partner-[a-z0-9-]+)\.png$")


def partner_part():
    """The partner part as HTML; read again when the file changes (the pictures' addresses carry the
    language prefix, hence one copy per language)."""
    return _rendered(GUIDE.stat().st_mtime_ns, get_language())


@lru_cache(maxsize=len(settings.LANGUAGES))
def _rendered(_mtime, _language):
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"\n{PARTNER_HEADING}\n")
    markdown = MarkdownIt("commonmark", {"html": False})
    tokens = markdown.parse(text[start:])
    for token in tokens:
        for child in token.children or ():
            if child.type == "image":
                found = PICTURE.match(child.attrGet("src") or "")
                child.attrSet("src", reverse("massnahmen:guide-picture", args=[found["name"]]) if found else "")
                child.attrSet("class", "img-fluid border")
                child.attrSet("loading", "lazy")
    return mark_safe(markdown.renderer.render(tokens, markdown.options, {}))  # noqa: S308 (html=False: escaped)

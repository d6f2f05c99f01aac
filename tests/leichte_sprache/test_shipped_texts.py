"""The shipped Leichte Sprache passes every error rule of the checker: the texts loaded from
content/leichte_sprache.yaml, and every page as a reader gets it (the portal's own Leichte Sprache
interface strings, the video places and the test readers' notice included)."""

import html as html_lib
import re

import pytest

from leichte_sprache.checker import check
from leichte_sprache.models import LeichteLeitlinie, Seite, Wort
from tests.leichte_sprache.test_pages import leichte_sprache_urls

pytestmark = pytest.mark.django_db
BLOCKS = re.compile(r"</?(?:p|li|h[1-6]|dt|dd|summary|figcaption|section|div|ul|ol|dl|br)\b[^>]*>", re.I)


def errors_in(text, glossary=()):
    return [f"{finding.label}: „{text[finding.start:finding.end]}“ in „{finding.sentence}“"
            for finding in check(text, glossary=glossary).errors]


# About 10 s: the checker tags every word of about 70 texts with HanTa (and loads its model once).
def test_every_shipped_text_passes_every_error_rule():
    glossary = {wort.pk: (wort.term, *wort.form_list()) for wort in Wort.objects.all()}
    problems = []
    for model in (Seite, LeichteLeitlinie, Wort):
        for obj in model.objects.all():
            entries = [forms for pk, forms in glossary.items() if not (model is Wort and pk == obj.pk)]
            for name, text in obj.texts().items():
                problems += [f"{model.__name__} {obj}: {name}: {error}" for error in errors_in(text, entries)]
    for seite in Seite.objects.all():  # titles hold no links: every rule but the Wörterbuch's
        problems += [f"Seite {seite.slug}: title: {error}" for error in errors_in(seite.title)]
    assert not problems, "\n".join(problems)
    assert Seite.objects.count() and LeichteLeitlinie.objects.count() == 33 and Wort.objects.count() >= 20


def readable_text(page):
    """The text of the page's main landmark as a reader gets it: one paragraph per block."""
    main = page[page.index("<main"):page.index("</main>")]
    text = BLOCKS.sub("\n\n", main)
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", text))
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


# About 10 s: 16 pages rendered and read whole by the checker.
def test_every_page_as_read_passes_every_error_rule(client):
    problems = []
    for name, url in leichte_sprache_urls():
        text = readable_text(client.get(url).content.decode())
        assert "Leichte" in text or "Leit·linien" in text or text, name
        problems += [f"{name}: {error}" for error in errors_in(text)]
    assert not problems, "\n".join(problems)


def test_the_readable_text_holds_the_interface_strings(client):
    text = readable_text(client.get("/de/leichte-sprache/kontakt/").content.decode())
    assert "Zurück zur Start·seite in Leichter Sprache" in text
    assert "Eine Prüf·gruppe liest diesen Text bald." in text
    assert "Diese Seite in Alltags·sprache" in text

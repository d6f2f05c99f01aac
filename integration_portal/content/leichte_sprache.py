"""The Leichte Sprache texts of content/leichte_sprache.yaml: checked as a whole, then written.

The file holds the Wörterbuch (`woerterbuch`), the pages (`seiten`: the four items of BITV 2.0 §4,
one page per Handlungsfeld, the Leitlinien's introduction and the other pages) and every statement
of the Leitlinien retold (`leitlinien`, keyed "field.position" as in the published edition).
`check()` raises ContentError before anything is written: unknown keys, a §4 place or a
Handlungsfeld missing or twice, a statement of the Leitlinien not retold (or one that does not
exist), a link to a word the Wörterbuch does not have.
"""

import re

from leichte_sprache import markup
from leichte_sprache.models import Seite

from .seeds import ContentError

FILE = "leichte_sprache.yaml"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STANDARD_PAGES = {name for name, _label in Seite.STANDARD_PAGES}


class LeichteSprachePlan:
    def __init__(self, path, data, statements):
        """`statements`: {"field.position"} of the Leitlinien in the seed."""
        self.path = path
        self.woerter = self._list(data, "woerterbuch")
        self.seiten = self._list(data, "seiten")
        self.leitlinien = data.get("leitlinien")
        if not isinstance(self.leitlinien, dict):
            self.fail("leitlinien", "Abschnitt fehlt oder hat die falsche Form (dict erwartet).")
        self._check_woerter()
        self._check_seiten()
        self._check_leitlinien(statements)
        self._check_links()

    def fail(self, place, message):
        raise ContentError(self.path, None, f"{place}: {message}")

    def _list(self, data, name):
        value = data.get(name)
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.fail(name, "Abschnitt fehlt oder hat die falsche Form (Liste von Einträgen erwartet).")
        return value

    def _require(self, place, item, *names):
        for name in names:
            if not isinstance(item.get(name), str) or not item[name].strip():
                self.fail(place, f"„{name}“ fehlt.")

    def _check_woerter(self):
        self.known, slugs = {}, set()
        for number, wort in enumerate(self.woerter):
            place = f"woerterbuch[{number}]"
            self._require(place, wort, "term", "slug", "explanation")
            if not SLUG.match(wort["slug"]) or wort["slug"] in slugs:
                self.fail(place, f"Kurzname „{wort['slug']}“ ist ungültig oder doppelt.")
            slugs.add(wort["slug"])
            forms = wort.get("forms", [])
            if not isinstance(forms, list) or not all(isinstance(form, str) for form in forms):
                self.fail(place, "„forms“ ist eine Liste von Wörtern.")
            for form in [wort["term"], *forms]:
                key = markup.normalize(form)
                if key in self.known:
                    self.fail(place, f"„{form}“ gehört schon zu „{self.known[key]}“.")
                self.known[key] = wort["term"]

    def _check_seiten(self):
        slugs, plaetze, felder = set(), [], []
        for number, seite in enumerate(self.seiten):
            place = f"seiten[{number}]"
            self._require(place, seite, "slug", "title", "summary", "body")
            if not SLUG.match(seite["slug"]) or seite["slug"] in slugs or seite["slug"] in Seite.RESERVED_SLUGS:
                self.fail(place, f"Kurzname „{seite['slug']}“ ist ungültig, doppelt oder vergeben.")
            slugs.add(seite["slug"])
            if "platz" in seite:
                if seite["platz"] not in Seite.Platz.values:
                    self.fail(place, f"Unbekannter Platz „{seite['platz']}“ (erlaubt: {', '.join(Seite.Platz.values)}).")
                plaetze.append(seite["platz"])
            if "handlungsfeld" in seite:
                if seite["handlungsfeld"] not in range(1, 7):
                    self.fail(place, "Handlungsfeld: eine Nummer von 1 bis 6.")
                felder.append(seite["handlungsfeld"])
            if seite.get("standard_page", "") and seite["standard_page"] not in STANDARD_PAGES:
                self.fail(place, f"Unbekannte Seite in Standardsprache „{seite['standard_page']}“.")
        if sorted(plaetze) != sorted(Seite.Platz.values):
            self.fail("seiten", f"Jeder Platz der Startseite (BITV 2.0 § 4: {', '.join(Seite.Platz.values)}) genau einmal.")
        if sorted(felder) != [1, 2, 3, 4, 5, 6]:
            self.fail("seiten", "Eine Seite für jedes Handlungsfeld 1 bis 6.")
        if Seite.LEITLINIEN not in slugs:
            self.fail("seiten", f"Die Seite „{Seite.LEITLINIEN}“ (Einleitung der Leitlinien) fehlt.")

    def _check_leitlinien(self, statements):
        if not all(isinstance(key, str) for key in self.leitlinien):
            self.fail("leitlinien", "Schlüssel in Anführungszeichen schreiben („\"1.2\"“): YAML liest 1.10 sonst als 1.1.")
        keys = set(self.leitlinien)
        missing, unknown = sorted(statements - keys), sorted(keys - statements)
        if missing or unknown:
            self.fail("leitlinien", f"Jede Leitlinie genau einmal: es fehlen {missing or '–'}, unbekannt sind {unknown or '–'}.")
        for key, text in self.leitlinien.items():
            if not isinstance(text, str) or not text.strip():
                self.fail(f"leitlinien.{key}", "Text fehlt.")

    def texts(self):
        """(place, text) of every Leichte Sprache text in the file."""
        for number, wort in enumerate(self.woerter):
            yield f"woerterbuch[{number}] ({wort['term']})", wort["explanation"]
        for number, seite in enumerate(self.seiten):
            yield f"seiten[{number}] ({seite['slug']}) summary", seite["summary"]
            yield f"seiten[{number}] ({seite['slug']}) body", seite["body"]
        for key, text in self.leitlinien.items():
            yield f"leitlinien.{key}", text

    def _check_links(self):
        for place, text in self.texts():
            unknown = [target for target in markup.link_targets(text) if markup.normalize(target) not in self.known]
            if unknown:
                self.fail(place, f"Nicht im Wörterbuch: {', '.join(unknown)}.")


def write(loader, plan, edition):
    """Write the checked plan with the loader's upsert (create; bring back with --update)."""
    from handlungsfelder.models import Handlungsfeld, Leitlinie
    from leichte_sprache.models import LeichteLeitlinie, Wort

    for wort in plan.woerter:
        loader.upsert(Wort, {"slug": wort["slug"]}, {
            "term": wort["term"], "forms": "\n".join(wort.get("forms", [])), "explanation": wort["explanation"],
        })
    felder = {feld.number: feld for feld in Handlungsfeld.objects.all()}
    for position, seite in enumerate(plan.seiten, start=1):
        loader.upsert(Seite, {"slug": seite["slug"]}, {
            "title": seite["title"], "summary": seite["summary"], "body": seite["body"], "position": position,
            "platz": seite.get("platz", ""), "standard_page": seite.get("standard_page", ""),
            "handlungsfeld": felder[seite["handlungsfeld"]] if "handlungsfeld" in seite else None,
        })
    statements = {
        f"{leitlinie.handlungsfeld.number}.{leitlinie.position}": leitlinie
        for leitlinie in Leitlinie.objects.filter(edition=edition).select_related("handlungsfeld")
    }
    for key, text in plan.leitlinien.items():
        loader.upsert(LeichteLeitlinie, {"leitlinie": statements[key]}, {"text": text})

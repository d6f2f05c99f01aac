"""Load the Magdeburg content (seed texts + editorial mapping) into the database.

Two phases: `plan()` reads and checks everything and raises ContentError on the first
problem, before anything is written; `write()` then applies the plan in one
transaction. Objects are found by stable keys (number, slug, resolution number,
external id), so a second run finds everything in place and writes nothing.

By default existing objects are left as staff may have edited them; with
`update=True` the texts the source documents own are brought back to the files.
A measure's state (status, notes, assignments) belongs to staff and partners once
it exists and is never touched by a second run.

Dates of loaded history. A measure's first history row records the state the source
document gives, dated as the source dates that state, never the day the loader ran:

- the date its progress note names, as exactly as the note names it ("Austauschtreffen …
  im September 2021" → September 2021, "2021 wieder Vieles … umgesetzt" → 2021); a month or
  a year is stored as its first day with the precision "month" or "year" and shown only as
  precisely (core.periods.SourceDate);
- otherwise the date of the participation event whose results the list records: the
  Zukunftswerkstatt of 18 and 19 November 2020 → 19 November 2020, the day from which the list
  holds the results of both workshops (the page gives no date of its later revisions).

Such rows are states recorded by a source, not changes: lists of recent changes and the feeds
leave them out (StatusChange.objects.reported()); timelines show them with their date.

Reporting rounds from the sources (`berichtsrunden` in magdeburg.yaml) are written last, once the
measures and their translations are in place, and closed at once: their snapshot records each
covered measure with the state and date its source gives (every state the source records counts
as reported for that round). Their period is the one the file gives, with a comment naming the
source of each date; the loader checks that the quoted sentence stands in the source and that no
covered measure's source date lies after the period. A round that exists is never touched again.
"""

import datetime

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify

from core.periods import SourceDate
from handlungsfelder.models import (
    Handlungsansatz, Handlungsfeld, Integrationskonzept, Leitlinie, LeitlinienEdition, Zielgruppe,
)
from beteiligung.models import moderate_from_source
from massnahmen.models import Berichtsrunde, Beteiligungsformat, Herausforderung, Massnahme, Status
from netzwerk.models import (
    Arbeitsgruppe, Finanzierungsquelle, Netzwerk, Netzwerkpartner, Projekt, Stadtteil, Thema,
)

from integration_portal.models import Seite

from . import leichte_sprache
from .seeds import ContentError, parse_all
from .translation_files import read_translations, translated_fields

EDITORIAL_FILE = "magdeburg.yaml"
PAGES_FILE = "seiten.yaml"
SEED_DIR = "seeds"


@dataclass
class Stats:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    translated: dict = field(default_factory=dict)

    def count(self, bucket, model):
        name = model._meta.verbose_name_plural
        bucket[name] = bucket.get(name, 0) + 1

    @property
    def changed(self):
        return bool(self.created or self.updated or self.translated)


class Plan:
    """Everything to be written, checked against each other before the first write."""

    def __init__(self, content_dir):
        self.content_dir = Path(content_dir)
        self.editorial_path = self.content_dir / EDITORIAL_FILE
        self.seeds = parse_all(self.content_dir / SEED_DIR)
        self.editorial = read_yaml(self.editorial_path, dict)
        self.pages = self._read_pages()
        leitlinien = self.seeds["leitlinien"]
        ls_path = self.content_dir / leichte_sprache.FILE
        self.leichte_sprache = leichte_sprache.LeichteSprachePlan(ls_path, read_yaml(ls_path, dict), {
            f"{number}.{position}"
            for number, _title, statements in leitlinien.fields for position in range(1, len(statements) + 1)
        })
        self.translations = {
            code: read_translations(code, self.content_dir)
            for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
        }
        self._check()

    def _read_pages(self):
        path = self.content_dir / PAGES_FILE
        pages = read_yaml(path, list)
        for number, page in enumerate(pages):
            if not isinstance(page, dict) or page.get("key") not in Seite.Key.values:
                raise ContentError(path, None, f"Seite {number}: unbekannter Schlüssel „{page.get('key') if isinstance(page, dict) else page}“.")
            if not page.get("title") or not page.get("body"):
                raise ContentError(path, None, f"Seite „{page['key']}“: Titel und Text sind Pflicht.")
        return pages

    def fail(self, place, message):
        raise ContentError(self.editorial_path, None, f"{place}: {message}")

    def section(self, name, kind):
        value = self.editorial.get(name)
        if not isinstance(value, kind):
            self.fail(name, f"Abschnitt fehlt oder hat die falsche Form ({kind.__name__} erwartet).")
        return value

    def _check(self):
        fields = self.section("handlungsfelder", dict)
        if sorted(fields) != [1, 2, 3, 4, 5, 6]:
            self.fail("handlungsfelder", "Die Nummern 1 bis 6 werden erwartet.")
        markers = self.section("zielgruppen", dict)
        seed_markers = [group.marker for group in self.seeds["leitlinien"].target_groups]
        if sorted(markers) != sorted(seed_markers):
            self.fail("zielgruppen", f"Fußnotenzeichen {seed_markers} der Leitlinien erwartet.")

        self.stadtteile = {item["slug"]: item["name"] for item in self.section("stadtteile", list)}
        description = self.seeds["zukunftswerkstatt"].description
        for slug, name in self.stadtteile.items():
            if name not in description:
                self.fail(f"stadtteile.{slug}", f"„{name}“ kommt in der Zukunftswerkstatt nicht vor.")
        self.finanzierungsquellen = {item["key"]: item for item in self.section("finanzierungsquellen", list)}
        for key, item in self.finanzierungsquellen.items():
            if item.get("ebene") not in Finanzierungsquelle.Ebene.values:
                self.fail(f"finanzierungsquellen.{key}", f"Unbekannte Ebene „{item.get('ebene')}“.")
        self.partners = {item["slug"]: item for item in self.section("partner", list)}
        for slug, item in self.partners.items():
            if item.get("typ") not in Netzwerkpartner.Typ.values:
                self.fail(f"partner.{slug}", f"Unbekannte Art „{item.get('typ')}“.")

        netzwerk = self.section("netzwerk", dict)
        self.require_partner("netzwerk.ansprechstelle", netzwerk.get("ansprechstelle"))
        projekt = self.section("projekt", dict)
        for slug in projekt.get("partner", []):
            self.require_partner("projekt.partner", slug)
        for key in projekt.get("finanzierungsquellen", []):
            self.require_key("projekt.finanzierungsquellen", key, self.finanzierungsquellen)
        for slug in projekt.get("stadtteile", []):
            self.require_key("projekt.stadtteile", slug, self.stadtteile)
        self._check_measures(markers)
        self._check_rounds()

    def require_partner(self, place, slug):
        self.require_key(place, slug, self.partners)

    def require_key(self, place, key, known):
        if key not in known:
            self.fail(place, f"„{key}“ ist nicht definiert (bekannt: {', '.join(map(str, known))}).")

    def _check_measures(self, markers):
        challenges = self.seeds["zukunftswerkstatt"].challenges
        entries = self.section("herausforderungen", list)
        if len(entries) != len(challenges):
            self.fail("herausforderungen", f"{len(challenges)} Herausforderungen in der Quelle, {len(entries)} zugeordnet.")
        self.measures, seen = [], set()
        for number, (entry, challenge) in enumerate(zip(entries, challenges)):
            place = f"herausforderungen[{number}]"
            if not challenge.title.startswith(entry.get("starts", "\0")):
                self.fail(place, f"„{entry.get('starts')}“ passt nicht zu „{challenge.title}“ (Quelle Zeile {challenge.line}).")
            mapped = entry.get("massnahmen") or []
            if len(mapped) != len(challenge.measures):
                self.fail(place, f"{len(challenge.measures)} Maßnahmen in der Quelle, {len(mapped)} zugeordnet.")
            for index, (item, text) in enumerate(zip(mapped, challenge.measures)):
                where = f"{place}.massnahmen[{index}]"
                if not text.title.startswith(item.get("starts", "\0")):
                    self.fail(where, f"„{item.get('starts')}“ passt nicht zu „{text.title}“ (Quelle Zeile {text.line}).")
                if item.get("id") in seen or not item.get("id"):
                    self.fail(where, "Fehlende oder doppelte Kennung (id).")
                seen.add(item["id"])
                if item.get("status") not in Status.values:
                    self.fail(where, f"Unbekannter Status „{item.get('status')}“ (erlaubt: {', '.join(Status.values)}).")
                if not item.get("felder") or any(number not in range(1, 7) for number in item["felder"]):
                    self.fail(where, "Handlungsfelder (1–6) fehlen oder sind ungültig.")
                for marker in item.get("zielgruppen", []):
                    self.require_key(f"{where}.zielgruppen", marker, markers)
                for slug in item.get("partner", []):
                    self.require_partner(f"{where}.partner", slug)
                for slug in item.get("stadtteile", []):
                    self.require_key(f"{where}.stadtteile", slug, self.stadtteile)
                for key in item.get("finanzierungsquellen", []):
                    self.require_key(f"{where}.finanzierungsquellen", key, self.finanzierungsquellen)
                self.measures.append((challenge, text, item))


    def _check_rounds(self):
        werkstatt = self.seeds["zukunftswerkstatt"]
        source_text = " ".join(werkstatt.description.split())
        projects = {self.editorial["projekt"]["slug"]}
        self.rounds = []
        for number, item in enumerate(self.editorial.get("berichtsrunden") or []):
            place = f"berichtsrunden[{number}]"
            if not isinstance(item, dict):
                self.fail(place, "Erwartet wird ein Eintrag mit slug, title, period_start, period_end, quote, source.")
            for key in ("slug", "title", "quote", "source"):
                if not isinstance(item.get(key), str) or not item[key].strip():
                    self.fail(place, f"„{key}“ fehlt.")
            for key in ("period_start", "period_end"):
                if not isinstance(item.get(key), datetime.date):
                    self.fail(place, f"„{key}“ fehlt oder ist kein Datum (JJJJ-MM-TT).")
            if item["period_end"] < item["period_start"]:
                self.fail(place, "Das Ende des Zeitraums liegt vor seinem Beginn.")
            if " ".join(item["quote"].split()) not in source_text:
                self.fail(f"{place}.quote", "Dieser Satz steht nicht in der Quelle (Zukunftswerkstatt).")
            for slug in item.get("projekte", []):
                self.require_key(f"{place}.projekte", slug, projects)
            for slug in item.get("partner", []):
                self.require_partner(f"{place}.partner", slug)
            for slug in item.get("stadtteile", []):
                self.require_key(f"{place}.stadtteile", slug, self.stadtteile)
            for feld in item.get("felder", []):
                self.require_key(f"{place}.felder", feld, range(1, 7))
            for _challenge, text, measure in self.measures:
                dated = source_date(text, werkstatt).date
                if dated > item["period_end"]:
                    self.fail(place, f"Der Stand von {measure['id']} ist auf {dated:%d.%m.%Y} datiert, "
                                     "nach dem Ende des Zeitraums.")
            self.rounds.append(item)


def read_yaml(path, kind):
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(path, None, "Datei fehlt.") from None
    except UnicodeDecodeError as exc:
        raise ContentError(path, None, f"Kein gültiges UTF-8 ({exc.reason}).") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(path, mark.line + 1 if mark else None, f"Kein gültiges YAML: {exc}") from None
    if not isinstance(data, kind):
        raise ContentError(path, None, f"Erwartet wird auf oberster Ebene: {kind.__name__}.")
    return data


class ContentLoader:
    def __init__(self, content_dir, update=False):
        self.content_dir = Path(content_dir)
        self.update = update
        self.stats = Stats()

    def run(self):
        plan = Plan(self.content_dir)  # raises before anything is written
        with translation.override("de"), transaction.atomic():
            edition = self.write(plan)
            self.write_pages(plan)
            leichte_sprache.write(self, plan.leichte_sprache, edition)
            self.write_translations(plan)
            self.write_rounds(plan)
        return self.stats

    def write_pages(self, plan):
        for page in plan.pages:
            self.upsert(Seite, {"key": page["key"]}, {"title_de": page["title"], "body_de": page["body"]})

    def write_translations(self, plan):
        """Fill translation fields from content/translations/<lang>.yaml.

        A field gets the file's translation of its current German text when it has none
        yet (or, with update=True, when it differs). Saving records the translation state.
        """
        for model, fields in translated_fields():
            for obj in model.objects.order_by("pk"):
                if getattr(obj, "is_closed", False):
                    continue  # a closed reporting round never changes, its title's translations included
                changed = []
                for field in fields:
                    german = getattr(obj, f"{field}_de")
                    if not german:
                        continue
                    for language, mapping in plan.translations.items():
                        wanted = mapping.get(german)
                        name = f"{field}_{language}"
                        current = getattr(obj, name)
                        if wanted is None or current == wanted or (current and not self.update):
                            continue
                        setattr(obj, name, wanted)
                        changed.append(name)
                if changed:
                    obj.save(update_fields=changed)
                    self.stats.count(self.stats.translated, model)

    def write_rounds(self, plan):
        """Reporting rounds from the sources, closed at once (see the module docstring)."""
        for item in plan.rounds:
            if Berichtsrunde.objects.filter(slug=item["slug"]).exists():
                continue  # a round that exists belongs to staff; a closed one never changes
            title = {f"title_{code}": mapping[item["title"]]
                     for code, mapping in plan.translations.items() if item["title"] in mapping}
            runde = Berichtsrunde(
                slug=item["slug"], title_de=item["title"], **title, period_start=item["period_start"],
                period_end=item["period_end"], source=" ".join(item["source"].split()),
            )
            runde.full_clean()
            runde.save()
            runde.projekte.set(Projekt.objects.filter(slug__in=item.get("projekte", [])))
            runde.partner.set(Netzwerkpartner.objects.filter(slug__in=item.get("partner", [])))
            runde.stadtteile.set(Stadtteil.objects.filter(slug__in=item.get("stadtteile", [])))
            runde.handlungsfelder.set(Handlungsfeld.objects.filter(number__in=item.get("felder", [])))
            runde.close(by=None)
            self.stats.count(self.stats.created, Berichtsrunde)

    # --- writing helpers ---------------------------------------------------

    def upsert(self, model, lookup, values, m2m=None, create_only=()):
        """Find by `lookup`; create with `values`, or (in update mode) bring values back."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean()
            obj.save()
            self.stats.count(self.stats.created, model)
            for name, related in (m2m or {}).items():
                getattr(obj, name).set(related)
            return obj
        if not self.update:
            return obj
        changed = [
            name for name, value in values.items()
            if name not in create_only and getattr(obj, name) != value
        ]
        for name in changed:
            setattr(obj, name, values[name])
        if changed:
            obj.full_clean()
            obj.save()
        for name, related in (m2m or {}).items():
            if name in create_only:
                continue
            wanted = {item.pk for item in related}
            if set(getattr(obj, name).values_list("pk", flat=True)) != wanted:
                getattr(obj, name).set(related)
                changed.append(name)
        if changed:
            self.stats.count(self.stats.updated, model)
        return obj

    # --- the content -------------------------------------------------------

    def write(self, plan):
        seeds, editorial = plan.seeds, plan.editorial
        skizze, leitlinien = seeds["projektskizze"], seeds["leitlinien"]

        self.upsert(
            Integrationskonzept, {"pk": 1},
            {
                "title_de": skizze.title.replace(" - ", " "),
                "period": skizze.period,
                "starting_point_de": skizze.starting_point,
                "vision_de": "\n".join(skizze.vision),
                "goals_de": "\n".join(skizze.goals),
                "working_method_de": "\n".join(skizze.working_method),
            },
        )

        felder = {}
        for (number, title, _statements), (_skizze_title, approaches) in zip(
            leitlinien.fields, skizze.handlungsansaetze
        ):
            meta = editorial["handlungsfelder"][number]
            feld = self.upsert(
                Handlungsfeld, {"number": number},
                {"title_de": title, "short_title_de": meta["short_title"], "slug": meta["slug"]},
            )
            felder[number] = feld
            for position, approach in enumerate(approaches, start=1):
                self.upsert(Handlungsansatz, {"handlungsfeld": feld, "position": position}, {"title_de": approach})

        zielgruppen = {}
        for position, group in enumerate(leitlinien.target_groups, start=1):
            zielgruppen[group.marker] = self.upsert(
                Zielgruppe, {"key": editorial["zielgruppen"][group.marker]},
                {
                    "position": position, "marker": group.marker, "name_de": group.name,
                    "qualifier_de": group.qualifier, "definition_de": "\n".join(group.criteria),
                },
            )

        edition = self.upsert(
            LeitlinienEdition, {"resolution_number": leitlinien.resolution_number},
            {
                "title_de": leitlinien.title, "series_de": leitlinien.series, "volume": leitlinien.volume,
                "publisher_de": leitlinien.publisher, "publication_date": leitlinien.publication_date,
                "publication_place": leitlinien.publication_place,
                "resolution_date": leitlinien.resolution_date,
                "introduction_de": leitlinien.introduction, "preamble_de": leitlinien.preamble,
            },
            m2m={"zielgruppen": list(zielgruppen.values())},
        )
        for number, _title, statements in leitlinien.fields:
            for position, text in enumerate(statements, start=1):
                self.upsert(
                    Leitlinie, {"edition": edition, "handlungsfeld": felder[number], "position": position},
                    {"text_de": text},
                )
        if not LeitlinienEdition.objects.published().exists():
            edition.publish()

        stadtteile = {
            slug: self.upsert(Stadtteil, {"slug": slug}, {"name_de": name})
            for slug, name in plan.stadtteile.items()
        }
        finanzierungsquellen = {
            key: self.upsert(
                Finanzierungsquelle, {"name_de": item["name"]},
                {"short_name": item.get("short_name", ""), "ebene": item["ebene"]},
            )
            for key, item in plan.finanzierungsquellen.items()
        }

        netzwerk_seed = seeds["netzwerk"]
        themen = [
            self.upsert(Thema, {"name_de": name}, {"position": position})
            for position, name in enumerate(netzwerk_seed.topics, start=1)
        ]
        for item in editorial.get("arbeitsgruppen", []):
            self.upsert(Arbeitsgruppe, {"name_de": item["name"]}, {"description_de": item.get("description", "")})

        partners = {}
        for slug, item in plan.partners.items():
            values = {
                "name_de": item["name"], "typ": item["typ"],
                "description_de": item.get("description", ""),
                "is_network_member": item.get("network_member", True),
            }
            if item.get("contact_from_seed"):
                contact = netzwerk_seed.contact
                values.update(
                    contact_person=contact.person, contact_role_de=contact.role,
                    address="\n".join([contact.unit, contact.address]),
                )
            partners[slug] = self.upsert(Netzwerkpartner, {"slug": slug}, values)

        netzwerk = self.upsert(
            Netzwerk, {"pk": 1},
            {
                "name_de": netzwerk_seed.name, "founded_year": netzwerk_seed.founded_year,
                "description_de": netzwerk_seed.description,
                "goals_de": "\n".join(netzwerk_seed.goals), "tasks_de": "\n".join(netzwerk_seed.tasks),
                "ansprechstelle": partners[editorial["netzwerk"]["ansprechstelle"]],
            },
            m2m={"themen": themen},
        )
        del netzwerk

        projekt_seed, werkstatt = seeds["projekt"], seeds["zukunftswerkstatt"]
        projekt_meta = editorial["projekt"]
        background = werkstatt.background
        projekt = self.upsert(
            Projekt, {"slug": projekt_meta["slug"]},
            {
                "title_de": projekt_seed.title,
                "summary_de": background[0] if background else "",
                "description_de": projekt_seed.description,
                "aims_de": "\n".join(projekt_seed.aims),
                "main_target_group_de": _main_target_group(background),
                "evaluation_de": projekt_seed.evaluation,
                "start_date": projekt_seed.start_date, "end_date": projekt_seed.end_date,
                "funding_note_de": projekt_seed.funding_note,
            },
            m2m={
                "finanzierungsquellen": [finanzierungsquellen[key] for key in projekt_meta.get("finanzierungsquellen", [])],
                "stadtteile": [stadtteile[slug] for slug in projekt_meta.get("stadtteile", [])],
                "partner": [partners[slug] for slug in projekt_meta.get("partner", [])],
            },
        )

        format_meta = editorial.get("beteiligungsformat", {})
        format_stadtteile = [stadtteile[slug] for slug in format_meta.get("stadtteile", [])]
        werkstatt_obj = self.upsert(
            Beteiligungsformat, {"slug": format_meta.get("slug", slugify(werkstatt.title))},
            {
                "title_de": werkstatt.title, "start_date": werkstatt.start_date, "end_date": werkstatt.end_date,
                "description_de": werkstatt.description,
                "projekt": projekt if format_meta.get("projekt") else None,
            },
            m2m={"stadtteile": format_stadtteile},
        )

        challenges = {}
        for position, challenge in enumerate(werkstatt.challenges, start=1):
            challenges[challenge.line] = self.upsert(
                Herausforderung, {"beteiligungsformat": werkstatt_obj, "title_de": challenge.title},
                {"position": position}, m2m={"stadtteile": format_stadtteile},
            )

        for position, (challenge, text, item) in enumerate(plan.measures, start=1):
            if Massnahme.objects.filter(external_id=item["id"]).exists():
                continue  # a measure's state belongs to staff and partners once it exists
            massnahme = Massnahme(
                external_id=item["id"], title_de=text.title, progress_note_de=text.note,
                status=item["status"], beteiligungsformat=werkstatt_obj, projekt=projekt, position=position,
            )
            massnahme.full_clean(exclude=["handlungsfelder"])
            massnahme.save(status_note=text.note or f"Übernommen aus: {werkstatt.title}",
                           as_of=source_date(text, werkstatt))
            massnahme.handlungsfelder.set([felder[number] for number in item["felder"]])
            massnahme.herausforderungen.set([challenges[challenge.line]])
            massnahme.stadtteile.set(
                [stadtteile[slug] for slug in item["stadtteile"]] if item.get("stadtteile") else format_stadtteile
            )
            massnahme.zielgruppen.set([zielgruppen[marker] for marker in item.get("zielgruppen", [])])
            massnahme.partner.set([partners[slug] for slug in item.get("partner", [])])
            massnahme.finanzierungsquellen.set([finanzierungsquellen[key] for key in item.get("finanzierungsquellen", [])])
            self.stats.count(self.stats.created, Massnahme)

        # The workshop's challenges are public entries like those sent in online, in the state
        # the sources give them: "aufgenommen" where measures answer them, else "in Prüfung".
        for challenge in challenges.values():
            moderate_from_source(challenge, SourceDate(werkstatt.end_date or werkstatt.start_date).moment())
        return edition


def source_date(text, werkstatt):
    """The date the sources give for a loaded measure's state (the rule in the module docstring)."""
    if text.note_date:
        return SourceDate(*text.note_date)
    return SourceDate(werkstatt.end_date)


def _main_target_group(background):
    for paragraph in background:
        marker = "Hauptzielgruppe sind "
        if marker in paragraph:
            return paragraph.split(marker, 1)[1].rstrip(".")
    return ""

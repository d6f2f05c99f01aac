"""Read the source documents of the integration concept into plain data.

The seed texts came from web pages and a brochure. Each parser anchors on the
headings the document really has and takes the text between them verbatim; it
never rewrites a sentence. A document that no longer has the expected shape
raises ContentError naming the file and line, so nothing half-parsed is loaded.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

BULLET_RE = re.compile(r"^\s*(?:[-•❑]\s+)+")
GERMAN_MONTHS = {
    name: number
    for number, name in enumerate(
        ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
         "September", "Oktober", "November", "Dezember"],
        start=1,
    )
}

SEED_FILES = {
    "projektskizze": "000_39c83b171704c4d3.txt",
    "leitlinien": "001_8e0c274e21589b6e.txt",
    "zukunftswerkstatt": "002_afb7dd0770f628b1.txt",
    "netzwerk": "003_a761de9ea3f16c65.txt",
    "projekt": "004_d1df08c95fa1b65d.txt",
}


class ContentError(Exception):
    """Malformed content: names the file and the place."""

    def __init__(self, path, line, message):
        self.path, self.line, self.message = str(path), line, message
        where = f"{self.path}, Zeile {line}" if line else self.path
        super().__init__(f"{where}: {message}")


def is_bullet(line):
    return bool(BULLET_RE.match(line))


def bullet_text(line):
    return BULLET_RE.sub("", line, count=1).strip()


def indent(line):
    return len(line) - len(line.lstrip(" \t"))


class SeedFile:
    """A seed text as lines, with look-ups that fail loudly with a line number."""

    def __init__(self, path):
        self.path = Path(path)
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ContentError(self.path, None, "Datei fehlt.") from None
        except UnicodeDecodeError as exc:
            raise ContentError(self.path, None, f"Kein gültiges UTF-8 ({exc.reason}).") from None
        # Web-page leftovers: no-break spaces and doubled blanks inside a line are layout,
        # not wording. Leading indentation stays (it nests bullets).
        self.lines = [
            re.sub(r"(?<=\S) {2,}(?=\S)", " ", line.replace("\u00a0", " ")).rstrip()
            for line in text.splitlines()
        ]

    def error(self, index, message):
        return ContentError(self.path, None if index is None else index + 1, message)

    def find(self, pattern, start=0, end=None, required=True):
        """Index of the first line from `start` whose stripped text matches the regex."""
        regex = re.compile(pattern)
        stop = len(self.lines) if end is None else end
        for index in range(start, stop):
            if regex.search(self.lines[index].strip()):
                return index
        if required:
            raise self.error(start, f"Erwarteter Abschnitt „{pattern}“ nicht gefunden.")
        return None

    def match(self, index, pattern):
        found = re.search(pattern, self.lines[index].strip())
        if not found:
            raise self.error(index, f"Zeile passt nicht zum erwarteten Muster „{pattern}“.")
        return found

    def next_text(self, start):
        """Index of the next non-blank line at or after `start`."""
        for index in range(start, len(self.lines)):
            if self.lines[index].strip():
                return index
        raise self.error(start, "Unerwartetes Dateiende.")

    def bullets(self, start, end=None, min_count=1):
        """Consecutive bullet items from `start` (blank lines between them allowed).

        Returns [(index, text, depth)] where depth 0 is the outermost level.
        """
        items, stop = [], len(self.lines) if end is None else end
        index = start
        base = None
        while index < stop:
            line = self.lines[index]
            if not line.strip() or line.strip() == "|":
                index += 1
                continue
            if not is_bullet(line):
                break
            base = indent(line) if base is None else base
            items.append((index, bullet_text(line), 0 if indent(line) <= base else 1))
            index += 1
        if len(items) < min_count:
            raise self.error(start, f"Mindestens {min_count} Aufzählungspunkt(e) erwartet.")
        return items

    def paragraphs(self, start, end):
        """Non-blank lines between start and end as paragraphs (one line each)."""
        return [self.lines[i].strip() for i in range(start, end) if self.lines[i].strip()]


def quoted(text):
    """The text inside German quotes „…“ (or "…"), as the documents write titles."""
    found = re.search(r"[„\"](.+?)[“”\"]", text)
    return found.group(1).strip() if found else text.strip()


def german_date(day, month_name, year, seed, index):
    try:
        return datetime.date(int(year), GERMAN_MONTHS[month_name], int(day))
    except (KeyError, ValueError):
        raise seed.error(index, f"Ungültiges Datum „{day}. {month_name} {year}“.") from None


def dotted_date(text, seed, index):
    try:
        return datetime.datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        raise seed.error(index, f"Ungültiges Datum „{text}“.") from None


def join_block(items):
    """A text field from paragraphs and bullet lists: lists stay as '- ' lines."""
    blocks, current_list = [], []
    for kind, text in items:
        if kind == "item":
            current_list.append(f"- {text}")
            continue
        if current_list:
            blocks.append("\n".join(current_list))
            current_list = []
        blocks.append(text)
    if current_list:
        blocks.append("\n".join(current_list))
    return "\n\n".join(blocks)


def block_between(seed, start, end):
    items = []
    for index in range(start, end):
        line = seed.lines[index]
        if not line.strip():
            continue
        items.append(("item", bullet_text(line)) if is_bullet(line) else ("para", line.strip()))
    return join_block(items)


# --- 000: Projektskizze ------------------------------------------------------

@dataclass
class Projektskizze:
    title: str
    period: str
    starting_point: str
    vision: list
    goals: list
    working_method: list
    handlungsansaetze: list  # per field in document order: [(field title, [approach, …])]


def parse_projektskizze(path):
    seed = SeedFile(path)
    title_index = seed.find(r"^„Integrationskonzept")
    title = quoted(seed.lines[title_index])
    period = seed.match(title_index, r"(\d{4} bis \d{4})").group(1)

    start = seed.find(r"^Ausgangslage:$")
    vision_index = seed.find(r"^Vision:$", start)
    starting_point = "\n\n".join(seed.paragraphs(start + 1, vision_index))
    if not starting_point:
        raise seed.error(start, "Die Ausgangslage ist leer.")
    vision = [text for _i, text, _d in seed.bullets(vision_index + 1)]

    goals_index = seed.find(r"^Projektziele")
    goals = [text for _i, text, _d in seed.bullets(goals_index + 1)]
    method_index = seed.find(r"^Projektarbeitsweise$")
    working_method = [text for _i, text, _d in seed.bullets(method_index + 1)]

    fields, index = [], method_index
    while True:
        index = seed.find(r"^Handlungsfeld\b", index + 1, required=False)
        if index is None:
            break
        field_title = quoted(seed.lines[index])
        lead = seed.find(r"^Hierzu zählen u\.a\.:$", index + 1)
        approaches = [text for _i, text, _d in seed.bullets(lead + 1)]
        fields.append((field_title, approaches))
        index = lead
    if len(fields) != 6:
        raise seed.error(None, f"Sechs Handlungsfelder erwartet, {len(fields)} gefunden.")
    return Projektskizze(title, period, starting_point, vision, goals, working_method, fields)


# --- 001: Leitlinien ---------------------------------------------------------

@dataclass
class TargetGroup:
    marker: str
    name: str
    qualifier: str
    criteria: list


@dataclass
class Leitlinien:
    title: str
    series: str
    volume: int
    publisher: str
    publication_place: str
    publication_date: datetime.date
    introduction: str
    resolution_date: datetime.date
    resolution_number: str
    preamble: str
    target_groups: list
    fields: list = field(default_factory=list)  # [(number, title, [statement, …])]


def parse_leitlinien(path):
    seed = SeedFile(path)
    title_index = seed.find(r"^„Integrationspolitische Leitlinien")
    title = quoted(seed.lines[title_index])

    series_index = seed.find(r"^Reihe .+\(Band \d+\)$", title_index)
    found = seed.match(series_index, r"^Reihe (.+?) \(Band (\d+)\)$")
    series, volume = found.group(1), int(found.group(2))

    # The imprint: the block after the repeated series line, up to the place and date.
    imprint_index = seed.find(r"^Reihe .+ Band \d+$", series_index + 1)
    date_index = seed.find(r"^[A-ZÄÖÜ][\wäöüß-]+, [A-ZÄÖÜ][a-zä]+ \d{4}$", imprint_index)
    publisher = "\n".join(seed.paragraphs(imprint_index + 1, date_index))
    place, month, year = seed.match(date_index, r"^(.+), (\w+) (\d{4})$").groups()
    publication_date = german_date(1, month, year, seed, date_index)

    intro_index = seed.find(r"^Zu diesem Band$", date_index)
    body_index = seed.find(r"^Integrationspolitische Leitlinien der Landeshauptstadt Magdeburg$", intro_index)
    introduction = block_between(seed, intro_index + 1, body_index)

    resolution_index = seed.find(r"^Stadtratsbeschluss vom", body_index)
    day, month, year, number = seed.match(
        resolution_index, r"vom (\d{1,2})\. (\w+) (\d{4}) \(Beschluss-Nr\.\s*([^\s)][^)]*\)[^)]*)\)$"
    ).groups()
    resolution_date = german_date(day, month, year, seed, resolution_index)

    preamble_index = seed.find(r"^Präambel$", resolution_index)
    groups_index = seed.find(r"^\*[^*]", preamble_index)
    preamble = "\n\n".join(seed.paragraphs(preamble_index + 1, groups_index))

    first_field = seed.find(r"^Handlungsfeld 1\b", groups_index)
    target_groups, index = [], groups_index
    while index is not None and index < first_field:
        heading = seed.match(index, r"^(\*+)(.+?),\s*(.+)$")
        marker, name, qualifier = heading.groups()
        criteria = [text for _i, text, _d in seed.bullets(index + 1)]
        target_groups.append(TargetGroup(marker, name.strip(), qualifier.strip(), criteria))
        index = seed.find(r"^\*", index + 1, first_field, required=False)
    if [group.marker for group in target_groups] != ["*", "**", "***"]:
        raise seed.error(groups_index, "Drei Zielgruppen (*, **, ***) erwartet.")

    leitlinien = Leitlinien(
        title, series, volume, publisher, place, publication_date, introduction,
        resolution_date, number.strip(), preamble, target_groups,
    )
    heads = []
    index = first_field
    while index is not None:
        heads.append(index)
        index = seed.find(r"^Handlungsfeld \d+\b", index + 1, required=False)
    for position, head in enumerate(heads):
        number_text, rest = seed.match(head, r"^Handlungsfeld (\d+)\s+(.+)$").groups()
        if int(number_text) != position + 1:
            raise seed.error(head, f"Handlungsfeld {position + 1} erwartet, {number_text} gefunden.")
        end = heads[position + 1] if position + 1 < len(heads) else len(seed.lines)
        # Every bullet and every free paragraph of a field is one statement.
        statements = [
            bullet_text(seed.lines[i]) if is_bullet(seed.lines[i]) else seed.lines[i].strip()
            for i in range(head + 1, end)
            if seed.lines[i].strip()
        ]
        if not statements:
            raise seed.error(head, "Handlungsfeld ohne Leitlinien.")
        leitlinien.fields.append((int(number_text), quoted(rest), statements))
    if len(leitlinien.fields) != 6:
        raise seed.error(first_field, f"Sechs Handlungsfelder erwartet, {len(leitlinien.fields)} gefunden.")
    return leitlinien


# --- 002: Zukunftswerkstatt --------------------------------------------------

@dataclass
class MeasureText:
    line: int
    title: str
    note: str
    # The date the progress note itself gives for the state it describes, as (date, precision)
    # with precision "day", "month" or "year"; None where the note names no date.
    note_date: tuple = None


MONTH_NAMES = "|".join(GERMAN_MONTHS)
NOTE_DATES = [  # most exact first: "am 3. Mai 2021", "im September 2021", "2021"
    (re.compile(rf"\b(\d{{1,2}})\. ({MONTH_NAMES}) (\d{{4}})\b"), "day"),
    (re.compile(rf"\b({MONTH_NAMES}) (\d{{4}})\b"), "month"),
    (re.compile(r"\b((?:19|20)\d{2})\b"), "year"),
]


def note_date(note, seed, index):
    """The date a progress note names, as exactly as it names it; None if it names none.

    A month or a year is given as its first day. A note naming two different dates is refused:
    which one dates the state is then a decision for a person, not for the loader.
    """
    for pattern, precision in NOTE_DATES:
        found = {match.groups() for match in pattern.finditer(note)}
        if len(found) > 1:
            raise seed.error(index, f"Der Stand „{note}“ nennt mehrere Daten; welches gilt?")
        if found:
            parts = found.pop()
            if precision == "day":
                return german_date(*parts, seed, index), precision
            if precision == "month":
                return german_date(1, *parts, seed, index), precision
            return datetime.date(int(parts[0]), 1, 1), precision
    return None


@dataclass
class Challenge:
    line: int
    title: str
    measures: list


@dataclass
class Zukunftswerkstatt:
    title: str
    start_date: datetime.date
    end_date: datetime.date
    description: str
    challenges: list
    background: list


def split_progress_note(text):
    """'Titel (Stand)' → ('Titel', 'Stand'); only a trailing, balanced bracket is a note."""
    if not text.endswith(")"):
        return text, ""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                return text[:index].rstrip(), text[index + 1:-1].strip()
    return text, ""


def parse_zukunftswerkstatt(path):
    seed = SeedFile(path)
    title_index = seed.find(r"^Zukunftswerkstatt mit Stadtteilakteuren$")
    list_index = seed.find(r"^Liste Herausforderungen mit Bearbeitungsstand:$", title_index)
    description = "\n\n".join(seed.paragraphs(title_index + 1, list_index))
    found = re.search(r"Am (\d{1,2})\. und (\d{1,2})\. (\w+) (\d{4})", description)
    if not found:
        raise seed.error(title_index + 1, "Datum der Zukunftswerkstatt („Am … und … 2020“) nicht gefunden.")
    first_day, last_day, month, year = found.groups()
    start_date = german_date(first_day, month, year, seed, title_index + 1)
    end_date = german_date(last_day, month, year, seed, title_index + 1)

    header_index = seed.find(r"^umgesetzte Maßnahmen und Lösungsvorschläge$", list_index)
    background_index = seed.find(r"^Hintergrund$", header_index)
    challenges = []
    for index in range(header_index + 1, background_index):
        line = seed.lines[index]
        if not line.strip():
            continue
        if is_bullet(line):
            if not challenges:
                raise seed.error(index, "Maßnahme ohne vorangehende Herausforderung.")
            title, note = split_progress_note(bullet_text(line))
            challenges[-1].measures.append(MeasureText(index + 1, title, note, note_date(note, seed, index)))
        else:
            challenges.append(Challenge(index + 1, line.strip(), []))
    background = seed.paragraphs(background_index + 1, len(seed.lines))
    return Zukunftswerkstatt(
        "Zukunftswerkstatt mit Stadtteilakteuren" if seed.lines[title_index].strip() else "",
        start_date, end_date, description, challenges, background,
    )


# --- 003: Netzwerk -----------------------------------------------------------

@dataclass
class Contact:
    person: str
    role: str
    unit: str
    address: str


@dataclass
class Netzwerk:
    name: str
    founded_year: int
    description: str
    goals: list
    tasks: list
    topics: list
    contact: Contact


def parse_netzwerk(path):
    seed = SeedFile(path)
    contact_index = seed.find(r"^Ansprechpartner$")
    end_index = seed.find(r"^Schnellkontakt$", contact_index)
    contact_lines = seed.paragraphs(contact_index + 1, end_index)
    if len(contact_lines) < 4:
        raise seed.error(contact_index, "Ansprechpartner: Name, Funktion, Stelle und Anschrift erwartet.")
    person, role, unit, *address = contact_lines
    contact = Contact(person, role, unit, "\n".join(address))

    content_index = seed.find(r"^Inhalt$", end_index)
    name_index = seed.next_text(content_index + 1)
    name = seed.lines[name_index].strip()
    goals_index = seed.find(r"^Zielstellung und Aufgaben der Netzwerkpartner:$", name_index)
    description = "\n".join(seed.paragraphs(name_index + 1, goals_index))
    founded = re.search(r"Seit (\d{4})", description)
    if not founded:
        raise seed.error(name_index + 1, "Gründungsjahr („Seit …“) nicht gefunden.")
    goals = [text for _i, text, _d in seed.bullets(goals_index + 1)]
    tasks_index = seed.find(r"^Aufgabenschwerpunkte:$", goals_index)
    items = seed.bullets(tasks_index + 1)
    tasks = [text for _i, text, depth in items if depth == 0]
    topics = [text for _i, text, depth in items if depth == 1]
    return Netzwerk(name, int(founded.group(1)), description, goals, tasks, topics, contact)


# --- 004: Projekt ------------------------------------------------------------

@dataclass
class Projekt:
    title: str
    description: str
    aims: list
    evaluation: str
    start_date: datetime.date
    end_date: datetime.date
    funding_note: str


def parse_projekt(path):
    seed = SeedFile(path)
    aims_index = seed.find(r"^Projektinhalte:$")
    paragraphs = seed.paragraphs(1, aims_index)
    title_match = re.search(r"„(Vielfalt gestalten[^“]+)“", " ".join(paragraphs))
    if not title_match:
        raise seed.error(1, "Projekttitel „Vielfalt gestalten …“ nicht gefunden.")
    aims = [text for _i, text, _d in seed.bullets(aims_index + 1)]
    evaluation_index = seed.find(r"^Die Hochschule ", aims_index)
    start_index = seed.find(r"hat das Projekt seine operative Arbeit aufgenommen", evaluation_index)
    start_text = seed.match(start_index, r"Am (\d{2}\.\d{2}\.\d{4}) hat das Projekt").group(1)
    end_index = seed.find(r"^Projektlaufzeit: bis", start_index)
    end_text = seed.match(end_index, r"bis (\d{2}\.\d{2}\.\d{4})").group(1)
    funding_index = seed.find(r"kofinanziert\.$", end_index)
    return Projekt(
        title=title_match.group(1).strip(),
        description="\n\n".join(paragraphs),
        aims=aims,
        evaluation=seed.lines[evaluation_index].strip(),
        start_date=dotted_date(start_text, seed, start_index),
        end_date=dotted_date(end_text, seed, end_index),
        funding_note=seed.lines[funding_index].strip(),
    )


def parse_all(seed_dir):
    seed_dir = Path(seed_dir)
    return {
        "projektskizze": parse_projektskizze(seed_dir / SEED_FILES["projektskizze"]),
        "leitlinien": parse_leitlinien(seed_dir / SEED_FILES["leitlinien"]),
        "zukunftswerkstatt": parse_zukunftswerkstatt(seed_dir / SEED_FILES["zukunftswerkstatt"]),
        "netzwerk": parse_netzwerk(seed_dir / SEED_FILES["netzwerk"]),
        "projekt": parse_projekt(seed_dir / SEED_FILES["projekt"]),
    }

"""The Leichte Sprache checker staff see where they edit Leichte Sprache text.

`check(text, glossary=…)` returns a `Report`: findings (rule, severity, a German explanation
addressed to staff, the sentence, the offending span as offsets into `text`) and two readability
scores for the whole text. The rules follow BITV 2.0 Anlage 2 Teil 2 and the Netzwerk Leichte
Sprache; docs/leichte-sprache.md lists them with their sources and the decisions taken here.

The language knowledge comes from libraries: HanTa (Hanover Tagger) tags parts of speech, lemmas
and the morphemes of a word (which tells a compound from a plain word), pyphen splits syllables
with the de_DE hyphenation patterns. What remains hand-written are the closed classes no tagger
lists by meaning: abbreviations, the special characters, the Konjunktiv forms of the auxiliaries.

The messages are German and not translated: they explain rules of German text to the staff who
write it, quoting its German words.

Markup: `[[Stadt·rat]]` links a word to the Wörterbuch, `[[Stadt·räte|Stadt·rat]]` shows the first
part and links to the second; blank lines separate paragraphs, "- " starts a list item (each item
counts as a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from django.utils.html import format_html
from django.utils.safestring import mark_safe

LINK = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]|]+?))?\]\]")

ERROR, HINT = "error", "hint"
SENTENCE_ERROR_WORDS = 12
SENTENCE_HINT_WORDS = 8
#: A noun of this many syllables or more that HanTa splits into two or more stems is a long compound.
COMPOUND_SYLLABLES = 3
#: A word of this many syllables or more is long even when it is not a compound.
LONG_WORD_SYLLABLES = 5

SOFT_HYPHEN = "\u00ad"
JOINERS = "·-" + SOFT_HYPHEN
WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[·\-\u00ad'’]\w+)*")
TOKEN = re.compile(WORD.pattern + r"|[^\w\s]")
# Addresses are not words: the rules skip them (their dots, slashes and "@" are fine).
URL_OR_MAIL = re.compile(r"(?:https?://|www\.)\S+?(?=[.,;:!?)]*(?:\s|$))|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error" | "hint"
    message: str
    sentence: str
    start: int
    end: int

    @property
    def is_error(self):
        return self.severity == ERROR

    @property
    def label(self):
        """The rule's German name, e.g. "Passiv"."""
        return RULE_LABELS.get(self.rule, self.rule)


@dataclass(frozen=True)
class Score:
    """A readability figure for the whole text, with a German name and what the figure means."""

    value: float
    label: str
    interpretation: str


@dataclass
class Report:
    text: str
    findings: list[Finding] = field(default_factory=list)
    scores: dict[str, Score] = field(default_factory=dict)

    @property
    def errors(self):
        return [finding for finding in self.findings if finding.severity == ERROR]

    @property
    def hints(self):
        return [finding for finding in self.findings if finding.severity == HINT]

    @property
    def ok(self):
        """No error (hints may remain)."""
        return not self.errors

    def marked_html(self):
        """The text, escaped, with every offending span in a `<mark>` whose title names the rules.

        Where findings overlap, the text is cut at every boundary so that the marks never nest
        or cross; a part covered by an error is marked as an error. Line breaks stay as they are
        (show it with `white-space: pre-wrap`).
        """
        cuts = sorted({0, len(self.text)} | {f.start for f in self.findings} | {f.end for f in self.findings})
        parts = []
        for start, end in zip(cuts, cuts[1:]):
            covering = [f for f in self.findings if f.start <= start and end <= f.end and f.start < f.end]
            piece = self.text[start:end]
            if not covering:
                parts.append(format_html("{}", piece))
                continue
            severity = ERROR if any(f.is_error for f in covering) else HINT
            titles = " · ".join(dict.fromkeys(f.label for f in covering))
            parts.append(format_html('<mark class="ls-{}" title="{}">{}</mark>', severity, titles, piece))
        return mark_safe("".join(parts))


RULE_LABELS = {
    "satzlaenge": "Satzlänge",
    "passiv": "Passiv",
    "konjunktiv": "Konjunktiv",
    "verneinung": "Verneinung",
    "genitiv": "Genitiv",
    "abkuerzung": "Abkürzung",
    "sonderzeichen": "Sonderzeichen",
    "zahl": "Zahlen",
    "zusammensetzung": "Lange Wörter",
    "trennung": "Worttrennung",
    "woerterbuch": "Wörterbuch",
    "nebensatz": "Nebensatz",
}


# --- Libraries, loaded once ------------------------------------------------------------------


@cache
def tagger():
    """HanTa's German model (about 0.2 s to load): loaded on the first check, then kept."""
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


@cache
def hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="de_DE")


@lru_cache(maxsize=4096)
def syllables(word):
    """Syllables of a word: pyphen's de_DE split, each piece counted by its vowel groups.

    The hyphenation patterns leave out some splits and add a few that are not syllables
    ("Mit-a-r-bei-ter", "In-ter-netsei-te"): a piece without a vowel joins its neighbour, a
    piece with two vowel groups counts twice. Diphthongs (ei, au, eu, ie) are one group.
    """
    plain = re.sub(r"[·\-\u00ad]", "", word)
    if not plain or plain.isdigit():
        return 1
    pieces = hyphenator().inserted(plain, hyphen="\0").split("\0")
    return max(1, sum(len(_vowel_nuclei(piece)) for piece in pieces))


def _vowel_nuclei(piece):
    return re.findall(r"ei|ai|au|äu|eu|ie|ee|aa|oo|[aeiouyäöü]", piece, re.IGNORECASE)


@lru_cache(maxsize=4096)
def morphemes(word):
    """HanTa's morphemes of one word: [(morpheme, tag), …]."""
    return tagger().analyze(word, taglevel=3)[1]


def stems(word):
    """The lexical stems of a word in HanTa's analysis: nouns, verbs, adjectives, names — not
    suffixes, prefixes, linking elements or verb particles ("Mitmachen" has one stem, "mach")."""
    return [morpheme for morpheme, tag in morphemes(word) if tag.startswith(("NN", "NE", "VV", "ADJ"))]


def is_compound(word):
    return len(stems(word)) >= 2


# --- Reading the text ------------------------------------------------------------------------


@dataclass
class Token:
    text: str
    start: int
    end: int
    tag: str = ""
    lemma: str = ""

    @property
    def is_word(self):
        return bool(WORD.fullmatch(self.text))

    @property
    def lower(self):
        return self.text.lower()


@dataclass
class Sentence:
    start: int
    end: int
    display: str
    tokens: list[Token]

    @property
    def words(self):
        return [token for token in self.tokens if token.is_word]


@dataclass
class Text:
    """The text as the rules see it: links replaced by their shown words (offsets kept)."""

    original: str
    masked: str  # same length as original: link brackets and targets are spaces
    links: list[tuple[int, int, str]]  # (start, end) of a link's shown words, and its target
    sentences: list[Sentence]

    def in_link(self, start, end):
        return any(s <= start and end <= e for s, e, _ in self.links)

    def sentence_at(self, position):
        for sentence in self.sentences:
            if sentence.start <= position < sentence.end:
                return sentence.display
        return ""


def mask_links(text):
    masked, links, end = [], [], 0
    for match in LINK.finditer(text):
        masked.append(text[end:match.start()])
        masked.append(" " * (match.start(1) - match.start()))
        masked.append(match.group(1))
        masked.append(" " * (match.end() - match.end(1)))
        links.append((match.start(1), match.end(1), (match.group(2) or match.group(1)).strip()))
        end = match.end()
    masked.append(text[end:])
    masked = URL_OR_MAIL.sub(lambda match: " " * len(match.group()), "".join(masked))
    return masked, links


ABBREVIATION = re.compile(
    r"(?<!\w)(?:"
    r"(?:[A-Za-zÄÖÜäöü]{1,3}\.[ \u00a0]?){2,}"  # z. B., d. h., u. a., o. Ä., z.B.
    r"|(?:usw|bzw|etc|ggf|evtl|inkl|exkl|vgl|bzgl|zzgl|ca|Nr|Tel|Str|Dr|Prof|sog|mind|max|min|Mio|Mrd|Std|Abs|Art|Hr|Fr|Jh|Kap|S)\."
    r")",
)
ACRONYM = re.compile(r"(?<![\w·-])[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,}(?![\w·-]*[a-zäöüß])")


def split_sentences(text, masked):
    """Sentences with their offsets. A line ends a sentence (see below), a list item is one, and
    ".", "!", "?" or ":" before a space end one, except inside an abbreviation or after an
    ordinal number in the line ("am 3. Oktober")."""
    protected = set()
    for match in ABBREVIATION.finditer(masked):
        protected.update(range(match.start(), match.end() - 1))
    boundaries = []
    position = 0
    for line in masked.splitlines(keepends=True):
        stripped = line.strip()
        line_start = position
        position += len(line)
        if not stripped:
            boundaries.append(("break", line_start))
            continue
        indent = len(line) - len(line.lstrip())
        if stripped.startswith("- "):
            boundaries.append(("break", line_start))
            boundaries.append(("start", line_start + indent + 2))
        if not re.search(r"(?:\w-|,)\s*$", line):
            # Leichte Sprache puts every sentence on a line of its own: a line ends a sentence,
            # unless it ends in a comma or in a word broken at the line end (rule "trennung").
            boundaries.append(("end", line_start + len(line.rstrip())))
        for match in re.finditer(r"[.!?:](?=\s|$)", line):
            index = line_start + match.start()
            if index in protected:
                continue
            before = re.search(r"\S*$", masked[line_start:index]).group()
            after = masked[index + 1:].lstrip()[:1]
            if match.group() == "." and before.isdigit() and after[:1].isupper() and masked[index + 1:index + 2] != "\n":
                continue
            boundaries.append(("end", index + 1))
    spans, start = [], 0
    for kind, index in sorted(boundaries, key=lambda b: b[1]):
        if kind in ("break", "end"):
            spans.append((start, index))
            start = index
        else:
            start = index
    spans.append((start, len(masked)))
    sentences = []
    for start, end in spans:
        chunk = masked[start:end]
        if not chunk.strip():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        start, end = start + lead, start + len(chunk.rstrip())
        if masked[start:start + 2] == "- ":
            start += 2
        display = " ".join(LINK.sub(lambda m: m.group(1), text[start:end]).split())
        tokens = [Token(m.group(), start + m.start(), start + m.end()) for m in TOKEN.finditer(masked[start:end])]
        sentences.append(Sentence(start, end, display, tokens))
    return sentences


def read(text):
    masked, links = mask_links(text)
    sentences = split_sentences(text, masked)
    tag_sentences = tagger().tag_sent
    for sentence in sentences:
        tokens = sentence.tokens
        if tokens:
            for token, (_, lemma, tag) in zip(tokens, tag_sentences([t.text for t in tokens], taglevel=1)):
                token.lemma, token.tag = lemma, tag
    return Text(text, masked, links, sentences)


# --- The rules -------------------------------------------------------------------------------
# Each rule takes the read text and yields (rule, severity, message, start, end).


def sentence_length(text, glossary):
    for sentence in text.sentences:
        count = len(sentence.words)
        if count > SENTENCE_ERROR_WORDS:
            severity, advice = ERROR, "Teilen Sie den Satz in 2 oder mehr Sätze."
        elif count > SENTENCE_HINT_WORDS:
            severity, advice = HINT, "Prüfen Sie, ob Sie den Satz teilen können."
        else:
            continue
        yield ("satzlaenge", severity,
               f"Der Satz hat {count} Wörter. In Leichter Sprache hat ein Satz höchstens "
               f"{SENTENCE_ERROR_WORDS} Wörter, besser nicht mehr als {SENTENCE_HINT_WORDS}. "
               f"Jeder Satz sagt nur eine Sache. {advice}",
               sentence.start, sentence.end)


WERDEN_FORMS = re.compile(r"werd|wird|wirst|wurd|würd|worden$")


def passive(text, glossary):
    """werden (any form, also "worden") with a Partizip II in the same sentence. Not "wird
    gekommen sein" (Futur II): a Partizip followed by "haben"/"sein" is active. The sein-passive
    ("Die Tür ist geschlossen.") looks like the Perfekt ("Er ist gekommen.") to a tagger and is
    not checked."""
    for sentence in text.sentences:
        tokens = sentence.tokens
        auxiliaries = [t for t in tokens if t.lemma == "werden" and t.tag.startswith("VA")
                       or t.lower == "worden"]
        if not auxiliaries:
            continue
        for index, token in enumerate(tokens):
            if token.tag != "VV(PP)":
                continue
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following and following.lemma in ("haben", "sein") and following.tag == "VA(INF)":
                continue
            first = min([auxiliaries[0], token], key=lambda t: t.start)
            last = max([auxiliaries[0], token], key=lambda t: t.start)
            yield ("passiv", ERROR,
                   f"Passiv: „{auxiliaries[0].text} … {token.text}“. Schreiben Sie aktiv, wer "
                   "etwas tut: nicht „Der Antrag wird geprüft.“, sondern „Das Amt prüft den Antrag.“",
                   first.start, last.end)
            break


# The Konjunktiv II of the auxiliaries and modals: a closed class, told from the past indicative by
# the umlaut (hätte/hatte, wäre/war, könnte/konnte, würde/wurde). "möchte" is left out on purpose:
# it is the ordinary polite "want" and Leichte Sprache texts use it ("Sie möchten mehr wissen?").
KONJUNKTIV_II = re.compile(
    r"(?:würd|hätt|wär|könnt|müsst|dürft)(?:e|est|en|et|st|t)?", re.IGNORECASE)
KONJUNKTIV_I_SEIN = re.compile(r"sei(?:en|est|et)?", re.IGNORECASE)
SUBJECT_PRONOUNS = {"er", "sie", "es", "man"}


def konjunktiv(text, glossary):
    message = ("Konjunktiv: „{word}“. Schreiben Sie, was ist, in der Wirklichkeits·form: "
               "nicht „Sie könnten anrufen.“, sondern „Sie können anrufen.“")
    for sentence in text.sentences:
        tokens = sentence.tokens
        for index, token in enumerate(tokens):
            if not token.tag.endswith("(FIN)"):
                continue
            word = token.lower
            before = tokens[index - 1] if index else None
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            if KONJUNKTIV_II.fullmatch(word) or (KONJUNKTIV_I_SEIN.fullmatch(word) and index > 0):
                yield "konjunktiv", ERROR, message.format(word=token.text), token.start, token.end
            elif word.startswith("sollt"):
                # "sollte" is also the past of "sollen": a tagger cannot tell which one is meant.
                yield ("konjunktiv", HINT,
                       f"„{token.text}“ ist oft Konjunktiv. Wenn Sie eine Empfehlung meinen, "
                       "schreiben Sie: „Sie können …“ oder „Wir empfehlen: …“.", token.start, token.end)
            elif _is_konjunktiv_ii_of_full_verb(token):
                yield "konjunktiv", ERROR, message.format(word=token.text), token.start, token.end
            elif _is_konjunktiv_i(token, before, after):
                yield "konjunktiv", ERROR, message.format(word=token.text), token.start, token.end


def _is_konjunktiv_ii_of_full_verb(token):
    """käme, gäbe, führe (of fahren): an umlaut the infinitive does not have, and a subjunctive ending."""
    if not token.tag.startswith("VV"):
        return False
    word, lemma = token.lower, token.lemma.lower()
    umlauts = [c for c in word if c in "äöü"]
    return bool(umlauts) and not any(c in lemma for c in umlauts) and re.search(r"(?:e|est|en|et)$", word)


def _is_konjunktiv_i(token, before, after):
    """Third person with an -e ending: "die Stadt habe", "er komme", "dann gebe es". The first
    person has the same form ("ich habe"), so a sentence where "ich" stands next to it is left."""
    word = token.lower
    if not word.endswith("e") or word.endswith("te") or token.lemma.lower() == word:
        return False
    neighbours = [t for t in (before, after) if t is not None]
    if any(t.lower == "ich" for t in neighbours):
        return False
    subject_before = before is not None and (before.lower in SUBJECT_PRONOUNS or before.tag in ("NN", "NE"))
    subject_after = after is not None and after.lower in SUBJECT_PRONOUNS
    return subject_before or subject_after


NEGATION_LEMMAS = {"nicht", "kein", "nie", "niemals", "niemand", "nichts", "weder", "nirgends",
                   "nirgendwo", "keinesfalls", "keineswegs", "nimmer"}


def negation(text, glossary):
    """Anlage 2 Teil 2: avoid negation. The negating words are an error; "ohne" a hint, because
    it often has no positive wording as plain ("ohne Termin kommen")."""
    for sentence in text.sentences:
        for token in sentence.tokens:
            lemma = token.lemma.lower()
            if token.tag == "PTKNEG" or lemma in NEGATION_LEMMAS or token.lower in NEGATION_LEMMAS:
                yield ("verneinung", ERROR,
                       f"Verneinung: „{token.text}“. Verneinungen werden leicht überlesen. Schreiben "
                       "Sie positiv, was ist: nicht „Das ist nicht teuer.“, sondern „Das ist billig.“",
                       token.start, token.end)
            elif token.lower == "ohne":
                yield ("verneinung", HINT,
                       "„ohne“ ist eine versteckte Verneinung. Prüfen Sie, ob Sie es positiv sagen können.",
                       token.start, token.end)


GENITIVE_DETERMINERS = {"des", "eines", "keines", "meines", "deines", "seines", "ihres", "unseres", "eures"}
# Genitive, or nominative and accusative neuter ("für jedes Alter"): genitive only before a noun
# with the genitive -s ending ("jedes Alters"), which HanTa's morphemes show.
AMBIGUOUS_DETERMINERS = {"dieses", "jenes", "jedes", "welches", "manches"}
GENITIVE_PREPOSITIONS = {"wegen", "trotz", "während", "statt", "anstatt", "innerhalb", "außerhalb",
                         "aufgrund", "bezüglich", "mithilfe", "oberhalb", "unterhalb", "infolge"}


def genitive(text, glossary):
    message = ("Genitiv: „{phrase}“. Schreiben Sie mit „von“: nicht „das Haus des Vaters“, "
               "sondern „das Haus vom Vater“.")
    for sentence in text.sentences:
        tokens = sentence.tokens
        for index, token in enumerate(tokens):
            after = tokens[index + 1:index + 4]
            noun = next((t for t in after if t.tag in ("NN", "NE")), None)
            determiner = token.tag in ("ART", "PPOSAT", "PDAT", "PIAT", "PWAT") and noun
            if determiner and (token.lower in GENITIVE_DETERMINERS
                               or token.lower in AMBIGUOUS_DETERMINERS and _genitive_s(noun)):
                yield "genitiv", ERROR, message.format(phrase=f"{token.text} … {noun.text}" if noun is not after[0] else f"{token.text} {noun.text}"), token.start, noun.end
            elif token.lower in GENITIVE_PREPOSITIONS and token.tag == "APPR":
                yield ("genitiv", ERROR,
                       f"„{token.text}“ verlangt den Genitiv. Schreiben Sie zum Beispiel mit „weil“ "
                       "oder „bei“, oder machen Sie 2 Sätze.", token.start, token.end)
            elif token.tag == "NE" and token.lower.endswith("s") and after and after[0].tag in ("NN", "NE") \
                    and ("s", "SUF_NE") in morphemes(token.text):
                yield "genitiv", ERROR, message.format(phrase=f"{token.text} {after[0].text}"), token.start, after[0].end
            elif token.tag == "NN" and after and after[0].lower == "der" and after[0].tag == "ART" and noun:
                # "das Haus der Stadt" – but also "die Stadt gibt der Schule": a hint only.
                yield ("genitiv", HINT,
                       f"„{token.text} der {noun.text}“ ist vielleicht ein Genitiv. Dann schreiben Sie mit „von“.",
                       token.start, noun.end)


def _genitive_s(noun):
    return any(tag == "SUF_NN" and morpheme in ("s", "es") for morpheme, tag in morphemes(noun.text))


def abbreviation(text, glossary):
    for match in ABBREVIATION.finditer(text.masked):
        yield ("abkuerzung", ERROR,
               f"Abkürzung: „{match.group().strip()}“. Schreiben Sie das Wort aus: "
               "„zum Beispiel“ statt „z. B.“.", match.start(), match.end() - (match.group()[-1] == " "))
    for match in ACRONYM.finditer(text.masked):
        if text.in_link(match.start(), match.end()):
            continue
        yield ("abkuerzung", ERROR,
               f"Abkürzung: „{match.group()}“. Schreiben Sie den Namen aus, oder verlinken Sie "
               "die Abkürzung mit ihrem Eintrag im Wörterbuch, der sie erklärt.", match.start(), match.end())


SPECIAL = {
    "§": "„Paragraf“", "%": "„Prozent“", "‰": "„Promille“", "&": "„und“", "/": "„oder“ oder „und“",
    "*": "ein ganzes Wort", "#": "ein ganzes Wort", ";": "einen Punkt", "+": "„und“ oder „plus“",
    "=": "„ist“", "<": "„weniger als“", ">": "„mehr als“", "~": "„ungefähr“", "|": "ein ganzes Wort",
    "\\": "ein ganzes Wort", "@": "ein ganzes Wort", "^": "ein ganzes Wort", "_": "ein ganzes Wort",
    "€": "„Euro“", "$": "„Dollar“",
}
QUOTES = "\"'«»‹›‚‘’”"
HINT_MARKS = {"(": "Klammern", ")": "Klammern", "[": "Klammern", "]": "Klammern", "…": "3 Punkte"}


def special_characters(text, glossary):
    for index, char in enumerate(text.masked):
        if char in SPECIAL:
            yield ("sonderzeichen", ERROR,
                   f"Sonderzeichen „{char}“. Viele Leserinnen und Leser kennen es nicht. "
                   f"Schreiben Sie {SPECIAL[char]}.", index, index + 1)
        elif char in QUOTES:
            yield ("sonderzeichen", ERROR,
                   f"Anführungs·zeichen „{char}“. Schreiben Sie deutsche Anführungs·zeichen: „so“.",
                   index, index + 1)
        elif char in HINT_MARKS:
            yield ("sonderzeichen", HINT,
                   f"{HINT_MARKS[char]} machen das Lesen schwer. Schreiben Sie einen eigenen Satz.",
                   index, index + 1)


def numbers(text, glossary):
    """Numbers in digits ("3", not "drei"; HanTa tags number words as CARD; "ein/eine" stay words,
    they are mostly the article). Large numbers: more than 4 digits without a dot ("12000") is an
    error, write "12.000" (not a postal code before a place, nor a telephone number: digits
    from a leading 0 or +); 10.000 and more is a hint: "viele" or a comparison is easier."""
    phones = [m.span() for m in TELEPHONE.finditer(text.masked)]
    for sentence in text.sentences:
        for token in sentence.tokens:
            if token.tag != "CARD" or any(s <= token.start < e for s, e in phones):
                continue
            if token.text.isalpha() and not token.lower.startswith("ein"):
                yield ("zahl", ERROR,
                       f"Zahl·wort „{token.text}“. Schreiben Sie Zahlen als Ziffern: „3“ statt „drei“.",
                       token.start, token.end)
            elif re.fullmatch(r"[1-9]\d{4,}", token.text) and not _postal_code(sentence, token):
                yield ("zahl", ERROR,
                       f"Große Zahl „{token.text}“ ohne Punkt. Schreiben Sie große Zahlen mit Punkt: "
                       f"„{int(token.text):,}“.".replace(",", "."), token.start, token.end)
            elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token.text) and int(token.text.replace(".", "")) >= 10000:
                yield ("zahl", HINT,
                       f"Große Zahl „{token.text}“. Große Zahlen sind schwer vorstellbar. Schreiben "
                       "Sie „viele“, oder vergleichen Sie: „So viele Menschen passen in ein Stadion.“",
                       token.start, token.end)


TELEPHONE = re.compile(r"(?<![\w.,])(?:\+|0)\d[\d /-]{4,}\d")


def _postal_code(sentence, token):
    """"39116 Magdeburg": 5 digits before a place name. (Telephone numbers begin with 0.)"""
    following = [t for t in sentence.tokens if t.start >= token.end][:1]
    return len(token.text) == 5 and bool(following) and following[0].tag == "NE"


def compounds(text, glossary):
    for sentence in text.sentences:
        for token in sentence.words:
            if token.text.isdigit() or token.text.isupper():
                continue
            for part, offset in _parts(token.text):
                count = syllables(part)
                if token.tag.startswith("NN") and count >= COMPOUND_SYLLABLES and is_compound(part):
                    yield ("zusammensetzung", ERROR,
                           f"Langes zusammengesetztes Wort: „{part}“ ({' + '.join(stems(part))}). Trennen Sie "
                           "es mit dem Medio·punkt: „Stadt·rat“, „Leit·linien“.",
                           token.start + offset, token.start + offset + len(part))
                elif count >= LONG_WORD_SYLLABLES:
                    yield ("zusammensetzung", HINT,
                           f"Langes Wort: „{part}“ hat {count} Silben. Gibt es ein kürzeres Wort? "
                           "Oder erklären Sie es im Wörterbuch.",
                           token.start + offset, token.start + offset + len(part))


def _parts(word):
    """The pieces of a word written with Mediopunkt or hyphen, with their offsets in the word."""
    for match in re.finditer(r"[^·\-\u00ad]+", word):
        yield match.group(), match.start()


def hyphenation(text, glossary):
    for match in re.finditer(r"\w-[ \t]*\r?\n[ \t]*\w", text.original):
        yield ("trennung", ERROR,
               "Das Wort ist am Zeilen·ende getrennt. Schreiben Sie jedes Wort in einem Stück "
               "in eine Zeile.", match.start(), match.end())
    for match in re.finditer(SOFT_HYPHEN, text.original):
        yield ("trennung", ERROR,
               "Im Wort steht ein unsichtbarer Trenn·strich (weiches Trennzeichen). Dann kann der "
               "Browser das Wort am Zeilen·ende trennen. Löschen Sie das Zeichen.",
               match.start(), match.end())


def subordinate_clauses(text, glossary):
    for sentence in text.sentences:
        for token in sentence.tokens:
            if token.tag in ("KOUS", "PRELS"):
                yield ("nebensatz", HINT,
                       f"Nebensatz mit „{token.text}“. Ein Satz hat nur eine Aussage. Prüfen Sie, "
                       "ob 2 Sätze leichter sind.", token.start, token.end)
                break


def normalize(word):
    """The form a word is matched by: case, Mediopunkt, hyphens and spaces do not count."""
    return re.sub(r"[·\-\s\u00ad]", "", word).casefold()


def _entries(glossary):
    """Glossary entries as groups of forms: a plain string is an entry of its own; a tuple or list
    (a term with its word forms) is one entry, so linking one form covers the others."""
    for item in glossary:
        forms = [item] if isinstance(item, str) else list(item)
        forms = [form for form in forms if normalize(form)]
        if forms:
            yield forms


def _pattern(form):
    letters = [re.escape(c) if not c.isspace() else r"\s+" for c in re.sub(r"[·\-\u00ad]", "", form.strip())]
    return re.compile(r"(?<![\w·-])" + r"[·\-\u00ad]?".join(letters) + r"(?![\w·-])", re.IGNORECASE)


def glossary_links(text, glossary):
    """A Wörterbuch word must be linked where it first appears in the text; later occurrences may
    stay plain (as on berlin.de: one link per word and text, not a page full of links)."""
    entries = list(_entries(glossary))
    if not entries:
        return
    known = {normalize(form) for forms in entries for form in forms}
    for start, end, target in text.links:
        if normalize(target) not in known:
            yield ("woerterbuch", ERROR,
                   f"Der Link zeigt auf „{target}“. Dieses Wort steht nicht im Wörterbuch. Legen Sie "
                   "einen Eintrag an, oder verlinken Sie ein Wort, das im Wörterbuch steht.", start, end)
    for forms in entries:
        occurrences = sorted((m.start(), m.end()) for form in forms for m in _pattern(form).finditer(text.masked))
        if occurrences and not text.in_link(*occurrences[0]):
            start, end = occurrences[0]
            yield ("woerterbuch", ERROR,
                   f"„{text.original[start:end]}“ steht im Wörterbuch, ist hier aber nicht verlinkt. "
                   f"Verlinken Sie das Wort, wo es zum ersten Mal vorkommt: [[{text.original[start:end]}]].",
                   start, end)


RULES = (sentence_length, passive, konjunktiv, negation, genitive, abbreviation, special_characters,
         numbers, compounds, hyphenation, glossary_links, subordinate_clauses)


# --- Readability -----------------------------------------------------------------------------


def scores(text):
    """Flesch reading ease after Amstad and the 1st Wiener Sachtextformel, from this module's
    sentences and words and pyphen's syllables (textstat has the same formulas, but counts
    sentences its own way: it drops sentences of 2 words or fewer and knows no list items)."""
    sentences = [s for s in text.sentences if s.words]
    words = [t.text for s in sentences for t in s.words]
    if not words:
        return {}
    counts = [syllables(word) for word in words]
    per_sentence = len(words) / len(sentences)
    per_word = sum(counts) / len(words)
    amstad = 180 - per_sentence - 58.5 * per_word
    share = lambda matching: 100 * matching / len(words)  # noqa: E731
    ms = share(sum(1 for c in counts if c >= 3))
    iw = share(sum(1 for w in words if len(re.sub(r"[·\-\u00ad]", "", w)) > 6))
    es = share(sum(1 for c in counts if c == 1))
    wstf = 0.1935 * ms + 0.1672 * per_sentence + 0.1297 * iw - 0.0327 * es - 0.875
    return {
        "flesch_amstad": Score(round(amstad, 1), "Lesbarkeit nach Flesch (deutsche Formel nach Amstad)",
                               _amstad_meaning(amstad)),
        "wiener_sachtextformel": Score(round(wstf, 1), "1. Wiener Sachtextformel", _wstf_meaning(wstf)),
    }


def _amstad_meaning(value):
    for limit, meaning in ((30, "sehr schwer"), (50, "schwer"), (60, "mittelschwer"), (70, "mittel"),
                           (80, "mittelleicht"), (90, "leicht")):
        if value < limit:
            break
    else:
        meaning = "sehr leicht"
    return f"Von 0 (sehr schwer) bis 100 (sehr leicht): {meaning}. Leichte Sprache liegt meist über 70."


def _wstf_meaning(value):
    grade = min(15, max(4, round(value)))
    return (f"Entspricht etwa Schul·klasse {grade} (4 ist sehr leicht, 15 sehr schwer). "
            "Leichte Sprache liegt meist unter 6.")


# --- The entry point -------------------------------------------------------------------------


def check(text: str, *, glossary: Iterable[str] = ()) -> Report:
    """Check a Leichte Sprache text. `glossary`: the Wörterbuch's terms and word forms (a string
    per form, or a tuple of forms per entry)."""
    text = text or ""
    read_text = read(text)
    glossary = list(glossary)
    findings = []
    for rule in RULES:
        for rule_id, severity, message, start, end in rule(read_text, glossary):
            findings.append(Finding(rule_id, severity, message, read_text.sentence_at(start), start, end))
    findings.sort(key=lambda f: (f.start, f.severity != ERROR, f.rule))
    return Report(text, findings, scores(read_text))

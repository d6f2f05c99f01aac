"""The portal's one search: a search document per object and language, matched by stems.

Apps register their searchable models in `AppConfig.ready()` (`register(...)`), as they register
content with `core.content_stamp.track()`, so this module knows none of them. Words are reduced
to stems in Python (Snowball stemmers from PyStemmer) on both sides, the query is expanded
(synonyms staff keep in the admin, German compound parts, one-letter typos) and each database
only compares the prepared strings: SQLite and PostgreSQL give the same results.
docs/search.md explains the choice.
"""

import re
import threading
from dataclasses import dataclass, field

import Stemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Length
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .content_stamp import at_batch_end
from .models import SearchDocument, Synonym

# Snowball has no Ukrainian or Persian stemmer (nor has PostgreSQL a configuration for them):
# there a word matches by its first letters (PREFIX_LENGTH), which covers most inflection.
SNOWBALL = {"de": "german", "en": "english", "ar": "arabic", "ru": "russian", "tr": "turkish"}
PREFIX_LENGTH = 5
MAX_WORDS = 8
MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+", re.UNICODE)
_stemmers = {}


@dataclass
class Searchable:
    model: type
    kind: str
    label: object  # the group heading, lazily translated
    fields: tuple
    queryset: object  # callable: the public rows
    url: object  # callable(obj) -> path, called in the document's language
    title: object = None  # callable(obj) -> title in the active language; default the first field
    order: int = 0
    depends_on: tuple = field(default_factory=tuple)  # a change there rebuilds this kind
    heading: bool = True  # False: the "title" is the whole text (a Leitlinie), no heading to weigh
    languages: tuple = ()  # the languages it is found in; () all (Leichte Sprache: German only)


registry = {}


def register(model, **options):
    """Make `model` searchable: its documents follow every save and delete."""
    searchable = Searchable(model=model, order=len(registry), **options)
    registry[searchable.kind] = searchable
    uid = model._meta.label
    post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{uid}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{uid}")
    for other in searchable.depends_on:
        post_save.connect(_dependency_saved, sender=other, dispatch_uid=f"search-dep-{uid}-{other._meta.label}")


def kinds():
    return sorted(registry.values(), key=lambda searchable: searchable.order)


def _searchable_for(model):
    for searchable in registry.values():
        if searchable.model is model:
            return searchable
    return None


_pending = threading.local()


def _saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # In a batch (an import of thousands of measures, a status report) the documents of all
    # objects saved are written once at its end, in a few bulk queries.
    pending = getattr(_pending, "objects", None)
    if pending is None:
        pending = _pending.objects = {}
    if at_batch_end("search-index", _flush):
        pending.setdefault(sender, set()).add(instance.pk)
    else:
        index_object(instance)


def _flush():
    pending, _pending.objects = getattr(_pending, "objects", None) or {}, {}
    for model, pks in pending.items():
        index_pks(model, pks)


def _deleted(sender, instance, **kwargs):
    SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


def _dependency_saved(sender, raw=False, **kwargs):
    if raw:
        return
    for searchable in registry.values():
        if sender in searchable.depends_on:
            rebuild(kinds=[searchable.kind])


# --- words -------------------------------------------------------------------------------------

def stem(word, language):
    """The form a word is indexed and searched by in `language`."""
    word = word.casefold()
    name = SNOWBALL.get(language)
    if name is None:
        return word[:PREFIX_LENGTH]
    if name not in _stemmers:
        _stemmers[name] = Stemmer.Stemmer(name)
    return _stemmers[name].stemWord(word)


def stems(text, language):
    return [stem(word, language) for word in WORD.findall(text or "")]


def terms_string(text, language):
    return " " + " ".join(stems(text, language)) + " "


# --- the index ---------------------------------------------------------------------------------

def _languages():
    return [code for code, _name in settings.LANGUAGES]


def _documents(searchable, obj, content_type):
    documents = []
    for language in searchable.languages or _languages():
        with translation.override(language):
            texts = []
            for name in searchable.fields:
                value = getattr(obj, f"{name}_{language}", None) or getattr(obj, f"{name}_de", None)
                if value is None:
                    value = getattr(obj, name, "")
                texts.append(str(value or ""))
            title = searchable.title(obj) if searchable.title else texts[0]
            first = searchable.fields[0]
            fallback = language != "de" and not getattr(obj, f"{first}_{language}", None) and \
                hasattr(obj, f"{first}_de")
            body = "\n\n".join(text for text in texts[1:] if text)
            documents.append(SearchDocument(
                content_type=content_type, object_id=obj.pk, language=language, kind=searchable.kind,
                title=title, body=body, url=searchable.url(obj), fallback=fallback,
                title_terms=terms_string(title, language) if searchable.heading else "",
                terms=terms_string(title + " " + body, language),
            ))
    return documents


def index_object(obj):
    """Write the documents of one object (or remove them when it is not public)."""
    searchable = _searchable_for(type(obj))
    if searchable is None:
        return
    content_type = ContentType.objects.get_for_model(type(obj))
    with transaction.atomic():
        SearchDocument.objects.filter(content_type=content_type, object_id=obj.pk).delete()
        if searchable.queryset().filter(pk=obj.pk).exists():
            SearchDocument.objects.bulk_create(_documents(searchable, obj, content_type))


def index_many(objects):
    """Write the documents of many new objects of one model at once (bulk imports, test data)."""
    objects = list(objects)
    if not objects:
        return
    searchable = _searchable_for(type(objects[0]))
    content_type = ContentType.objects.get_for_model(searchable.model)
    public = set(searchable.queryset().filter(pk__in=[obj.pk for obj in objects]).values_list("pk", flat=True))
    SearchDocument.objects.bulk_create(
        [doc for obj in objects if obj.pk in public for doc in _documents(searchable, obj, content_type)],
        batch_size=2000,
    )


def index_pks(model, pks):
    """Rewrite the documents of these objects of `model` (a few queries however many)."""
    searchable = _searchable_for(model)
    content_type = ContentType.objects.get_for_model(model)
    pks = list(pks)
    # Called at the end of a batch, inside the transaction of its changes: no savepoint of its own.
    for start in range(0, len(pks), 500):
        chunk = pks[start:start + 500]
        SearchDocument.objects.filter(content_type=content_type, object_id__in=chunk).delete()
        SearchDocument.objects.bulk_create(
            [doc for obj in searchable.queryset().filter(pk__in=chunk)
             for doc in _documents(searchable, obj, content_type)], batch_size=2000,
        )


def rebuild(kinds=None):
    """Write the whole index (or that of some kinds) anew; returns the number of documents."""
    count = 0
    with transaction.atomic():
        for searchable in registry.values():
            if kinds is not None and searchable.kind not in kinds:
                continue
            content_type = ContentType.objects.get_for_model(searchable.model)
            SearchDocument.objects.filter(content_type=content_type).delete()
            batch = []
            for obj in searchable.queryset().iterator(chunk_size=500):
                batch.extend(_documents(searchable, obj, content_type))
                if len(batch) >= 2000:
                    SearchDocument.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
            SearchDocument.objects.bulk_create(batch)
            count += len(batch)
    return count


# --- the query ---------------------------------------------------------------------------------

STRONG, SYNONYM, WEAK = 3, 2, 1


@dataclass
class Query:
    """A searcher's words, prepared: per word the stems that find it and how much each counts."""

    text: str
    language: str
    words: list  # of dicts: {"prefixes": {stem: weight}, "parts": [(left, right)]}

    @classmethod
    def parse(cls, text, language, synonyms=None, vocabulary=None):
        text = (text or "")[:MAX_QUERY_LENGTH]
        if synonyms is None:
            synonyms = synonym_groups(language)
        if vocabulary is None:
            vocabulary = known_words(language)
        words = []
        for raw in WORD.findall(text)[:MAX_WORDS]:
            if len(raw) < 2 or raw.isdigit() and len(raw) < 3:
                continue
            word_stem = stem(raw, language)
            prefixes = {word_stem: STRONG}
            for group in synonyms:
                if word_stem in group:
                    for other in group:
                        prefixes.setdefault(other, SYNONYM)
            # A word neither the texts nor the synonyms have ("Wonung", "Gesundhiet", "hosuing"):
            # the words within a typo of it (one edit, two for long words), and their synonyms.
            for near in near_words(raw.casefold(), vocabulary):
                near_stem = stem(near, language)
                prefixes.setdefault(near_stem, WEAK)
                for group in synonyms:
                    if near_stem in group:
                        for other in group:
                            prefixes.setdefault(other, WEAK)
            # One letter too many or doubled ("Sprachkurss", "Wohnnung"): drop each letter once.
            if len(word_stem) >= 6:
                for i in range(len(word_stem)):
                    prefixes.setdefault(word_stem[:i] + word_stem[i + 1:], WEAK)
            parts = []
            # German compounds: "Deutschkurs" finds a text with "deutsch…" and "…kurs…".
            if language == "de" and len(raw) >= 8:
                lowered = raw.casefold()
                for i in range(4, len(lowered) - 3):
                    parts.append((stem(lowered[:i], language), lowered[i:]))
            words.append({"raw": raw, "stem": word_stem, "prefixes": prefixes, "parts": parts})
        return cls(text=text, language=language, words=words)

    def __bool__(self):
        return bool(self.words)

    def _word_score(self, word):
        # A word counts once, by its best match: in a heading twice what it counts in the text.
        scored = []
        for prefix, weight in word["prefixes"].items():
            if weight > WEAK:
                scored.append((2 * weight, Q(title_terms__contains=f" {prefix}")))
            scored.append((weight, Q(terms__contains=f" {prefix}")))
        for left, right in word["parts"]:
            scored.append((WEAK, Q(terms__contains=f" {left}") & Q(terms__contains=right)))
        scored.sort(key=lambda pair: -pair[0])
        whens = [When(condition, then=Value(value)) for value, condition in scored]
        return Case(*whens, default=Value(0), output_field=IntegerField())

    def documents(self, queryset=None, every_word=False):
        """The matching documents in the query's language, best first, with `score`.

        A document matches one of the words; with `every_word` (narrowing a list) all of them.
        """
        queryset = (queryset if queryset is not None else SearchDocument.objects).filter(language=self.language)
        if not self.words:
            return queryset.none()
        scores = {f"word_{i}": self._word_score(word) for i, word in enumerate(self.words)}
        queryset = queryset.annotate(**scores)
        if every_word:
            queryset = queryset.filter(**{f"{name}__gt": 0 for name in scores})
        score = None
        for name in scores:
            score = F(name) if score is None else score + F(name)
        # Equal scores: the shorter title (a heading) before a long text that mentions the word.
        return queryset.annotate(score=score).filter(score__gt=0).order_by("-score", Length("title"), "pk")

    def highlight(self, text):
        """Escaped `text` with the matched words in <mark>: content never becomes markup."""
        prefixes = [p for word in self.words for p in word["prefixes"]]
        rights = [right for word in self.words for _left, right in word["parts"] if len(right) >= 4]
        out, position = [], 0
        for match in WORD.finditer(text or ""):
            out.append(escape(text[position:match.start()]))
            word = match.group()
            word_stem = stem(word, self.language)
            lowered = word.casefold()
            if any(word_stem.startswith(p) for p in prefixes) or any(r in lowered for r in rights):
                out.append(f"<mark>{escape(word)}</mark>")
            else:
                out.append(escape(word))
            position = match.end()
        out.append(escape((text or "")[position:]))
        return mark_safe("".join(out))

    def snippet(self, text, width=220):
        """The part of `text` around its first matched word, highlighted."""
        text = text or ""
        prefixes = [p for word in self.words for p in word["prefixes"]]
        start = 0
        for match in WORD.finditer(text):
            if any(stem(match.group(), self.language).startswith(p) for p in prefixes):
                start = max(0, match.start() - width // 3)
                break
        piece = text[start:start + width]
        return mark_safe(("… " if start else "") + self.highlight(piece) + (" …" if start + width < len(text) else ""))


def near_words(word, vocabulary):
    """Known words within a typo of `word` (rapidfuzz's optimal string alignment distance: a
    wrong, missing, extra or two swapped letters count one edit), for a word not known itself.

    One edit from five letters, two from nine (as search engines' "fuzziness AUTO" does): a short
    word has too many neighbours to guess which was meant.
    """
    if len(word) < 5 or word in vocabulary:
        return []
    edits = 1 if len(word) < 9 else 2
    return [near for near, _distance, _index in
            process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=edits, limit=3)]


def known_words(language):
    """Every word of the index's texts in `language` and of its synonyms (casefolded, five letters
    or more), read once per content state and kept in the cache (one query, then none).

    The content state's identity is in the key, so the next search after a change sees it.
    """
    from .page_cache import stamp_memo

    key = f"search-words:{language}:{stamp_memo.get()}"
    cache = caches[settings.PAGE_CACHE_ALIAS]
    found = cache.get(key)
    if found is None:
        words = set()
        texts = SearchDocument.objects.filter(language=language).values_list("title", "body")
        for title, body in texts.iterator(2000):
            words.update(WORD.findall(f"{title} {body}".casefold()))
        for group in Synonym.objects.filter(language=language):
            words.update(word.casefold() for word in group.word_list())
        found = frozenset(word for word in words if len(word) >= 5)
        cache.set(key, found, settings.PAGE_CACHE_SECONDS or 300)
    return found


def synonym_groups(language):
    """The synonym groups of a language as sets of stems (one query); an entry is one word."""
    return [
        {stem(word, language) for word in group.word_list() if len(WORD.findall(word)) == 1}
        for group in Synonym.objects.filter(language=language)
    ]

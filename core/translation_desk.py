"""The translation desk: one German text and its translation into one language at a time.

What the desk lists is derived (SourceTextQuerySet.in_language): a text is missing, outdated or
current in a language. A translation is written through the content object's own save(), so the
translation state, the content stamp (and with it every cached page) and the search index follow
as they do for any other edit; a model with a version (Massnahme) has it claimed.
"""

import re
from collections import defaultdict
from difflib import SequenceMatcher

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from .models import SourceText, SourceWording, TranslationRecord, TranslationState, text_hash

DESK_PERMISSION = "core.use_translation_desk"
TRANSLATOR_GROUP = "Übersetzung"
SOURCE = settings.LANGUAGE_CODE
DESK_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != SOURCE]

# Outdated first: an outdated translation tells readers something the binding German no longer
# says, while a missing one shows the German text itself (marked as German). Then missing, and
# the current ones last (to read through or correct).
STATE_ORDER = [TranslationState.VERALTET, TranslationState.FEHLT, TranslationState.AKTUELL]
OPEN_STATES = [TranslationState.VERALTET, TranslationState.FEHLT]


def may_use_desk(user):
    return user.is_active and user.is_staff and user.has_perm(DESK_PERMISSION)


def prepare_desk(**kwargs):
    """After every migrate (and a test database's flush): the group "Übersetzung" with the desk's
    permission, and the German wordings of today's texts kept for later diffs."""
    try:  # a migrate to an earlier state (`migrate core zero`) has no desk yet
        kwargs["apps"].get_model("core", "SourceWording")
    except (KeyError, LookupError):
        return
    translator_group()
    keep_current_wordings()


def translator_group():
    """The group "Übersetzung" with the desk's permission and nothing else, made if missing (a
    group staff changed keeps its permissions)."""
    content_type = ContentType.objects.get_for_model(TranslationRecord)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename="use_translation_desk",
        defaults={"name": "Darf den Übersetzungsschreibtisch benutzen"},
    )
    group, created = Group.objects.get_or_create(name=TRANSLATOR_GROUP)
    if created:
        group.permissions.set([permission])
    return group


def keep_current_wordings():
    """Store the German wording of every text whose wording is not kept yet (texts written before
    the desk existed): when the German changes later, the desk can show what changed."""
    sources = SourceText.objects.exclude(source_hash__in=SourceWording.objects.values("source_hash"))
    by_type = defaultdict(list)
    for source in sources:
        by_type[source.content_type_id].append(source)
    wordings = {}
    for content_type_id, items in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        objects = model._base_manager.in_bulk([source.object_id for source in items])
        for source in items:
            obj = objects.get(source.object_id)
            german = getattr(obj, build_localized_fieldname(source.field, SOURCE), "") if obj else ""
            if german and text_hash(german) == source.source_hash:
                wordings[source.source_hash] = german
    SourceWording.objects.bulk_create(
        [SourceWording(source_hash=key, text=text) for key, text in wordings.items()],
        batch_size=500, ignore_conflicts=True,
    )


def translated_models():
    """The content models, in the order the apps register them (concept and Leitlinien first)."""
    return [model for model in translator.get_registered_models() if not model._meta.abstract]


def kinds():
    """(content type, model) of each translated model, in the desk's order; one query, then cached."""
    models = translated_models()
    content_types = ContentType.objects.get_for_models(*models)
    return [(content_types[model], model) for model in models]


def queue(language, kind=None, states=OPEN_STATES):
    """The texts of one language in the desk's order: by state (outdated, missing, current), then
    by kind, object and the field's place in its form, so one object's texts come together."""
    kind_rank, field_rank = [], []
    for rank, (content_type, model) in enumerate(kinds()):
        kind_rank.append(When(content_type_id=content_type.pk, then=Value(rank)))
        for position, field in enumerate(translator.get_options_for_model(model).fields):
            field_rank.append(When(content_type_id=content_type.pk, field=field, then=Value(position)))
    texts = SourceText.objects.in_language(language).filter(state__in=states).annotate(
        state_rank=Case(*[When(state=state, then=Value(rank)) for rank, state in enumerate(STATE_ORDER)],
                        output_field=IntegerField()),
        kind_rank=Case(*kind_rank, default=Value(len(kind_rank)), output_field=IntegerField()),
        field_rank=Case(*field_rank, default=Value(len(field_rank)), output_field=IntegerField()),
    )
    if kind is not None:
        texts = texts.filter(content_type=kind)
    return texts.order_by("state_rank", "kind_rank", "object_id", "field_rank", "pk")


def counts(language=None):
    """Per language: missing, outdated and current texts (SourceTextQuerySet.coverage, two queries)."""
    rows = SourceText.objects.coverage()
    for row in rows:
        row["current"] = row["translated"] - row["outdated"]
    return [row for row in rows if language is None or row["language"] == language]


def field_label(model, field):
    return model._meta.get_field(field).verbose_name


def describe(sources):
    """Name each text for a person: `kind` (the model's name), `label` (the object's German name or
    first words) and `field_label`, set on each source. One query per kind among them."""
    by_type = defaultdict(list)
    for source in sources:
        by_type[source.content_type_id].append(source)
    for content_type_id, items in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        objects = model._base_manager.select_related().in_bulk([source.object_id for source in items])
        with override(SOURCE):
            for source in items:
                obj = objects.get(source.object_id)
                source.kind = model._meta.verbose_name
                source.field_label = field_label(model, source.field)
                source.label = Truncator(str(obj)).words(14) if obj is not None else "–"
    return sources


def next_in_queue(ids, current):
    """The text after `current` in a queue's ids, wrapping round to the first; None when no other is left."""
    others = [pk for pk in ids if pk != current]
    if not others:
        return None
    if current in ids:
        after = ids[ids.index(current) + 1:]
        after = [pk for pk in after if pk != current]
        if after:
            return after[0]
    return others[0]


_WORD = re.compile(r"\S+\s*")


def _words(text):
    return _WORD.findall(text or "")


def _run(tokens, tag, label):
    """Tokens as one <del> or <ins>, the whitespace after them outside it; a screen reader hears the label."""
    joined = "".join(tokens)
    text = joined.rstrip()
    return format_html('<{tag}><span class="visually-hidden">{label} </span>{text}</{tag}>{space}',
                       tag=tag, label=label, text=text, space=joined[len(text):])


def word_diff(old, new):
    """The change from `old` to `new`, word by word, as escaped HTML: removed words in <del>, added
    ones in <ins>, each with a visually hidden "gelöscht:"/"eingefügt:" so it reads without colour
    or strike-through. Whitespace alone (a line wrapped differently) is no change."""
    old_words, new_words = _words(old), _words(new)
    matcher = SequenceMatcher(None, [word.strip() for word in old_words], [word.strip() for word in new_words],
                              autojunk=False)
    parts = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(format_html("{}", "".join(new_words[new_start:new_end])))
            continue
        if operation in ("delete", "replace"):
            parts.append(_run(old_words[old_start:old_end], "del", _("gelöscht:")))
        if operation in ("insert", "replace"):
            parts.append(_run(new_words[new_start:new_end], "ins", _("eingefügt:")))
    return format_html_join("", "{}", ((part,) for part in parts))


class TranslationConflict(Exception):
    """The German text, the translation or the object changed since the desk showed them."""


class DeskText:
    """One German text (a SourceText) and its translation into one language, as the desk shows it."""

    def __init__(self, source, language):
        self.source, self.language = source, language
        self.content_type = source.content_type
        self.model = self.content_type.model_class()
        self.object = self.model._base_manager.get(pk=source.object_id)
        self.field = source.field
        self.field_name = build_localized_fieldname(source.field, language)
        self.field_label = field_label(self.model, source.field)
        self.record = source.translations.filter(language=language).first()
        concurrency = getattr(self.model, "_concurrencymeta", None)
        self.version_field = concurrency.field.attname if concurrency else None

    @property
    def german(self):
        return getattr(self.object, build_localized_fieldname(self.field, SOURCE)) or ""

    @property
    def translation(self):
        return getattr(self.object, self.field_name) or ""

    @property
    def state(self):
        if self.record is None:
            return TranslationState.FEHLT
        if self.record.source_hash != self.source.source_hash:
            return TranslationState.VERALTET
        return TranslationState.AKTUELL

    @property
    def label(self):
        with override(SOURCE):
            return str(self.object)

    @property
    def kind(self):
        return self.model._meta.verbose_name

    @property
    def old_german(self):
        """The German text the outdated translation was made for, if its wording is kept."""
        if self.state != TranslationState.VERALTET:
            return None
        wording = SourceWording.objects.filter(source_hash=self.record.source_hash).first()
        return wording.text if wording else None

    def diff(self):
        old = self.old_german
        return None if old is None else word_diff(old, self.german)

    @property
    def version(self):
        return getattr(self.object, self.version_field) if self.version_field else None

    def seen(self):
        """What the desk shows, for the form to carry and the save to check against."""
        return {"seen_german": text_hash(self.german), "seen_translation": text_hash(self.translation),
                "seen_version": self.version}

    def _check(self, current, seen):
        if self.version_field and seen.get("seen_version") != getattr(current, self.version_field):
            raise TranslationConflict
        if (seen.get("seen_german") != text_hash(getattr(current, build_localized_fieldname(self.field, SOURCE)) or "")
                or seen.get("seen_translation") != text_hash(getattr(current, self.field_name) or "")):
            raise TranslationConflict

    def save(self, text, by, seen):
        """Write the translation through the object's save(), only its own field, claiming the
        object's version where it has one. TranslationConflict if anything shown changed since."""
        with transaction.atomic():
            current = self.model._base_manager.select_for_update().get(pk=self.object.pk)
            self._check(current, seen)
            setattr(current, self.field_name, text)
            if self.version_field:
                setattr(current, self.version_field, seen["seen_version"])
            current.save(update_fields=[self.field_name])
            TranslationRecord.objects.filter(source=self.source, language=self.language).update(confirmed_by=by)
        self.object = current

    def confirm(self, by, seen):
        """"Unverändert, noch richtig": the translation stands for today's German text."""
        with transaction.atomic():
            current = self.model._base_manager.select_for_update().get(pk=self.object.pk)
            self._check(current, seen)
            TranslationRecord.objects.filter(source=self.source, language=self.language).confirm(by)

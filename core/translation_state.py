"""Keep SourceText/TranslationRecord in step with the translated content fields.

Called after every save of a model registered with modeltranslation. It writes
only when something really changed: an unchanged German text keeps its hash (so
nothing becomes outdated), an unchanged translation keeps the German hash it was
made for (so it becomes outdated when the German moves on), and an edited
translation is taken as made for the current German text.
"""

import threading
from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from modeltranslation.translator import translator

from .models import SourceText, SourceWording, TranslationRecord, text_hash

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SOURCE = settings.LANGUAGE_CODE


def translated_field_names(model):
    return list(translator.get_options_for_model(model).fields)


def sync_translation_state(instance, by=None, created=False):
    sync_translation_states([(instance, created)], by=by)


def sync_translation_states(saved, by=None):
    """Bring the state of many saved rows up to date: `saved` holds (instance, created) pairs.

    Reads the state of all of them in two queries and writes it in one statement per kind of
    change, so a thousand rows cost what one does.
    """
    by_model = defaultdict(list)
    for instance, created in saved:
        by_model[type(instance)].append((instance, created))
    now = timezone.now()
    new_sources, changed_sources, gone_sources = [], [], []
    new_records, changed_records, gone_records = [], [], []
    wordings = {}  # German wordings not seen before, by hash: the desk's diff reads them later
    for model, items in by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        stored = defaultdict(dict)
        # A row just created has no state yet: no need to read it (an import creates thousands).
        read = [instance.pk for instance, created in items if not created]
        if read:
            for source in SourceText.objects.filter(content_type=content_type, object_id__in=read) \
                    .prefetch_related("translations"):
                stored[source.object_id][source.field] = source
        for instance, _created in items:
            sources = stored[instance.pk]
            for field in translated_field_names(model):
                german = getattr(instance, f"{field}_{SOURCE}") or ""
                source = sources.get(field)
                if not german.strip():
                    if source is not None:
                        gone_sources.append(source.pk)
                    continue
                german_hash = text_hash(german)
                if source is None or source.source_hash != german_hash:
                    wordings[german_hash] = german
                if source is None:
                    source = SourceText(content_type=content_type, object_id=instance.pk, field=field,
                                        source_hash=german_hash, changed_at=now)
                    new_sources.append(source)
                    records = {}
                else:
                    if source.source_hash != german_hash:
                        source.source_hash = german_hash
                        source.changed_at = now
                        changed_sources.append(source)
                    records = {record.language: record for record in source.translations.all()}
                for language in OTHER_LANGUAGES:
                    text = getattr(instance, f"{field}_{language}", None) or ""
                    record = records.get(language)
                    if not text.strip():
                        if record is not None:
                            gone_records.append(record.pk)
                        continue
                    translation_hash = text_hash(text)
                    if record is None:
                        new_records.append(TranslationRecord(
                            source=source, language=language, source_hash=german_hash,
                            text_hash=translation_hash, confirmed_at=now, confirmed_by=by,
                        ))
                    elif record.text_hash != translation_hash:
                        record.text_hash = translation_hash
                        record.source_hash = german_hash
                        record.confirmed_at = now
                        record.confirmed_by = by
                        changed_records.append(record)
    if gone_sources:
        SourceText.objects.filter(pk__in=gone_sources).delete()
    if gone_records:
        TranslationRecord.objects.filter(pk__in=gone_records).delete()
    SourceWording.objects.bulk_create(
        [SourceWording(source_hash=key, text=text) for key, text in wordings.items()],
        batch_size=500, ignore_conflicts=True,
    )
    # bulk_create() gives the new sources their ids (PostgreSQL; SQLite 3.35+), which their records take.
    SourceText.objects.bulk_create(new_sources, batch_size=500)
    TranslationRecord.objects.bulk_create(new_records, batch_size=500)
    SourceText.objects.bulk_update(changed_sources, ["source_hash", "changed_at"], batch_size=500)
    TranslationRecord.objects.bulk_update(changed_records, ["text_hash", "source_hash", "confirmed_at", "confirmed_by"],
                                          batch_size=500)


_batch = threading.local()


@contextmanager
def one_sync():
    """The rows saved inside get their translation state in one pass at the end (sync_translation_states):
    for an import of thousands of rows. Use it inside the transaction of the saves."""
    if getattr(_batch, "saved", None) is not None:  # already inside a batch: it syncs for both
        yield
        return
    _batch.saved = {}
    try:
        yield
        saved = list(_batch.saved.values())
    finally:
        _batch.saved = None
    sync_translation_states(saved)


def _after_save(sender, instance, raw=False, update_fields=None, created=False, **kwargs):
    if raw:
        return
    if update_fields is not None:
        # A save of named fields (a status report, an approval) that names no translated text
        # cannot change the translation state: skip its two reads.
        translated = translated_field_names(sender)
        if not any(name.rsplit("_", 1)[0] in translated or name in translated for name in update_fields):
            return
    saved = getattr(_batch, "saved", None)
    if saved is not None:
        key = (sender, instance.pk)
        saved[key] = (instance, created or (key in saved and saved[key][1]))
        return
    sync_translation_state(instance, created=created)


def _after_delete(sender, instance, **kwargs):
    SourceText.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


def connect():
    for model in translator.get_registered_models():
        if model._meta.abstract:
            continue
        post_save.connect(_after_save, sender=model, dispatch_uid=f"translation-state-{model._meta.label}")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"translation-state-del-{model._meta.label}")

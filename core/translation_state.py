"""Keep SourceText/TranslationRecord in step with the translated content fields.

Called after every save of a model registered with modeltranslation. It writes
only when something really changed: an unchanged German text keeps its hash (so
nothing becomes outdated), an unchanged translation keeps the German hash it was
made for (so it becomes outdated when the German moves on), and an edited
translation is taken as made for the current German text.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from modeltranslation.translator import translator

from .models import SourceText, TranslationRecord, text_hash

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SOURCE = settings.LANGUAGE_CODE


def translated_field_names(model):
    return list(translator.get_options_for_model(model).fields)


def sync_translation_state(instance, by=None, created=False):
    model = type(instance)
    content_type = ContentType.objects.get_for_model(model)
    # A row just created has no state yet: no need to read it (an import creates thousands).
    sources = {} if created else {
        source.field: source
        for source in SourceText.objects.filter(content_type=content_type, object_id=instance.pk)
        .prefetch_related("translations")
    }
    now = timezone.now()
    for field in translated_field_names(model):
        german = getattr(instance, f"{field}_{SOURCE}") or ""
        source = sources.get(field)
        if not german.strip():
            if source is not None:
                source.delete()
            continue
        german_hash = text_hash(german)
        if source is None:
            source = SourceText.objects.create(
                content_type=content_type, object_id=instance.pk, field=field,
                source_hash=german_hash, changed_at=now,
            )
            records = {}
        else:
            if source.source_hash != german_hash:
                source.source_hash = german_hash
                source.changed_at = now
                source.save(update_fields=["source_hash", "changed_at"])
            records = {record.language: record for record in source.translations.all()}
        for language in OTHER_LANGUAGES:
            text = getattr(instance, f"{field}_{language}", None) or ""
            record = records.get(language)
            if not text.strip():
                if record is not None:
                    record.delete()
                continue
            translation_hash = text_hash(text)
            if record is None:
                TranslationRecord.objects.create(
                    source=source, language=language, source_hash=german_hash,
                    text_hash=translation_hash, confirmed_at=now, confirmed_by=by,
                )
            elif record.text_hash != translation_hash:
                record.text_hash = translation_hash
                record.source_hash = german_hash
                record.confirmed_at = now
                record.confirmed_by = by
                record.save(update_fields=["text_hash", "source_hash", "confirmed_at", "confirmed_by"])


def _after_save(sender, instance, raw=False, update_fields=None, created=False, **kwargs):
    if raw:
        return
    if update_fields is not None:
        # A save of named fields (a status report, an approval) that names no translated text
        # cannot change the translation state: skip its two reads.
        translated = translated_field_names(sender)
        if not any(name.rsplit("_", 1)[0] in translated or name in translated for name in update_fields):
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

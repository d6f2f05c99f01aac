"""The shared mechanisms' own records: the content stamp and the translation state."""

import hashlib
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, Count, F, FilteredRelation, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def text_hash(text):
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()[:32]


class SourceTextQuerySet(models.QuerySet):
    def coverage(self):
        """Per language: how many German texts have a translation, and how many are outdated.

        Two aggregate queries, whatever the amount of content.
        """
        total = self.count()
        rows = (
            TranslationRecord.objects.filter(source__in=self)
            .values("language")
            .annotate(
                translated=Count("pk"),
                outdated=Count("pk", filter=~Q(source_hash=F("source__source_hash"))),
            )
        )
        by_language = {row["language"]: row for row in rows}
        result = []
        for code, name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            row = by_language.get(code, {"translated": 0, "outdated": 0})
            result.append({
                "language": code, "name": name, "total": total,
                "translated": row["translated"], "outdated": row["outdated"],
                "missing": total - row["translated"],
                "percent": round(100 * row["translated"] / total) if total else 100,
            })
        return result

    def in_language(self, language):
        """Each German text with its translation into `language` as `translation` (a
        FilteredRelation: `translation__pk`, `translation__source_hash`) and its state there,
        `state`: "veraltet", "fehlt" or "aktuell", computed by the database for the whole list."""
        return self.annotate(
            translation=FilteredRelation("translations", condition=Q(translations__language=language)),
        ).annotate(state=Case(
            When(translation__pk__isnull=True, then=Value(TranslationState.FEHLT)),
            When(translation__source_hash=F("source_hash"), then=Value(TranslationState.AKTUELL)),
            default=Value(TranslationState.VERALTET),
        ))


class TranslationState(models.TextChoices):
    """A German text's state in one language (derived: SourceTextQuerySet.in_language)."""

    VERALTET = "veraltet", _("veraltet")
    FEHLT = "fehlt", _("fehlt")
    AKTUELL = "aktuell", _("aktuell")


class SourceWording(models.Model):
    """A German wording a text had, kept under its hash: a translation's `source_hash` names the
    German it was made for, and the translation desk shows how today's German differs from it.

    Written by core.translation_state whenever a German text is new or changed; shared by every
    text with the same wording.
    """

    source_hash = models.CharField(max_length=32, unique=True)
    text = models.TextField()

    def __str__(self):
        return self.text[:60]


class SourceText(models.Model):
    """One German content text (an object's translated field) and the hash of its wording."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("Feld"), max_length=60)
    source_hash = models.CharField(max_length=32)
    changed_at = models.DateTimeField(_("deutscher Text geändert"), default=timezone.now)

    objects = SourceTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("Übersetzungsstand")
        verbose_name_plural = _("Übersetzungsstand")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "field"], name="sourcetext_unique")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="sourcetext_object")]

    def __str__(self):
        return f"{self.content_type.name} #{self.object_id}: {self.field}"


class TranslationRecordQuerySet(models.QuerySet):
    def outdated(self):
        return self.exclude(source_hash=F("source__source_hash"))

    def current(self):
        return self.filter(source_hash=F("source__source_hash"))

    def confirm(self, user=None):
        """A translator confirms the translations are still right for the current German text."""
        count = 0
        for record in self.select_related("source"):
            record.source_hash = record.source.source_hash
            record.confirmed_at = timezone.now()
            record.confirmed_by = user
            record.save(update_fields=["source_hash", "confirmed_at", "confirmed_by"])
            count += 1
        return count


class TranslationRecord(models.Model):
    """A translation of a SourceText, with the German hash it was made (or confirmed) for.

    Outdated is derived, never stored: the record's source_hash differs from the
    German text's current hash.
    """

    source = models.ForeignKey(SourceText, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("Sprache"), max_length=8, choices=settings.LANGUAGES)
    source_hash = models.CharField(max_length=32)
    text_hash = models.CharField(max_length=32)
    confirmed_at = models.DateTimeField(_("übersetzt oder bestätigt am"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("von"),
    )

    objects = TranslationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("Übersetzung")
        verbose_name_plural = _("Übersetzungen")
        # The translator's role (group "Übersetzung"): the desk and nothing else (core/translation_desk.py).
        permissions = [("use_translation_desk", _("Darf den Übersetzungsschreibtisch benutzen"))]
        constraints = [models.UniqueConstraint(fields=["source", "language"], name="translationrecord_unique")]

    def __str__(self):
        return f"{self.source} [{self.language}]"

    @property
    def is_outdated(self):
        return self.source_hash != self.source.source_hash


def new_token():
    """A content state's token: random, so no other database and no other moment draws it again."""
    return uuid.uuid4().hex


class ContentStamp(models.Model):
    """The content state: changes whenever public content changes.

    Its identity (`identity()`) is part of every public cache key, every PDF's key and every
    ETag: content changed → stamp changed → everything cached under the old identity is stale.
    Bumped by a signal in the transaction of the change itself (see core/content_stamp.py).

    The value counts the changes of this database; the token, drawn anew with every bump, tells
    the states of different databases apart. Counting alone would not: two databases loaded
    alike, staging and production sharing a Redis, a backup restored after the stamp had moved
    on, a test database reloaded while var/pdf-cache stays: each reaches the same number with
    other content, and would be served what the other wrote under it.
    """

    value = models.BigIntegerField(default=1)
    token = models.CharField(max_length=32, default=new_token, editable=False)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Inhaltsstand")
        verbose_name_plural = _("Inhaltsstand")

    def __str__(self):
        return f"{self.value} ({self.changed_at:%d.%m.%Y %H:%M})"

    @classmethod
    def identity(cls):
        """`<value>.<token>` of the current content state, in one query.

        A database without the row (just migrated, or flushed) makes it now, with a token of its
        own, rather than answer a constant that every other such database would answer too.
        """
        row = cls.objects.filter(pk=1).values_list("value", "token").first()
        if row is None:
            stamp, _created = cls.objects.get_or_create(pk=1)
            row = stamp.value, stamp.token
        return "{}.{}".format(*row)

    @classmethod
    def bump(cls):
        changes = {"value": F("value") + 1, "token": new_token(), "changed_at": timezone.now()}
        if not cls.objects.filter(pk=1).update(**changes):
            _stamp, created = cls.objects.get_or_create(pk=1)
            if not created:  # another transaction made the row in between: this change moves it on too
                cls.objects.filter(pk=1).update(**changes)


class OutboundMail(models.Model):
    """One e-mail the portal handed to its mail server, and how that went (core.mail.LoggingBackend).

    The body is not kept: invitation and password-reset mails carry one-time links to accounts.
    """

    class Kind(models.TextChoices):
        EINLADUNG = "einladung", _("Einladung")
        PASSWORT = "passwort", _("Passwort zurücksetzen")
        ERINNERUNG = "erinnerung", _("Erinnerung")
        RUECKGABE = "rueckgabe", _("Vorschlag zurückgegeben")
        BARRIERENMELDUNG = "barrierenmeldung", _("Barrierenmeldung")
        FOLGEN_BESTAETIGEN = "folgen_bestaetigen", _("Folgen bestätigen")
        BENACHRICHTIGUNG = "benachrichtigung", _("Nachricht an Folgende")
        SONSTIGE = "sonstige", _("Sonstige")

    class Outcome(models.TextChoices):
        GESENDET = "gesendet", _("gesendet")
        FEHLGESCHLAGEN = "fehlgeschlagen", _("fehlgeschlagen")

    sent_at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now, db_index=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.SONSTIGE)
    recipients = models.TextField(_("Empfänger"))
    subject = models.CharField(_("Betreff"), max_length=300)
    outcome = models.CharField(_("Ergebnis"), max_length=20, choices=Outcome.choices)
    error = models.TextField(_("Fehlermeldung"), blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("versendete E-Mail")
        verbose_name_plural = _("E-Mail-Protokoll")

    def __str__(self):
        return f"{self.subject} → {self.recipients}"


class SearchDocument(models.Model):
    """One searchable object in one language: its texts and the stems they contain.

    Derived data: `core.search` writes it from the registered content models (on save/delete,
    and whole with `rebuild_search_index`); nothing else edits it.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10)
    kind = models.CharField(max_length=40)
    title = models.TextField()
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    fallback = models.BooleanField(default=False, help_text="The title is the German fallback.")
    # " stem stem … ": each word's stem with a space before it, so " stem" finds a word by
    # its stem or a longer form, and any substring finds a compound's part.
    title_terms = models.TextField(blank=True)
    terms = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "language"],
                                    name="searchdocument_unique_object_language"),
        ]
        indexes = [models.Index(fields=["language", "kind"])]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language})"


class Synonym(models.Model):
    """A group of words that mean the same for a searcher, in one language (staff extend them)."""

    language = models.CharField(_("Sprache"), max_length=10, choices=settings.LANGUAGES)
    words = models.TextField(
        _("Wörter"), help_text=_("Wörter mit gleicher Bedeutung, durch Kommas getrennt, z. B. Job, Arbeit, Beruf.")
    )

    class Meta:
        ordering = ["language", "words"]
        verbose_name = _("Synonymgruppe der Suche")
        verbose_name_plural = _("Synonyme der Suche")

    def __str__(self):
        return f"{self.get_language_display()}: {self.words}"

    def word_list(self):
        return [word.strip() for word in self.words.split(",") if word.strip()]

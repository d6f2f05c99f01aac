"""The public state of an entry, the public answer, and the history of both.

Every entry (massnahmen.Herausforderung) has one Moderation: its current public state and
answer. `Moderation.change_state()` is the only way they change: one transaction appends a
ModerationChange (a record nobody edits, like a measure's StatusChange) and sets the state.
An online entry starts "eingegangen" and is not public; it becomes public when staff give it
any other state (in Prüfung, aufgenommen, nicht aufgenommen) and is not hidden.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.records import AppendOnlyModel, AppendOnlyQuerySet
from massnahmen.models import PUBLIC_ENTRY_STATES, Beteiligungsformat, Herausforderung

from ..signals import entry_changed

# The source of everything citizens send in through the portal (created by a data migration).
ONLINE_SLUG = "online-beteiligung"


class State(models.TextChoices):
    EINGEGANGEN = "eingegangen", _("eingegangen")
    IN_PRUEFUNG = "in_pruefung", _("in Prüfung")
    AUFGENOMMEN = "aufgenommen", _("aufgenommen")
    NICHT_AUFGENOMMEN = "nicht_aufgenommen", _("nicht aufgenommen")


assert set(PUBLIC_ENTRY_STATES) == set(State.values) - {State.EINGEGANGEN}


class ModerationError(Exception):
    """History rows are records: nothing changes or deletes them."""


def online_format():
    """The Beteiligungsformat "Online-Beteiligung" (found by its slug, made if a flush removed it)."""
    format_, _created = Beteiligungsformat.objects.get_or_create(
        slug=ONLINE_SLUG, defaults={"title_de": "Online-Beteiligung", "start_date": timezone.localdate(),
                                    "description_de": "Herausforderungen und Ideen, die Bürgerinnen und Bürger "
                                                      "über das Integrationsportal einbringen."},
    )
    return format_


def submit(*, title, text, kind, handlungsfeld, stadtteil=None, language):
    """A citizen's entry, stored as written: state "eingegangen", not public until staff look at it."""
    with transaction.atomic():
        entry = Herausforderung(
            beteiligungsformat=online_format(), text=text, kind=kind, handlungsfeld=handlungsfeld,
            language=language, position=0,
        )
        setattr(entry, f"title_{language}", title)
        entry.save()
        if stadtteil:
            entry.stadtteile.add(stadtteil)
        moderation = Moderation.objects.create(entry=entry, changed_at=entry.created_at)
        ModerationChange.objects.create(entry=entry, new_state=State.EINGEGANGEN, changed_at=entry.created_at)
    entry.moderation = moderation
    return entry


def moderate_from_source(entry, moment):
    """Give an entry from a workshop (loaded from the sources) its state, once.

    "aufgenommen" where measures answer it, else "in Prüfung": staff worked it out in the
    workshop, so it is public. An entry that already has a state keeps it (staff own it).
    """
    if Moderation.objects.filter(entry=entry).exists():
        return None
    state = State.AUFGENOMMEN if entry.massnahmen.exists() else State.IN_PRUEFUNG
    with transaction.atomic():
        ModerationChange.objects.create(entry=entry, new_state=state, changed_at=moment)
        return Moderation.objects.create(entry=entry, state=state, changed_at=moment)


class Moderation(models.Model):
    """An entry's current public state and public answer; the history has how they came to be."""

    entry = models.OneToOneField(
        Herausforderung, on_delete=models.CASCADE, primary_key=True, related_name="moderation",
        verbose_name=_("Eintrag"),
    )
    state = models.CharField(_("Stand"), max_length=20, choices=State.choices, default=State.EINGEGANGEN)
    public_answer = models.TextField(_("Öffentliche Antwort"), blank=True)
    answer_language = models.CharField(
        _("Sprache der Antwort"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    changed_at = models.DateTimeField(_("Stand zuletzt geändert"), default=timezone.now)
    # When staff first gave a public answer: the dashboard's "answered within 30 days".
    answered_at = models.DateTimeField(_("erstmals beantwortet am"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("Moderationsstand")
        verbose_name_plural = _("Moderationsstände")
        indexes = [models.Index(fields=["state"], name="moderation_state")]

    def __str__(self):
        return f"{self.entry}: {self.get_state_display()}"

    @property
    def is_public(self):
        return self.state != State.EINGEGANGEN

    def change_state(self, new_state, public_answer="", by=None, answer_language=None, internal_remark="",
                     as_of=None):
        """Set the state and the public answer; append the history row (and an internal remark).

        A public answer is required for "nicht aufgenommen". One transaction; when the result is
        public, `entry_changed` is sent after commit. Returns the ModerationChange.
        """
        from .remarks import InternalRemark

        if new_state not in State.values:
            raise ValidationError(_("Unbekannter Stand: %(state)s"), params={"state": new_state})
        public_answer = (public_answer or "").strip()
        if new_state == State.NICHT_AUFGENOMMEN and not public_answer:
            raise ValidationError(
                {"public_answer": _("Bitte begründen Sie öffentlich, warum der Eintrag nicht aufgenommen wird.")}
            )
        moment = as_of or timezone.now()
        answer_language = answer_language or settings.LANGUAGE_CODE
        with transaction.atomic():
            current = type(self).objects.select_for_update().get(pk=self.pk)
            change = ModerationChange.objects.create(
                entry_id=self.pk, old_state=current.state, new_state=new_state, public_answer=public_answer,
                answer_language=answer_language, changed_by=by, changed_at=moment,
            )
            self.state, self.public_answer, self.answer_language = new_state, public_answer, answer_language
            self.changed_at = moment
            self.answered_at = current.answered_at or (moment if public_answer else None)
            self.save()
            if internal_remark.strip():
                InternalRemark.objects.create(entry_id=self.pk, text=internal_remark.strip(), written_by=by,
                                              written_at=moment)
            if self.is_public:
                entry = self.entry
                transaction.on_commit(lambda: entry_changed.send(sender=type(self), entry=entry, change=change))
        return change


class ModerationChangeQuerySet(AppendOnlyQuerySet):
    record_error = ModerationError

    def public(self):
        """The rows the public history shows: from the first public state on (never the remark: it
        is not stored here)."""
        return self.exclude(new_state=State.EINGEGANGEN)


class ModerationChange(AppendOnlyModel):
    """One row of an entry's moderation history: appended, never changed."""

    record_error = ModerationError

    entry = models.ForeignKey(
        Herausforderung, on_delete=models.PROTECT, related_name="moderation_changes", verbose_name=_("Eintrag")
    )
    old_state = models.CharField(_("bisheriger Stand"), max_length=20, choices=State.choices, blank=True)
    new_state = models.CharField(_("neuer Stand"), max_length=20, choices=State.choices)
    public_answer = models.TextField(_("Öffentliche Antwort"), blank=True)
    answer_language = models.CharField(
        _("Sprache der Antwort"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("geändert von"),
    )
    changed_at = models.DateTimeField(_("geändert am"), default=timezone.now, db_index=True)

    objects = ModerationChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("Moderationsverlauf")
        verbose_name_plural = _("Moderationsverlauf")

    def __str__(self):
        return f"{self.entry}: {self.get_old_state_display() or '–'} → {self.get_new_state_display()}"

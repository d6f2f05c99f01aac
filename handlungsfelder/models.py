"""The integration concept itself: its fields of action and the council's Leitlinien."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import split_lines


class Integrationskonzept(models.Model):
    """The concept as a project: starting point, vision, goals, way of working (one row)."""

    title = models.CharField(_("Titel"), max_length=200)
    period = models.CharField(_("Zeitraum"), max_length=50, blank=True)
    starting_point = models.TextField(_("Ausgangslage"), blank=True)
    vision = models.TextField(_("Vision"), blank=True, help_text=_("Ein Punkt pro Zeile."))
    goals = models.TextField(_("Projektziele"), blank=True, help_text=_("Ein Ziel pro Zeile."))
    working_method = models.TextField(_("Arbeitsweise"), blank=True, help_text=_("Ein Punkt pro Zeile."))

    class Meta:
        verbose_name = _("Integrationskonzept")
        verbose_name_plural = _("Integrationskonzept")

    def __str__(self):
        return self.title

    def vision_items(self):
        return split_lines(self.vision)

    def goal_items(self):
        return split_lines(self.goals)

    def working_method_items(self):
        return split_lines(self.working_method)


class HandlungsfeldQuerySet(models.QuerySet):
    def with_statements(self, edition):
        """The fields in order, each with `statements`: its Leitlinien of `edition`, in order."""
        return self.prefetch_related(
            models.Prefetch("leitlinien", queryset=Leitlinie.objects.filter(edition=edition), to_attr="statements")
        )


class Handlungsfeld(models.Model):
    number = models.PositiveSmallIntegerField(_("Nummer"), unique=True)
    title = models.CharField(_("Titel"), max_length=300)
    short_title = models.CharField(
        _("Kurztitel"), max_length=100, blank=True, help_text=_("Für Navigation und Filter.")
    )
    slug = models.SlugField(_("Kurzname in Adressen"), max_length=100, unique=True)
    description = models.TextField(_("Kurzbeschreibung"), blank=True)

    objects = HandlungsfeldQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1) & models.Q(number__lte=6),
                name="handlungsfeld_number_1_to_6",
                violation_error_message=_("Die Nummer eines Handlungsfelds liegt zwischen 1 und 6."),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.short_title or self.title}"

    def get_absolute_url(self):
        return reverse("handlungsfelder:detail", args=[self.slug])


class Handlungsansatz(models.Model):
    """An approach (sub-topic) of a field, in the order of the Projektskizze."""

    handlungsfeld = models.ForeignKey(
        Handlungsfeld, on_delete=models.CASCADE, related_name="handlungsansaetze",
        verbose_name=_("Handlungsfeld"),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Titel"), max_length=300)

    class Meta:
        ordering = ["handlungsfeld__number", "position"]
        verbose_name = _("Handlungsansatz")
        verbose_name_plural = _("Handlungsansätze")
        constraints = [
            models.UniqueConstraint(fields=["handlungsfeld", "position"], name="handlungsansatz_unique_position")
        ]

    def __str__(self):
        return self.title


class Zielgruppe(models.Model):
    """A target group as the Leitlinien define it (marked with *, ** and *** there)."""

    key = models.SlugField(_("Schlüssel"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    marker = models.CharField(_("Fußnotenzeichen"), max_length=5, blank=True)
    name = models.CharField(_("Bezeichnung"), max_length=200)
    qualifier = models.CharField(
        _("Einleitung der Definition"), max_length=60, blank=True, help_text=_("z. B. „vor allem“")
    )
    definition = models.TextField(_("Definition"), blank=True, help_text=_("Ein Merkmal pro Zeile."))

    class Meta:
        ordering = ["position"]
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")

    def __str__(self):
        return self.name

    def definition_items(self):
        return split_lines(self.definition)


class EditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=LeitlinienEdition.Status.PUBLISHED)

    def current(self):
        """The one edition citizens read, or None before anything is published."""
        return self.published().first()


class LeitlinienEdition(models.Model):
    """One edition of the Leitlinien. Published editions are frozen in German."""

    class Status(models.TextChoices):
        DRAFT = "entwurf", _("Entwurf")
        PUBLISHED = "veroeffentlicht", _("veröffentlicht (gültig)")
        SUPERSEDED = "abgeloest", _("abgelöst")

    # The German text of these fields is the council's wording; it may not change once published.
    FROZEN_FIELDS = ("title", "series", "preamble", "introduction", "resolution_date", "resolution_number")

    title = models.CharField(_("Titel"), max_length=300)
    series = models.CharField(_("Schriftenreihe"), max_length=200, blank=True)
    volume = models.PositiveSmallIntegerField(_("Band"), null=True, blank=True)
    publisher = models.TextField(_("Herausgeber"), blank=True)
    publication_date = models.DateField(_("Erscheinungsdatum"), null=True, blank=True)
    publication_place = models.CharField(_("Erscheinungsort"), max_length=100, blank=True)
    resolution_date = models.DateField(_("Datum des Stadtratsbeschlusses"))
    resolution_number = models.CharField(_("Beschluss-Nr."), max_length=60)
    introduction = models.TextField(_("Zu diesem Band"), blank=True)
    preamble = models.TextField(_("Präambel"))
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True, editable=False)
    zielgruppen = models.ManyToManyField(Zielgruppe, blank=True, verbose_name=_("Zielgruppen"))

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-resolution_date", "-pk"]
        verbose_name = _("Fassung der Leitlinien")
        verbose_name_plural = _("Fassungen der Leitlinien")
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="veroeffentlicht"),
                name="leitlinien_one_published_edition",
                violation_error_message=_("Es kann nur eine gültige (veröffentlichte) Fassung geben."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()}, {self.resolution_number})"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = dict(zip(field_names, values))
        return instance

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT

    def frozen_changes(self):
        """Names of frozen German fields that differ from the stored, published values."""
        loaded = getattr(self, "_loaded", {})
        if loaded.get("status", self.Status.DRAFT) == self.Status.DRAFT:
            return []
        changed = []
        for name in self.FROZEN_FIELDS:
            stored_name = f"{name}_de" if f"{name}_de" in loaded else name
            if stored_name in loaded and loaded[stored_name] != getattr(self, stored_name):
                changed.append(name)
        return changed

    def clean(self):
        if self.frozen_changes():
            raise ValidationError(
                _(
                    "Eine veröffentlichte Fassung darf im deutschen Wortlaut nicht geändert werden. "
                    "Legen Sie eine neue Fassung als Entwurf an und veröffentlichen Sie diese."
                )
            )

    def save(self, *args, **kwargs):
        if self.frozen_changes():
            raise ValidationError(_("Eine veröffentlichte Fassung darf nicht geändert werden."))
        super().save(*args, **kwargs)
        self._loaded = {f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields}

    @transaction.atomic
    def publish(self):
        """Make this draft the valid edition; the previous one becomes superseded."""
        if self.status != self.Status.DRAFT:
            raise ValidationError(_("Nur ein Entwurf kann veröffentlicht werden."))
        type(self).objects.published().exclude(pk=self.pk).update(status=self.Status.SUPERSEDED)
        self.status = self.Status.PUBLISHED
        self.published_at = timezone.now()
        # Bypass the frozen check: the draft's text is what gets frozen by this save.
        self._loaded = {}
        super().save(update_fields=["status", "published_at"])
        self._loaded = {f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields}

    @transaction.atomic
    def copy_as_draft(self):
        """A new draft with this edition's full text (all languages), to revise it."""
        leitlinien = list(self.leitlinien.all())
        zielgruppen = list(self.zielgruppen.all())
        draft = LeitlinienEdition.objects.get(pk=self.pk)
        draft.pk = None
        draft._state.adding = True
        draft._loaded = {}
        draft.status = self.Status.DRAFT
        draft.published_at = None
        draft.save()
        draft.zielgruppen.set(zielgruppen)
        for leitlinie in leitlinien:
            # One save each (not bulk_create): the copy's translation state is recorded too.
            leitlinie.pk = None
            leitlinie._state.adding = True
            leitlinie._loaded = None
            leitlinie.edition = draft
            leitlinie.save()
        return draft


class Leitlinie(models.Model):
    """One guideline statement of a field, verbatim from the council resolution."""

    edition = models.ForeignKey(
        LeitlinienEdition, on_delete=models.CASCADE, related_name="leitlinien", verbose_name=_("Fassung")
    )
    handlungsfeld = models.ForeignKey(
        Handlungsfeld, on_delete=models.PROTECT, related_name="leitlinien", verbose_name=_("Handlungsfeld")
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    text = models.TextField(_("Wortlaut"))

    class Meta:
        ordering = ["handlungsfeld__number", "position"]
        verbose_name = _("Leitlinie")
        verbose_name_plural = _("Leitlinien")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "handlungsfeld", "position"], name="leitlinie_unique_position"
            )
        ]

    def __str__(self):
        # The same statement exists in every edition; the state says which one this is.
        return f"{self.handlungsfeld.number}.{self.position} ({self.edition.get_status_display()}): {self.text[:60]}"

    @property
    def anchor(self):
        """The id of the statement on the Leitlinien page (leitlinien.html writes the same)."""
        return f"leitlinie-{self.handlungsfeld.number}-{self.position}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = dict(zip(field_names, values))
        return instance

    def _edition_is_frozen(self):
        return self.edition_id and not LeitlinienEdition.objects.filter(
            pk=self.edition_id, status=LeitlinienEdition.Status.DRAFT
        ).exists()

    def german_text_changed(self):
        loaded = getattr(self, "_loaded", None)
        if loaded is None:  # a new statement
            return True
        return any(
            loaded.get(name) != getattr(self, name)
            for name in ("text_de", "handlungsfeld_id", "position", "edition_id")
            if name in loaded
        )

    def clean(self):
        if self.german_text_changed() and self._edition_is_frozen():
            raise ValidationError(
                _("Leitlinien einer veröffentlichten Fassung sind unveränderlich. Legen Sie eine neue Fassung an.")
            )

    def save(self, *args, **kwargs):
        self.clean()
        super().save(*args, **kwargs)
        self._loaded = {f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields}

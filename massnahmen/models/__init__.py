"""Measures of the integration concept, where they come from, and how far they are."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from concurrency.exceptions import RecordModifiedError
from concurrency.fields import AutoIncVersionField
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from handlungsfelder.models import Handlungsfeld, Zielgruppe
from core.content_stamp import one_bump
from core.periods import DatePrecision, end_not_before_start, validate_period
from netzwerk.models import Finanzierungsquelle, Netzwerk, Netzwerkpartner, Projekt, Stadtteil


class Status(models.TextChoices):
    """The one status vocabulary of a measure."""

    GEPLANT = "geplant", _("geplant")
    IN_BEARBEITUNG = "in_bearbeitung", _("in Bearbeitung")
    UMGESETZT = "umgesetzt", _("umgesetzt")
    LAUFEND = "laufend", _("laufend")
    ZURUECKGESTELLT = "zurueckgestellt", _("zurückgestellt")
    EINGESTELLT = "eingestellt", _("eingestellt")


class Freigabe(models.TextChoices):
    """Whether a measure is public: partners propose, staff approve or send back."""

    FREIGEGEBEN = "freigegeben", _("freigegeben (öffentlich)")
    VORGESCHLAGEN = "vorgeschlagen", _("vorgeschlagen, wartet auf Prüfung")
    ZURUECKGEGEBEN = "zurueckgegeben", _("zur Überarbeitung zurückgegeben")


# Statuses that still call for progress reports; done or stopped measures need no reminder.
ACTIVE_STATUSES = ("geplant", "in_bearbeitung", "laufend", "zurueckgestellt")


class StatusChangeError(Exception):
    """A status was about to change outside Massnahme.change_status()."""


class ConcurrentEditError(Exception):
    """Someone else saved the measure after this form was rendered (or this copy was read)."""

    def __init__(self, current):
        self.current = current
        super().__init__(f"Measure {current.pk} is at version {current.version}")


class Beteiligungsformat(models.Model):
    """A participation event in which challenges and measures were worked out."""

    title = models.CharField(_("Titel"), max_length=300)
    slug = models.SlugField(_("Kurzname in Adressen"), max_length=100, unique=True)
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    stadtteile = models.ManyToManyField(Stadtteil, blank=True, verbose_name=_("Stadtteile"))
    projekt = models.ForeignKey(
        Projekt, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("Projekt")
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("Beteiligungsformat")
        verbose_name_plural = _("Beteiligungsformate")

    def __str__(self):
        return f"{self.title} ({self.start_date:%m/%Y})"


class Herausforderung(models.Model):
    """A challenge named by district actors; it stays open while no measure answers it."""

    title = models.CharField(_("Titel"), max_length=300)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    beteiligungsformat = models.ForeignKey(
        Beteiligungsformat, on_delete=models.PROTECT, related_name="herausforderungen",
        verbose_name=_("Quelle (Beteiligungsformat)"),
    )
    stadtteile = models.ManyToManyField(
        Stadtteil, blank=True, related_name="herausforderungen", verbose_name=_("Stadtteile")
    )

    class Meta:
        ordering = ["beteiligungsformat", "position"]
        verbose_name = _("Herausforderung")
        verbose_name_plural = _("Herausforderungen")
        constraints = [
            models.UniqueConstraint(fields=["beteiligungsformat", "title"], name="herausforderung_unique_title")
        ]

    def __str__(self):
        return self.title


# The many-to-many fields of Massnahme that the measure page and the open data show.
PUBLIC_RELATIONS = ("handlungsfelder", "stadtteile", "zielgruppen", "partner")

# Measures a field's, partner's or project's page shows; the filtered list has them all.
PREVIEW_SIZE = 20


# Related objects ordered by name are ordered by their German name, the binding one, in every
# language: the translated column has gaps (NULL) that SQLite sorts first and PostgreSQL last.
GERMAN_ORDER = {"partner": ("name_de",), "stadtteile": ("name_de",), "finanzierungsquellen": ("ebene", "name_de")}


def related_lists(*names):
    """Prefetches that put each relation's objects on the measure as <name>_list, as templates read them."""
    prefetches = []
    for name in names:
        related = Massnahme._meta.get_field(name).related_model
        queryset = related._default_manager.order_by(*GERMAN_ORDER[name]) if name in GERMAN_ORDER else None
        prefetches.append(models.Prefetch(name, queryset=queryset, to_attr=f"{name}_list"))
    return prefetches


class MassnahmeQuerySet(models.QuerySet):
    def editable_by(self, user):
        """The single source of who may edit which measure."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(partner__editor_memberships__user=user).distinct()

    def with_status(self, *statuses):
        return self.filter(status__in=statuses)

    def public(self):
        """What citizens see: approved measures only."""
        return self.filter(freigabe=Freigabe.FREIGEGEBEN)

    def proposals(self):
        return self.exclude(freigabe=Freigabe.FREIGEGEBEN)

    def stale(self, days, now=None):
        """Approved, still active measures whose status has not been updated for `days` days."""
        cutoff = (now or timezone.now()) - timedelta(days=days)
        return self.public().filter(status__in=ACTIVE_STATUSES, status_changed_at__lt=cutoff)

    def for_list(self):
        """Everything a list row shows (fields, responsible partners), in list order, in three queries."""
        return self.prefetch_related(*related_lists("handlungsfelder", "partner")).order_by("position", "pk")

    def for_detail(self):
        return self.select_related("herausforderung", "beteiligungsformat", "projekt").prefetch_related(
            *related_lists(*PUBLIC_RELATIONS, "finanzierungsquellen"),
            models.Prefetch("status_changes", queryset=StatusChange.objects.public_timeline()),
        )

    def preview(self, size=PREVIEW_SIZE):
        """The first published measures for a field's, partner's or project's page, as a Paginator page.

        Those apps reach it through the reverse relation (`feld.massnahmen.preview()`); the page's
        paginator counts them all for the link to the filtered list.
        """
        return Paginator(self.public().for_list(), size).page(1)

    def update(self, **kwargs):
        # The current status must always equal the latest history row: refuse a
        # bulk update that would change it without writing history.
        if "status" in kwargs:
            raise StatusChangeError("Use Massnahme.change_status() to change a status.")
        return super().update(**kwargs)

    update.alters_data = True


class Massnahme(models.Model):
    Status = Status

    external_id = models.CharField(
        _("Externe Kennung"), max_length=60, unique=True, null=True, blank=True,
        help_text=_("Stabile Kennung für Import und Abgleich, z. B. „zw2020-01“."),
    )
    title = models.CharField(_("Titel"), max_length=500)
    description = models.TextField(_("Beschreibung"), blank=True)
    progress_note = models.TextField(
        _("Stand der Umsetzung"), blank=True, help_text=_("Kurzer Stand in Worten, wie ihn die Quelle nennt.")
    )
    next_steps = models.TextField(_("Nächste Schritte"), blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.GEPLANT)
    status_changed_at = models.DateTimeField(_("Status zuletzt geändert"), null=True, editable=False)
    # As exactly as the latest history row knows its date (a source may give only a month).
    status_date_precision = models.CharField(
        _("Genauigkeit des Datums"), max_length=5, choices=DatePrecision.choices, blank=True, default="",
        editable=False,
    )
    # Every save claims the next version with a conditional UPDATE (django-concurrency): of two
    # people saving the same version exactly one wins, on every path (admin, import, workspace,
    # approval, shell); the other gets ConcurrentEditError.
    version = AutoIncVersionField(verbose_name=_("Version"), help_text=_("Zählt jede Speicherung mit."))
    handlungsfelder = models.ManyToManyField(
        Handlungsfeld, related_name="massnahmen", verbose_name=_("Handlungsfelder")
    )
    stadtteile = models.ManyToManyField(
        Stadtteil, blank=True, related_name="massnahmen", verbose_name=_("Stadtteile")
    )
    zielgruppen = models.ManyToManyField(
        Zielgruppe, blank=True, related_name="massnahmen", verbose_name=_("Zielgruppen")
    )
    partner = models.ManyToManyField(
        Netzwerkpartner, blank=True, related_name="massnahmen", verbose_name=_("Verantwortliche Partner")
    )
    herausforderung = models.ForeignKey(
        Herausforderung, on_delete=models.PROTECT, null=True, blank=True, related_name="massnahmen",
        verbose_name=_("Antwort auf Herausforderung"),
    )
    beteiligungsformat = models.ForeignKey(
        Beteiligungsformat, on_delete=models.PROTECT, null=True, blank=True, related_name="massnahmen",
        verbose_name=_("Entstanden in"),
    )
    projekt = models.ForeignKey(
        Projekt, on_delete=models.SET_NULL, null=True, blank=True, related_name="massnahmen",
        verbose_name=_("Projekt"),
    )
    finanzierungsquellen = models.ManyToManyField(
        Finanzierungsquelle, blank=True, related_name="massnahmen", verbose_name=_("Finanzierung")
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    freigabe = models.CharField(
        _("Freigabe"), max_length=20, choices=Freigabe.choices, default=Freigabe.FREIGEGEBEN, db_index=True
    )
    review_comment = models.TextField(
        _("Kommentar der Stabsstelle"), blank=True,
        help_text=_("Sieht der vorschlagende Partner, wenn der Vorschlag zurückgegeben wird."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("vorgeschlagen von"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = MassnahmeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        constraints = [
            end_not_before_start("massnahme_end_after_start"),
            models.CheckConstraint(
                condition=models.Q(status__in=[value for value, _label in Status.choices]),
                name="massnahme_status_known",
                violation_error_message=_("Unbekannter Status."),
            ),
        ]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["status_changed_at"]),
            models.Index(fields=["position", "id"], name="massnahme_list_order"),  # pages of the list
            # Counts per status of the public measures (dashboard, list totals) read only this index.
            models.Index(fields=["freigabe", "status", "id"], name="massnahme_public_status"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("massnahmen:detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "status" in field_names:
            instance._stored_status = values[field_names.index("status")]
        return instance

    def clean(self):
        validate_period(self.start_date, self.end_date)

    def save(self, *args, status_note="", changed_by=None, as_of=None, **kwargs):
        """Save; a new measure records its initial status as the first history row.

        `as_of` (a core.periods.SourceDate) dates that first row as a source document dates the
        state, for the content loader; without it the row is dated now.
        An existing measure's status is never changed here but by change_status(), and the save
        claims the next version: ConcurrentEditError if someone else saved since this copy was read.
        """
        if self._state.adding:
            with transaction.atomic():
                if as_of or not self.status_changed_at:
                    self._set_status_date(as_of)
                super().save(*args, **kwargs)
                self._append_history("", self.status, status_note, changed_by, None)
            self._stored_status = self.status
            return
        stored = getattr(self, "_stored_status", None)
        if stored is not None and stored != self.status and not getattr(self, "_changing_status", False):
            raise StatusChangeError("The status of an existing measure changes only through change_status().")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version", "updated_at"}  # the claim and its time
        try:
            # A savepoint of its own: a refused claim marks only it for rollback, so the caller's
            # transaction can still read the measure as it is now.
            with transaction.atomic():
                super().save(*args, **kwargs)
        except RecordModifiedError:
            raise ConcurrentEditError(type(self).objects.get(pk=self.pk)) from None
        self._stored_status = self.status

    def change_status(self, new_status, note="", by=None, partner=None, as_of=None, fields=(), berichtsrunde=None):
        """Change the status (or confirm it with a note), save `fields` with it, and append the history row.

        The only way a status changes; admin, forms, bulk actions, import and the loader call it.
        One transaction: one conditional UPDATE of the measure (the version claim), one history
        row, one content-stamp bump. Returns the new StatusChange.

        The row is dated now, or, for a state a source document records, `as_of` (a
        core.periods.SourceDate: a day, month or year, kept with its precision). History stays in
        order: a date before the current state's is refused, so the latest row is the status.

        `berichtsrunde` tags the row as this measure's report for that round; the round must be
        open and cover the measure (Berichtsrunde.accepts_report()), else ValidationError.
        """
        if new_status not in Status.values:
            raise ValidationError(_("Unbekannter Status: %(status)s"), params={"status": new_status})
        if berichtsrunde is not None and not berichtsrunde.accepts_report(self):
            raise ValidationError(_("Für diese Berichtsrunde kann zu dieser Maßnahme kein Bericht abgegeben werden."))
        if as_of and self.status_changed_at and as_of.moment() < self.status_changed_at:
            raise ValidationError(_("Das Datum liegt vor dem bisherigen Stand der Maßnahme."))
        old_status = self._stored_status
        with transaction.atomic(), one_bump():
            self.status, self._changing_status = new_status, True
            self._set_status_date(as_of)
            try:
                self.save(update_fields=["status", "status_changed_at", "status_date_precision", *fields])
            finally:
                self._changing_status = False
            return self._append_history(old_status, new_status, note, by, partner, berichtsrunde)

    def _set_status_date(self, as_of):
        if as_of is None:
            self.status_changed_at, self.status_date_precision = timezone.now(), DatePrecision.MOMENT
        else:
            self.status_changed_at, self.status_date_precision = as_of.moment(), as_of.precision

    def _append_history(self, old_status, new_status, note, by, partner, berichtsrunde=None):
        return StatusChange.objects.create(
            massnahme=self, old_status=old_status, new_status=new_status, note=note, changed_by=by,
            partner=partner, changed_at=self.status_changed_at, date_precision=self.status_date_precision,
            berichtsrunde=berichtsrunde,
        )

    # Fields a partner editor may change, besides the status itself.
    PARTNER_FIELDS = ("progress_note_de", "next_steps_de", "start_date", "end_date")

    def report_progress(self, *, expected_version, status, note, by, partner=None, berichtsrunde=None, **fields):
        """A partner's update: the fields they changed and the status, refused if not current.

        With `berichtsrunde` the update is this measure's report for that (open) round.

        `expected_version` is the version the partner's form showed; this copy must be at it too,
        and the save claims the next one, so a form opened before anyone else's save is refused
        with ConcurrentEditError carrying the measure as it is now.
        """
        unknown = set(fields) - set(self.PARTNER_FIELDS)
        if unknown:
            raise ValueError(f"Partners may not change {sorted(unknown)}")
        if self.version != expected_version:
            raise ConcurrentEditError(type(self).objects.get(pk=self.pk))
        for name, value in fields.items():
            setattr(self, name, value)
        return self.change_status(status, note=note, by=by, partner=partner, fields=fields,
                                  berichtsrunde=berichtsrunde)

    # Approval: partners propose, staff approve (publish) or send back with a comment.
    def propose(self, by, note=""):
        """Save a partner's new measure as a proposal; its first history row carries `note`."""
        self.freigabe = Freigabe.VORGESCHLAGEN
        self.proposed_by = by
        self.status = Status.GEPLANT
        self.save(status_note=note, changed_by=by)

    def resubmit(self):
        """Save a revised proposal; it waits for review again."""
        self.freigabe = Freigabe.VORGESCHLAGEN
        self.save()

    def approve(self, seen_version=None):
        """Publish a proposal: from now on citizens see it.

        `seen_version` is the version staff reviewed: a proposal revised since then is refused
        with ConcurrentEditError (staff approve what they read, not a later text).
        """
        self._check_seen(seen_version)
        self.freigabe = Freigabe.FREIGEGEBEN
        self.save(update_fields=["freigabe", "updated_at"])

    def send_back(self, comment, seen_version=None):
        """Return a proposal for revision; the proposer reads `comment` in the workspace."""
        self._check_seen(seen_version)
        self.freigabe = Freigabe.ZURUECKGEGEBEN
        self.review_comment = comment
        self.save(update_fields=["freigabe", "review_comment", "updated_at"])

    def _check_seen(self, seen_version):
        if seen_version is not None and seen_version != self.version:
            raise ConcurrentEditError(type(self).objects.get(pk=self.pk))

    def contacts(self):
        """Whom a citizen can ask about this measure, and whether that is the network's office.

        The responsible partners that give a public contact; where none does, the network's
        Ansprechstelle (loaded from the sources, kept by staff). Reads `partner_list` (for_detail).
        """
        own = [partner for partner in self.partner_list if partner.has_contact]
        if own:
            return own, False
        office = Netzwerk.contact_office()
        return ([office] if office else []), True

    def changes_since(self, moment):
        return self.status_changes.filter(changed_at__gt=moment).select_related("partner", "changed_by")


class StatusChangeQuerySet(models.QuerySet):
    def public_timeline(self):
        """Changes of public measures, newest first, with what a timeline shows (the partner, never the person)."""
        languages = [code for code, _name in settings.LANGUAGES]
        return (
            self.filter(massnahme__freigabe=Freigabe.FREIGEGEBEN)
            .select_related("massnahme", "partner")
            # The measure's and partner's long texts stay in the database: a timeline shows titles.
            .only("massnahme", "old_status", "new_status", "note", "note_language", "partner", "changed_at",
                  "date_precision",
                  "massnahme__title", *[f"massnahme__title_{code}" for code in languages],
                  "partner__slug", "partner__name", *[f"partner__name_{code}" for code in languages])
            .order_by("-changed_at", "-pk")
        )

    def reported(self):
        """Changes reported in the portal, without the states a source document records.

        Lists of recent changes and feeds show these: loading the sources is not news, and a
        state of November 2020 is no recent change.
        """
        return self.filter(date_precision=DatePrecision.MOMENT)

    def of(self, measures):
        """The changes of the measures a queryset selects (a filtered list, dashboard or export)."""
        return self.filter(massnahme__in=measures.order_by().values("pk"))

    def update(self, **kwargs):
        raise StatusChangeError("History rows are never changed.")

    def delete(self):
        raise StatusChangeError("History rows are never deleted.")


class StatusChange(models.Model):
    """One row of a measure's status history: appended, never changed."""

    massnahme = models.ForeignKey(
        Massnahme, on_delete=models.PROTECT, related_name="status_changes", verbose_name=_("Maßnahme")
    )
    old_status = models.CharField(_("bisheriger Status"), max_length=20, choices=Status.choices, blank=True)
    new_status = models.CharField(_("neuer Status"), max_length=20, choices=Status.choices)
    note = models.TextField(_("Notiz"), blank=True)
    note_language = models.CharField(
        _("Sprache der Notiz"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # History is a record: deleting the person or the partner it names is refused (PROTECT), so
    # a row never loses who did it. Accounts are deactivated instead (integration_portal/admin.py).
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("geändert von"),
    )
    partner = models.ForeignKey(
        Netzwerkpartner, on_delete=models.PROTECT, null=True, blank=True, related_name="status_changes",
        verbose_name=_("für Partner"),
    )
    changed_at = models.DateTimeField(_("geändert am"), default=timezone.now, db_index=True)
    # Blank: a change made in the portal, dated by its moment. Otherwise the state a source
    # document records, dated as exactly as the source dates it (changed_at is then the first
    # day of that day, month or year).
    date_precision = models.CharField(
        _("Genauigkeit des Datums"), max_length=5, choices=DatePrecision.choices, blank=True, default="",
    )
    # Set when this change is a partner's report for a reporting round: the history row stays
    # the one mechanism, the round only counts who reported. PROTECT: a round with reports is a record.
    berichtsrunde = models.ForeignKey(
        "massnahmen.Berichtsrunde", on_delete=models.PROTECT, null=True, blank=True, related_name="reports",
        verbose_name=_("Bericht zur Berichtsrunde"),
    )

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        get_latest_by = ["changed_at", "pk"]
        # Timelines read the newest changes first; this index lets them stop after a page.
        indexes = [models.Index(fields=["-changed_at", "-id"], name="statuschange_newest_first")]
        verbose_name = _("Statusänderung")
        verbose_name_plural = _("Statusverlauf")

    def __str__(self):
        old = self.get_old_status_display() or "–"
        return f"{self.massnahme}: {old} → {self.get_new_status_display()}"

    @property
    def from_source(self):
        """A state recorded by a source document (loaded), not a change reported in the portal."""
        return self.date_precision != DatePrecision.MOMENT

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise StatusChangeError("History rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise StatusChangeError("History rows are never deleted.")


class Reminder(models.Model):
    """A reminder sent about a stale measure; at most one per measure within the stale period."""

    massnahme = models.ForeignKey(Massnahme, on_delete=models.CASCADE, related_name="reminders",
                                  verbose_name=_("Maßnahme"))
    sent_at = models.DateTimeField(_("gesendet am"), default=timezone.now, db_index=True)
    recipients = models.TextField(_("Empfänger"), blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("ausgelöst von"))
    # A reminder of a report due for a reporting round (empty: a reminder of a stale measure).
    berichtsrunde = models.ForeignKey(
        "massnahmen.Berichtsrunde", on_delete=models.CASCADE, null=True, blank=True, related_name="reminders",
        verbose_name=_("Berichtsrunde"),
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")

    def __str__(self):
        return f"{self.massnahme} ({self.sent_at:%d.%m.%Y})"


# The reporting rounds build on the measures and their history above.
from .rounds import Berichtsrunde, BerichtsrundeState, Reopening, RoundClosedError, Snapshot  # noqa: E402,F401

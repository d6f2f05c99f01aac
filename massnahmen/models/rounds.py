"""Reporting rounds (Berichtsrunden): a period, the measures it covers, the partners' reports for
it, and the snapshot (Momentaufnahme) that closing it freezes.

A closed round is a record like a history row: its fields, its scope and its snapshot refuse
every change (model save/delete, queryset update/delete, the scope's many-to-many managers, and
deleting a field, district, project or partner it names). Staff reopen it deliberately with a
reason (`reopen()`): the old snapshot stays as a version, and closing again writes the next one.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.deletion import ProtectedError
from django.db.models.signals import m2m_changed
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.content_stamp import one_bump
from core.periods import DatePrecision
from handlungsfelder.models import Handlungsfeld
from netzwerk.models import Netzwerkpartner, Projekt, Stadtteil

from . import Massnahme, Status, StatusChange


class BerichtsrundeState(models.TextChoices):
    OFFEN = "offen", _("offen")
    ABGESCHLOSSEN = "abgeschlossen", _("abgeschlossen")


class RoundClosedError(Exception):
    """A closed round, a snapshot or a reopening record was about to change."""


# The round's scope: (relation on the round, how a measure is selected by it).
SCOPE = {
    "handlungsfelder": ("handlungsfeld_id", Massnahme.handlungsfelder.through),
    "stadtteile": ("stadtteil_id", Massnahme.stadtteile.through),
    "partner": ("netzwerkpartner_id", Massnahme.partner.through),
    "projekte": ("projekt_id", None),  # a measure has one project: its own column
}

# The fields close() writes; only close() and reopen() change them.
TRANSITION_FIELDS = {"state", "snapshot_version", "closed_at", "closed_by"}


class BerichtsrundeQuerySet(models.QuerySet):
    def closed(self):
        """Closed rounds, oldest period first (the order comparisons walk)."""
        return self.filter(state=BerichtsrundeState.ABGESCHLOSSEN).order_by("period_end", "pk")

    def open(self):
        """Open rounds, the one due first first."""
        return self.filter(state=BerichtsrundeState.OFFEN).order_by(
            models.F("due_date").asc(nulls_last=True), "period_end", "pk")

    def covering(self, massnahme):
        """Of these rounds, the open ones a report on `massnahme` can be made for (one query per round)."""
        return self.filter(pk__in=[runde.pk for runde in self if runde.accepts_report(massnahme)])

    def update(self, **kwargs):
        if TRANSITION_FIELDS & set(kwargs):
            raise RoundClosedError("A round is closed by close() and reopened by reopen().")
        if self.filter(state=BerichtsrundeState.ABGESCHLOSSEN).exists():
            raise RoundClosedError("A closed round never changes.")
        return super().update(**kwargs)

    update.alters_data = True

    def delete(self):
        if self.filter(Q(state=BerichtsrundeState.ABGESCHLOSSEN) | Q(snapshot_version__gt=0)).exists():
            raise RoundClosedError("A round that was closed is a record: it is never deleted.")
        return super().delete()

    delete.alters_data = True


class Berichtsrunde(models.Model):
    """A reporting round: partners report on the covered measures until the due date; closing it
    writes a snapshot of every covered measure as it was at the end of the period."""

    State = BerichtsrundeState

    title = models.CharField(_("Titel"), max_length=300)
    slug = models.SlugField(_("Kurzname in Adressen"), max_length=100, unique=True)
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(
        _("Zeitraum bis"), help_text=_("Der Abschluss hält den Stand der Maßnahmen am Ende dieses Tages fest."))
    due_date = models.DateField(
        _("Berichte fällig am"), null=True, blank=True,
        help_text=_("Bis wann die Partner zu ihren Maßnahmen berichten sollen."))
    state = models.CharField(
        _("Stand"), max_length=20, choices=BerichtsrundeState.choices, default=BerichtsrundeState.OFFEN,
        editable=False, db_index=True)
    # The scope: every relation left empty means "all" for that relation; a measure is covered
    # when it matches every relation that names something (any of the named fields, and any of
    # the named districts, …). Only approved measures that existed at the end of the period.
    handlungsfelder = models.ManyToManyField(
        Handlungsfeld, blank=True, related_name="berichtsrunden", verbose_name=_("Handlungsfelder"))
    stadtteile = models.ManyToManyField(
        Stadtteil, blank=True, related_name="berichtsrunden", verbose_name=_("Stadtteile"))
    projekte = models.ManyToManyField(
        Projekt, blank=True, related_name="berichtsrunden", verbose_name=_("Projekte"))
    partner = models.ManyToManyField(
        Netzwerkpartner, blank=True, related_name="berichtsrunden", verbose_name=_("Verantwortliche Partner"))
    # Where the round comes from when it was not held in the portal but loaded from a source
    # document (the first round: the Zukunftswerkstatt list as evaluated in 2021).
    source = models.TextField(
        _("Quelle"), blank=True, editable=False,
        help_text=_("Nur bei Runden aus den Quelldokumenten: woher Stand und Daten stammen."))
    snapshot_version = models.PositiveIntegerField(
        _("Fassung der Momentaufnahme"), default=0, editable=False,
        help_text=_("0: noch nie abgeschlossen; jede erneute Schließung nach einer Wiedereröffnung zählt weiter."))
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        editable=False, verbose_name=_("abgeschlossen von"))
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = BerichtsrundeQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("Berichtsrunde")
        verbose_name_plural = _("Berichtsrunden")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="berichtsrunde_period_in_order",
                violation_error_message=_("Das Ende des Zeitraums darf nicht vor seinem Beginn liegen.")),
            models.CheckConstraint(
                condition=Q(state=BerichtsrundeState.OFFEN, closed_at__isnull=True)
                | Q(state=BerichtsrundeState.ABGESCHLOSSEN, closed_at__isnull=False, snapshot_version__gte=1),
                name="berichtsrunde_closed_has_snapshot"),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "state" in field_names:
            instance._stored_state = values[field_names.index("state")]
        return instance

    @property
    def is_closed(self):
        return self.state == BerichtsrundeState.ABGESCHLOSSEN

    @property
    def from_source(self):
        """Loaded from the source documents, not held in the portal."""
        return bool(self.source)

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Das Ende des Zeitraums darf nicht vor seinem Beginn liegen.")})

    def save(self, *args, **kwargs):
        """Save an open round. A closed round refuses; state changes only by close() and reopen()."""
        if not getattr(self, "_transition", False):
            if getattr(self, "_stored_state", None) == BerichtsrundeState.ABGESCHLOSSEN:
                raise RoundClosedError("A closed round never changes; reopen it first.")
            if self.state != BerichtsrundeState.OFFEN:
                raise RoundClosedError("A round is closed by close(), which writes its snapshot.")
        super().save(*args, **kwargs)
        self._stored_state = self.state

    def delete(self, *args, **kwargs):
        if self.is_closed or self.snapshot_version:
            raise RoundClosedError("A round that was closed is a record: it is never deleted.")
        return super().delete(*args, **kwargs)

    # What the round covers and who reported.
    def period_end_moment(self):
        """The end of the last day of the period: history rows dated before it count."""
        return timezone.make_aware(datetime.datetime.combine(self.period_end + datetime.timedelta(days=1), datetime.time()))

    def covered_measures(self):
        """The approved measures in the round's scope that existed at the end of the period.

        One query whatever the scope (the scope is read in SQL). For a closed round this is what
        the scope selects today; what the round recorded is its snapshot (current_snapshots()).
        """
        existed = StatusChange.objects.filter(massnahme=OuterRef("pk"), changed_at__lt=self.period_end_moment())
        measures = Massnahme.objects.public().filter(Exists(existed))
        for relation, (column, measure_through) in SCOPE.items():
            chosen = getattr(Berichtsrunde, relation).through.objects.filter(berichtsrunde=self.pk)
            target = chosen.values(column)
            if measure_through is None:
                selected = Q(**{f"{column}__in": target})
            else:
                selected = Q(pk__in=measure_through.objects.filter(**{f"{column}__in": target}).values("massnahme_id"))
            measures = measures.filter(~Exists(chosen) | selected)
        return measures

    def reports_of(self, massnahme_ref=OuterRef("pk")):
        """The history rows reported for this round (of one measure, for Exists)."""
        return StatusChange.objects.filter(berichtsrunde=self.pk, massnahme=massnahme_ref)

    def with_report_state(self, measures=None):
        """Measures (default: the covered ones) annotated `reported` (a report for this round exists)."""
        measures = self.covered_measures() if measures is None else measures
        return measures.annotate(reported=Exists(self.reports_of()))

    def report_counts(self, measures=None):
        """{"total", "reported"} of the covered measures (of those in `measures`, if given), in one query."""
        covered = self.covered_measures()
        if measures is not None:
            covered = covered.filter(pk__in=measures.values("pk"))
        return covered.aggregate(total=models.Count("pk"), reported=models.Count("pk", filter=Q(Exists(self.reports_of()))))

    def missing_reports(self):
        """Covered measures without a report for this round."""
        return self.covered_measures().exclude(Exists(self.reports_of()))

    def accepts_report(self, massnahme):
        """A report for this round can be made on this measure: the round is open and covers it."""
        return not self.is_closed and self.covered_measures().filter(pk=massnahme.pk).exists()

    def previous(self):
        """The closed round before this one (by the end of its period), or None."""
        earlier = Q(period_end__lt=self.period_end) | Q(period_end=self.period_end, pk__lt=self.pk)
        return Berichtsrunde.objects.closed().filter(earlier).exclude(pk=self.pk).last()

    def current_snapshots(self):
        """The snapshot rows of the current version (the last closing), in list order."""
        return self.snapshots.filter(version=self.snapshot_version).order_by("position", "pk")

    # Closing and reopening.
    def close(self, by=None):
        """Freeze the round: write a snapshot of every covered measure as it was at the end of the period.

        One transaction, one content-stamp bump, a fixed number of queries whatever the number of
        measures (the snapshot rows are one bulk insert, batched only where the database limits
        the parameters of one statement). Returns the snapshot rows written.
        """
        with transaction.atomic(), one_bump():
            stored = type(self).objects.select_for_update().get(pk=self.pk)
            if stored.is_closed:
                raise RoundClosedError("This round is already closed.")
            version = stored.snapshot_version + 1
            snapshots = Snapshot.objects.bulk_create(Snapshot.of_round(self, version))
            self._transition_to(
                state=BerichtsrundeState.ABGESCHLOSSEN, snapshot_version=version,
                closed_at=timezone.now(), closed_by=by)
        return snapshots

    def reopen(self, by, reason):
        """Open a closed round again, with a reason; its snapshot stays as a version (Reopening)."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(_("Bitte begründen Sie, warum die Runde wieder geöffnet wird."))
        with transaction.atomic(), one_bump():
            stored = type(self).objects.select_for_update().get(pk=self.pk)
            if not stored.is_closed:
                raise RoundClosedError("Only a closed round can be reopened.")
            Reopening.objects.create(
                runde=self, snapshot_version=stored.snapshot_version, closed_at=stored.closed_at,
                closed_by=stored.closed_by, reason=reason, reopened_by=by)
            self._transition_to(state=BerichtsrundeState.OFFEN, closed_at=None, closed_by=None)

    def _transition_to(self, **fields):
        for name, value in fields.items():
            setattr(self, name, value)
        self._transition = True
        try:
            self.save(update_fields=list(fields))
        finally:
            self._transition = False


class SnapshotQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        rounds = {snapshot.runde_id for snapshot in objs}
        if Berichtsrunde.objects.filter(pk__in=rounds, state=BerichtsrundeState.ABGESCHLOSSEN).exists():
            raise RoundClosedError("The snapshot of a closed round never changes.")
        return super().bulk_create(objs, *args, **kwargs)

    def update(self, **kwargs):
        raise RoundClosedError("Snapshots are never changed.")

    def delete(self):
        raise RoundClosedError("Snapshots are never deleted.")

    update.alters_data = delete.alters_data = True


def _translations(instance, name):
    """{language: text} of a translated field, for the languages it exists in."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        value = getattr(instance, f"{name}_{code}", None)
        if value:
            texts[code] = value
    return texts


def _latest(rows, field):
    return Subquery(rows.values(field)[:1])


class Snapshot(models.Model):
    """One covered measure as a closed round recorded it (one row per measure, round and version).

    Every text in every language it existed in at closing is in `data`; the ids of its fields,
    districts and partners are lists for counting without joins. Deleting or changing the measure,
    a partner or a translation later changes nothing here.

    `data` holds: title, description, progress_note, next_steps ({language: text} each);
    last_note ({text, language, changed_at, precision} or null); status_changed_at (ISO) and
    status_date_precision; start_date, end_date (ISO or null); partner and stadtteile (lists of
    {id, slug, name: {language: text}}), handlungsfelder ({id, number, slug, title, short_title}),
    each list in the binding German order. Reading: text(), partner_names(), handlungsfeld_titles(),
    stadtteil_names() give a language's text with German as the fallback.
    """

    runde = models.ForeignKey(
        Berichtsrunde, on_delete=models.PROTECT, related_name="snapshots", verbose_name=_("Berichtsrunde"))
    version = models.PositiveIntegerField(_("Fassung"))
    massnahme = models.ForeignKey(
        Massnahme, on_delete=models.SET_NULL, null=True, blank=True, related_name="snapshots",
        verbose_name=_("Maßnahme"))
    external_id = models.CharField(_("Externe Kennung"), max_length=60, blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    reported = models.BooleanField(_("berichtet"), default=False)
    handlungsfeld_ids = models.JSONField(_("Handlungsfelder (IDs)"), default=list)
    stadtteil_ids = models.JSONField(_("Stadtteile (IDs)"), default=list)
    partner_ids = models.JSONField(_("Partner (IDs)"), default=list)
    data = models.JSONField(_("Inhalt"), default=dict)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["runde", "version", "position", "pk"]
        verbose_name = _("Momentaufnahme einer Maßnahme")
        verbose_name_plural = _("Momentaufnahmen")
        indexes = [models.Index(fields=["runde", "version", "position"], name="snapshot_of_round")]
        constraints = [
            models.UniqueConstraint(fields=["runde", "version", "massnahme"], name="snapshot_one_per_measure"),
        ]

    def __str__(self):
        return f"{self.runde} ({self.version}): {self.text('title', settings.LANGUAGE_CODE)}"

    def save(self, *args, **kwargs):
        raise RoundClosedError("Snapshots are written by Berichtsrunde.close() and never changed.")

    def delete(self, *args, **kwargs):
        raise RoundClosedError("Snapshots are never deleted.")

    # Reading the recorded texts: German is binding and the fallback.
    def text_language(self, name, language):
        """The language the text `name` is shown in for `language`: itself, or German where missing."""
        texts = self.data.get(name) or {}
        return language if texts.get(language) else settings.LANGUAGE_CODE

    def text(self, name, language):
        texts = self.data.get(name) or {}
        return texts.get(language) or texts.get(settings.LANGUAGE_CODE, "")

    def _names(self, relation, key, language):
        fallback = settings.LANGUAGE_CODE
        return [item[key].get(language) or item[key].get(fallback, "") for item in self.data.get(relation, [])]

    def partner_names(self, language):
        return self._names("partner", "name", language)

    def handlungsfeld_titles(self, language):
        return self._names("handlungsfelder", "title", language)

    def stadtteil_names(self, language):
        return self._names("stadtteile", "name", language)

    @property
    def last_note(self):
        """{text, language, changed_at (datetime), precision} of the last note by the period's end, or None."""
        note = self.data.get("last_note")
        if not note:
            return None
        return {**note, "changed_at": datetime.datetime.fromisoformat(note["changed_at"])}

    @property
    def status_changed_at(self):
        return datetime.datetime.fromisoformat(self.data["status_changed_at"])

    @property
    def status_date_precision(self):
        return self.data.get("status_date_precision", DatePrecision.MOMENT)

    def _date(self, name):
        value = self.data.get(name)
        return datetime.date.fromisoformat(value) if value else None

    @property
    def start_date(self):
        return self._date("start_date")

    @property
    def end_date(self):
        return self._date("end_date")

    @classmethod
    def of_round(cls, runde, version):
        """Unsaved snapshot rows of every measure `runde` covers, as they were at the end of its period.

        The status is the latest history row dated before the period's end (a source's month or
        year counts from its first day, as it is stored) or reported for this round: partners
        report after the period, up to the due date, on the state at its end, so their report
        counts and a later change that is no report for the round does not. The last note
        likewise. Texts,
        responsible partners, fields, districts and dates are as they are at closing: the portal
        keeps no history of them. A measure counts as reported when a history row is tagged
        with the round, or, for a round loaded from the sources, when its state is the one the
        source records. A fixed number of queries: the measures with their state (one), the
        links and names of fields, districts and partners (two each).
        """
        end = runde.period_end_moment()
        history = StatusChange.objects.filter(
            Q(changed_at__lt=end) | Q(berichtsrunde=runde.pk), massnahme=OuterRef("pk")).order_by("-changed_at", "-pk")
        noted = history.exclude(note="")
        covered = runde.covered_measures()
        measures = list(
            covered.annotate(
                state_status=_latest(history, "new_status"), state_at=_latest(history, "changed_at"),
                state_precision=_latest(history, "date_precision"),
                note_text=_latest(noted, "note"), note_language=_latest(noted, "note_language"),
                note_at=_latest(noted, "changed_at"), note_precision=_latest(noted, "date_precision"),
                tagged=Exists(runde.reports_of()),
            ).order_by("position", "pk")
        )
        related = {
            "handlungsfelder": _related(covered, Handlungsfeld, "handlungsfeld_id", ("number", "slug", "title", "short_title")),
            "stadtteile": _related(covered, Stadtteil, "stadtteil_id", ("slug", "name")),
            "partner": _related(covered, Netzwerkpartner, "netzwerkpartner_id", ("slug", "name")),
        }
        rows = []
        for massnahme in measures:
            links = {name: links_of.get(massnahme.pk, []) for name, links_of in related.items()}
            note = None
            if massnahme.note_text:
                note = {"text": massnahme.note_text, "language": massnahme.note_language,
                        "changed_at": _moment(massnahme.note_at).isoformat(), "precision": massnahme.note_precision}
            data = {name: _translations(massnahme, name) for name in ("title", "description", "progress_note", "next_steps")}
            data.update(
                last_note=note,
                status_changed_at=_moment(massnahme.state_at).isoformat(),
                status_date_precision=massnahme.state_precision,
                start_date=massnahme.start_date.isoformat() if massnahme.start_date else None,
                end_date=massnahme.end_date.isoformat() if massnahme.end_date else None,
                **links,
            )
            reported = massnahme.tagged or (runde.from_source and massnahme.state_precision != DatePrecision.MOMENT)
            rows.append(cls(
                runde=runde, version=version, massnahme=massnahme, external_id=massnahme.external_id or "",
                position=massnahme.position, status=massnahme.state_status, reported=reported,
                handlungsfeld_ids=[item["id"] for item in links["handlungsfelder"]],
                stadtteil_ids=[item["id"] for item in links["stadtteile"]],
                partner_ids=[item["id"] for item in links["partner"]],
                data=data,
            ))
        return rows


def _moment(value):
    """A datetime from an annotation (SQLite may give the column's text)."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.timezone.utc)
    return value


def _related(measures, model, column, fields):
    """{measure pk: [{id, <fields>}]} for one relation of `measures`, in two queries, names in every language.

    Ordered by the German name/number, the binding order, like the measure page.
    """
    through = getattr(Massnahme, {Handlungsfeld: "handlungsfelder", Stadtteil: "stadtteile",
                                  Netzwerkpartner: "partner"}[model]).through
    links = list(through.objects.filter(massnahme__in=measures.values("pk")).values_list("massnahme_id", column))
    translated = {name for name in fields if hasattr(model, f"{name}_de")}
    order = "number" if "number" in fields else "name_de"
    objects = model.objects.filter(pk__in=through.objects.filter(massnahme__in=measures.values("pk")).values(column))
    described = {}
    for position, obj in enumerate(objects.order_by(order, "pk")):
        item = {"id": obj.pk}
        for name in fields:
            item[name] = _translations(obj, name) if name in translated else getattr(obj, name)
        described[obj.pk] = (position, item)
    result = {}
    for measure_pk, target in links:
        result.setdefault(measure_pk, []).append(described[target])
    return {pk: [item for _position, item in sorted(items, key=lambda pair: pair[0])] for pk, items in result.items()}


class ReopeningQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise RoundClosedError("Reopening records are never changed.")

    def delete(self):
        raise RoundClosedError("Reopening records are never deleted.")

    update.alters_data = delete.alters_data = True


class Reopening(models.Model):
    """A closed round opened again: which snapshot version it superseded, when it was closed, and why."""

    runde = models.ForeignKey(
        Berichtsrunde, on_delete=models.PROTECT, related_name="reopenings", verbose_name=_("Berichtsrunde"))
    snapshot_version = models.PositiveIntegerField(_("Fassung der Momentaufnahme"))
    closed_at = models.DateTimeField(_("abgeschlossen am"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("abgeschlossen von"))
    reason = models.TextField(_("Begründung"))
    reopened_at = models.DateTimeField(_("wieder geöffnet am"), default=timezone.now)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("wieder geöffnet von"))

    objects = ReopeningQuerySet.as_manager()

    class Meta:
        ordering = ["-reopened_at", "-pk"]
        verbose_name = _("Wiedereröffnung")
        verbose_name_plural = _("Wiedereröffnungen")

    def __str__(self):
        return f"{self.runde} ({self.snapshot_version})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RoundClosedError("Reopening records are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RoundClosedError("Reopening records are never deleted.")


# A closed round's scope never changes: not through its own many-to-many managers, not from the
# other side (partner.berichtsrunden.remove(…)), and not by deleting what it names.
def _refuse_scope_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    if not reverse:
        closed = isinstance(instance, Berichtsrunde) and Berichtsrunde.objects.filter(
            pk=instance.pk, state=BerichtsrundeState.ABGESCHLOSSEN).exists()
    else:
        named = instance.berichtsrunden.values("pk") if pk_set is None else pk_set
        closed = Berichtsrunde.objects.filter(state=BerichtsrundeState.ABGESCHLOSSEN, pk__in=named).exists()
    if closed:
        raise RoundClosedError("The scope of a closed round never changes.")


def _protect_closed_scope(collector, field, sub_objs, using):
    """on_delete of the scope's link to a field, district, project or partner: like PROTECT while a
    closed round names it, else CASCADE. Raised while Django collects what a delete would remove,
    so the admin's delete page lists the round as what protects it, and nothing is written."""
    closed = sub_objs.filter(berichtsrunde__state=BerichtsrundeState.ABGESCHLOSSEN).select_related("berichtsrunde")
    if closed:
        rounds = {link.berichtsrunde for link in closed}
        raise ProtectedError(
            f"Named in the scope of closed reporting rounds: {', '.join(map(str, rounds))}", rounds)
    models.CASCADE(collector, field, sub_objs, using)


for _relation in SCOPE:
    _through = getattr(Berichtsrunde, _relation).through
    m2m_changed.connect(_refuse_scope_change, sender=_through, dispatch_uid=f"berichtsrunde-scope-{_relation}")
    # Django creates the link table; its link to what the round names is made to protect a closed round.
    _through._meta.get_field(SCOPE[_relation][0].removesuffix("_id")).remote_field.on_delete = _protect_closed_scope

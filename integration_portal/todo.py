"""What needs doing today ("Was ansteht" on the admin start page).

Each task is a count and the address of the admin list that shows exactly those rows. The
number of queries is fixed, whatever the amount of content: one per count, one grouped query per
breakdown (per partner, per language).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.models import OutboundMail, SourceText, TranslationState
from core.translation_desk import may_use_desk
from leichte_sprache.models import LeichteLeitlinie, Seite as LeichteSeite, Wort
from massnahmen.models import Berichtsrunde, Freigabe, Herausforderung, Massnahme
from massnahmen.reminders import due
from netzwerk.models import Invitation

from .models import Barrierenmeldung


FAILED_MAIL_DAYS = 30


@dataclass
class Task:
    label: str
    count: int
    url: str | None  # None: only the breakdown's rows are lists of their own
    details: list = field(default_factory=list)  # (label, count, url) of a breakdown


def changelist(model, **params):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def desk_queue(language, **params):
    return f"{reverse('admin:translation_desk_language', args=[language])}?{urlencode(params)}"


def may_view(user, model):
    return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}") or \
        user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


def open_tasks(user):
    """The tasks this staff member may act on, in the order they are listed."""
    days = settings.REMINDER_STALE_DAYS
    tasks = []
    if may_view(user, Massnahme):
        tasks.append(Task(
            _("Vorschläge warten auf Prüfung"),
            Massnahme.objects.filter(freigabe=Freigabe.VORGESCHLAGEN).count(),
            changelist(Massnahme, freigabe__exact=Freigabe.VORGESCHLAGEN),
        ))
        stale = Massnahme.objects.stale(days)
        per_partner = (
            Massnahme.partner.through.objects.filter(massnahme__in=stale)
            .values("netzwerkpartner_id", "netzwerkpartner__name")
            .annotate(count=Count("massnahme_id")).order_by("-count", "netzwerkpartner__name")
        )
        tasks.append(Task(
            ngettext("Maßnahmen seit mehr als %(days)d Tag ohne Aktualisierung",
                     "Maßnahmen seit mehr als %(days)d Tagen ohne Aktualisierung", days) % {"days": days},
            stale.count(),
            changelist(Massnahme, ohne_aktualisierung=days),
            [(row["netzwerkpartner__name"], row["count"],
              changelist(Massnahme, ohne_aktualisierung=days, partner__id__exact=row["netzwerkpartner_id"]))
             for row in per_partner],
        ))
        tasks.append(Task(
            _("Erinnerungen fällig (ohne Aktualisierung und im Zeitraum noch nicht erinnert)"),
            due(Massnahme.objects.all(), days).count(),
            changelist(Massnahme, erinnerung="faellig"),
        ))
    if may_view(user, Massnahme) and may_view(user, Berichtsrunde):
        tasks.append(missing_round_reports())
    if may_view(user, Herausforderung):
        tasks.append(Task(
            _("Herausforderungen und Ideen warten auf Moderation (eingegangen)"),
            Herausforderung.objects.filter(moderation__state="eingegangen", hiding__isnull=True).count(),
            changelist(Herausforderung, stand="eingegangen"),
        ))
    if may_use_desk(user):
        coverage = SourceText.objects.coverage()
        # Each language's count opens the translation desk's queue of exactly those texts.
        tasks.append(Task(
            # A text missing in three languages counts three times: no one list has the sum's rows.
            _("Fehlende Übersetzungen"), sum(row["missing"] for row in coverage), None,
            [(row["name"], row["missing"], desk_queue(row["language"], stand=TranslationState.FEHLT)) for row in coverage],
        ))
        tasks.append(Task(
            _("Veraltete Übersetzungen (deutscher Text seither geändert)"), sum(row["outdated"] for row in coverage),
            None,
            [(row["name"], row["outdated"], desk_queue(row["language"], stand=TranslationState.VERALTET))
             for row in coverage],
        ))
    leichte_sprache = [model for model in (LeichteSeite, LeichteLeitlinie, Wort) if may_view(user, model)]
    if leichte_sprache:
        # A text is Leichte Sprache only once test readers checked it (DIN SPEC 33429); one count per kind.
        counts = [(model._meta.verbose_name_plural, model.objects.unchecked().count(),
                   changelist(model, pruefung="offen")) for model in leichte_sprache]
        tasks.append(Task(_("Texte in Leichter Sprache noch ohne Prüfung durch eine Prüfgruppe"),
                          sum(count for _name, count, _url in counts), None, counts))
    if may_view(user, Barrierenmeldung):
        tasks.append(Task(
            _("Offene Barrierenmeldungen"), Barrierenmeldung.objects.filter(handled=False).count(),
            changelist(Barrierenmeldung, handled__exact=0),
        ))
    if may_view(user, Invitation):
        tasks.append(Task(_("Einladungen offen (noch nicht angenommen)"), Invitation.objects.pending().count(),
                          changelist(Invitation, stand="offen")))
        tasks.append(Task(_("Einladungen abgelaufen (erneut senden?)"), Invitation.objects.expired().count(),
                          changelist(Invitation, stand="abgelaufen")))
    if may_view(user, OutboundMail):
        # The moment to the second in the address, so the list shows exactly the rows counted.
        since = timezone.localtime() - timedelta(days=FAILED_MAIL_DAYS)
        tasks.append(Task(
            ngettext("E-Mails nicht zugestellt (letzter %(days)d Tag)",
                     "E-Mails nicht zugestellt (letzte %(days)d Tage)", FAILED_MAIL_DAYS) % {"days": FAILED_MAIL_DAYS},
            OutboundMail.objects.filter(outcome=OutboundMail.Outcome.FEHLGESCHLAGEN, sent_at__gte=since).count(),
            changelist(OutboundMail, outcome__exact=OutboundMail.Outcome.FEHLGESCHLAGEN, sent_at__gte=since.isoformat()),
        ))
    return tasks


def missing_round_reports():
    """Reports open rounds still wait for, per round: one count query per open round (a few at a
    time, never one per measure); each round's row lists exactly its measures without a report."""
    details = []
    for runde in Berichtsrunde.objects.open():
        if runde.due_date:
            label = _("„%(title)s“, fällig am %(due)s") % {
                "title": runde.title, "due": formats.date_format(runde.due_date, "SHORT_DATE_FORMAT")}
        else:
            label = _("„%(title)s“") % {"title": runde.title}
        details.append((label, runde.missing_reports().count(), changelist(Massnahme, bericht_fehlt=runde.pk)))
    return Task(_("Fehlende Berichte in offenen Berichtsrunden"), sum(count for _label, count, _url in details),
                None, details)

"""Reminding partner editors: of measures whose status has not been updated for a while, and of
the reports an open reporting round still waits for."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.base_url import base_url
from core.mail import send
from netzwerk.models import EditorProfile, PartnerMembership

from .models import Berichtsrunde, Reminder

# A missing report for a round is reminded at most once in this many days.
ROUND_REMINDER_DAYS = 7


def due(measures, days, now=None):
    """Of the stale `measures`, those without a reminder in the last `days` days."""
    now = now or timezone.now()
    return measures.stale(days, now=now).exclude(reminders__sent_at__gte=now - timedelta(days=days)).distinct()


def round_due(runde, days=ROUND_REMINDER_DAYS, now=None):
    """The measures `runde` still waits for, without a reminder for it in the last `days` days."""
    now = now or timezone.now()
    recent = Reminder.objects.filter(berichtsrunde=runde, sent_at__gte=now - timedelta(days=days))
    return runde.missing_reports().exclude(pk__in=recent.values("massnahme_id"))


def send_reminders(measures, days=None, by=None, now=None):
    """E-mail each editor of the responsible partners one reminder listing their due measures.

    Each recipient gets it in their own language; each measure is reminded at most once per
    period. Returns (measures reminded, e-mails sent).
    """
    days = days or settings.REMINDER_STALE_DAYS
    now = now or timezone.now()
    return _remind(list(due(measures, days, now).prefetch_related("partner")), "reminder", {"days": days}, by, now)


def send_round_reminders(runde, by=None, now=None, days=ROUND_REMINDER_DAYS):
    """E-mail each editor of a partner whose measures `runde` still waits for (in their language),
    naming the round and its due date; a measure is reminded at most once in `days` days.
    Returns (measures reminded, e-mails sent); a closed round reminds nobody."""
    if runde.is_closed:
        return 0, 0
    now = now or timezone.now()
    measures = list(round_due(runde, days, now).prefetch_related("partner").order_by("position", "pk"))
    return _remind(measures, "round_reminder", {"runde": runde}, by, now, berichtsrunde=runde)


def send_open_round_reminders(now=None):
    """Round reminders for every open round whose reports are due: (measures reminded, e-mails sent)."""
    reminded = mails = 0
    for runde in Berichtsrunde.objects.open():
        counts = send_round_reminders(runde, now=now)
        reminded, mails = reminded + counts[0], mails + counts[1]
    return reminded, mails


def _remind(measures, template, context, by, now, berichtsrunde=None):
    memberships = (
        PartnerMembership.objects.active_editors()
        .filter(partner__massnahmen__in=measures).select_related("user", "partner").distinct()
    )
    by_user, users = defaultdict(set), {}
    partner_measures = defaultdict(list)
    for massnahme in measures:
        for partner in massnahme.partner.all():
            partner_measures[partner.pk].append(massnahme)
    for membership in memberships:
        users[membership.user.pk] = membership.user
        by_user[membership.user.pk].update(m.pk for m in partner_measures[membership.partner_id])
    recipients = defaultdict(list)
    sent = 0
    with transaction.atomic():
        for user_pk, measure_pks in by_user.items():
            user = users[user_pk]
            listed = [m for m in measures if m.pk in measure_pks]
            with translation.override(EditorProfile.language_of(user)):
                mail = {**context, "user": user, "massnahmen": listed, "base_url": base_url()}
                subject = render_to_string(f"massnahmen/email/{template}_subject.txt", mail).strip()
                body = render_to_string(f"massnahmen/email/{template}.txt", mail)
            send("erinnerung", subject, body, [user.email])
            sent += 1
            for massnahme in listed:
                recipients[massnahme.pk].append(user.email)
        Reminder.objects.bulk_create(
            Reminder(massnahme=m, sent_at=now, recipients=", ".join(sorted(recipients[m.pk])), sent_by=by,
                     berichtsrunde=berichtsrunde)
            for m in measures if recipients[m.pk]
        )
    return sum(1 for m in measures if recipients[m.pk]), sent

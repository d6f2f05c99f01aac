"""Reminding partner editors of measures whose status has not been updated for a while."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.base_url import base_url
from core.mail import send
from netzwerk.models import EditorProfile, PartnerMembership

from .models import Reminder


def due(measures, days, now=None):
    """Of the stale `measures`, those without a reminder in the last `days` days."""
    now = now or timezone.now()
    return measures.stale(days, now=now).exclude(reminders__sent_at__gte=now - timedelta(days=days)).distinct()


def send_reminders(measures, days=None, by=None, now=None):
    """E-mail each editor of the responsible partners one reminder listing their due measures.

    Each recipient gets it in their own language; each measure is reminded at most once per
    period. Returns (measures reminded, e-mails sent).
    """
    days = days or settings.REMINDER_STALE_DAYS
    now = now or timezone.now()
    measures = list(due(measures, days, now).prefetch_related("partner"))
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
                context = {"user": user, "massnahmen": listed, "days": days, "base_url": base_url()}
                subject = render_to_string("massnahmen/email/reminder_subject.txt", context).strip()
                body = render_to_string("massnahmen/email/reminder.txt", context)
            send("erinnerung", subject, body, [user.email])
            sent += 1
            for massnahme in listed:
                recipients[massnahme.pk].append(user.email)
        Reminder.objects.bulk_create(
            Reminder(massnahme=m, sent_at=now, recipients=", ".join(sorted(recipients[m.pk])), sent_by=by)
            for m in measures if recipients[m.pk]
        )
    return sum(1 for m in measures if recipients[m.pk]), sent

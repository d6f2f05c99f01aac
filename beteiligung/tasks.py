"""The mails to followers, sent by a worker outside the request (Django's tasks API).

A change is committed → `notify_followers` is enqueued (on commit: a rolled-back change tells
nobody) → it enqueues one `send_follow_mail` per confirmed follower, so each follower gets one
mail and a refused mail is retried on its own. The backport runs each task once (django-tasks
0.12 and its database backend have no retries), so `send_follow_mail` retries itself: when the
mail server refuses, it enqueues itself again to run FOLLOW_MAIL_RETRY_SECONDS later (doubling
each time), FOLLOW_MAIL_ATTEMPTS times in all; then it fails and the task shows as failed in the
admin. Every attempt is a row of the mail log (core.mail). Task arguments are ids, never
addresses: the queue's table holds no personal data.
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from core.mail import send
from massnahmen.models import StatusChange

from .following import (
    CONFIRMATION, ENTRY_HIDDEN, ENTRY_STATE, MEASURE_STATUS, MESSAGES, end_follows_of_hidden, followers_of,
)
from .signals import entry_changed, entry_hidden


def retry_delay(attempt):
    """How long to wait after failed attempt number `attempt` (1, 2, …): 1, 2, 4, 8 … times the base."""
    return timedelta(seconds=settings.FOLLOW_MAIL_RETRY_SECONDS * 2 ** (attempt - 1))


@task()
def send_follow_mail(follow_id, message, subject_id=None, attempt=1):
    from .models import Follow

    follow = Follow.objects.filter(pk=follow_id).with_targets().first()
    if follow is None:
        return "ended"  # the follower stopped following (and the row is gone) meanwhile
    if message != CONFIRMATION and not follow.confirmed:
        return "unconfirmed"  # double opt-in: nothing but the confirmation before it
    mail = MESSAGES[message](follow, subject_id)
    if mail is None:
        return "nothing to tell"
    kind, subject, body = mail
    try:
        send(kind, subject, body, [follow.email])
    except Exception:  # the mail server refused or was unreachable; the mail log has the error
        if attempt >= settings.FOLLOW_MAIL_ATTEMPTS:
            raise
        send_follow_mail.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            follow_id, message, subject_id, attempt=attempt + 1)
        return f"retry {attempt + 1} scheduled"
    if message == ENTRY_HIDDEN:
        follow.delete()  # the author knows why; the address has served its purpose
    return "sent"


@task()
def notify_followers(message, subject_id):
    follow_ids = followers_of(message, subject_id)
    for follow_id in follow_ids:
        send_follow_mail.enqueue(follow_id, message, subject_id)
    if message == ENTRY_HIDDEN:
        end_follows_of_hidden(subject_id)
    return len(follow_ids)


def ask_to_follow(email, target, language, author=False):
    """Someone asks to follow `target`: the row, and the double opt-in mail once that is committed
    (Follow.request says when none is due: an address that already follows gets none)."""
    from .models import Follow

    follow, confirm = Follow.request(email, target, language, author=author)
    if confirm:
        transaction.on_commit(partial(send_follow_mail.enqueue, follow.pk, CONFIRMATION))
    return follow


@receiver(post_save, sender=StatusChange, dispatch_uid="beteiligung.tasks.status_changed")
def status_changed(sender, instance, created, raw=False, **kwargs):
    """A measure's status changed (Massnahme.change_status appends this row): tell its followers.

    States loaded from the source documents are history, not news, and tell nobody.
    """
    if created and not raw and not instance.from_source:
        transaction.on_commit(partial(notify_followers.enqueue, MEASURE_STATUS, instance.pk))


@receiver(entry_changed, dispatch_uid="beteiligung.tasks.entry_changed")
def entry_state_changed(sender, entry, change, **kwargs):
    """An entry's public state or answer changed (sent after commit): tell its followers."""
    notify_followers.enqueue(ENTRY_STATE, change.pk)


@receiver(entry_hidden, dispatch_uid="beteiligung.tasks.entry_hidden")
def entry_was_hidden(sender, entry, **kwargs):
    """An entry was hidden for breaking the rules (sent after commit): tell its author why."""
    notify_followers.enqueue(ENTRY_HIDDEN, entry.pk)

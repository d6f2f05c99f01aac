"""DSGVO: everything the portal stores about one e-mail address, to hand out (Art. 15/20) or erase (Art. 17).

Where an address can be (docs/datenschutz.md): follows, the mail log's recipients, barrier
reports' reply address, partner accounts, and django-axes' login records of a username that is
the address. Erasing deletes the follows and the login records, removes the address from the
mail log's rows (the row stays: staff still see that a mail went out, not to whom) and from the
barrier reports (the report stays, without a way to answer). Partner accounts are not erased
here: their names stand in the status history, which is a record (DESIGN.md); staff deactivate
or delete an account in the user admin, and the export shows it.
"""

from datetime import timedelta
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import OutboundMail
from integration_portal.models import Barrierenmeldung

from .models import Follow
from .models.following import normalize_address

ERASED = "[gelöscht]"
LOGIN_RECORDS = (AccessAttempt, AccessFailureLog, AccessLog)


def mail_log_rows(address):
    """Mail log rows with `address` among their recipients (exactly, not as part of another address)."""
    candidates = OutboundMail.objects.filter(recipients__icontains=address)
    return [row for row in candidates if address in recipients_of(row)]


def recipients_of(row):
    return [part.strip().lower() for part in row.recipients.split(",")]


def stamp(moment):
    return moment.isoformat() if moment else None


def personal_data(email):
    """Everything stored about `email`, as JSON-ready data (the export staff hand to the person)."""
    address = normalize_address(email)
    follows = Follow.objects.of_address(address).with_targets().order_by("created_at")
    return {
        "email": address,
        "follows": [
            {"massnahme": follow.massnahme_id, "herausforderung": follow.herausforderung_id,
             "title": follow.target_title(), "author": follow.is_author, "language": follow.language,
             "requested_at": stamp(follow.created_at), "confirmed_at": stamp(follow.confirmed_at)}
            for follow in follows
        ],
        "mail_log": [
            {"sent_at": stamp(row.sent_at), "kind": row.kind, "subject": row.subject, "outcome": row.outcome}
            for row in mail_log_rows(address)
        ],
        "barrier_reports": [
            {"created_at": stamp(report.created_at), "page": report.page_url, "description": report.description,
             "language": report.language}
            for report in Barrierenmeldung.objects.filter(email__iexact=address).order_by("created_at")
        ],
        "accounts": [
            {"username": user.username, "first_name": user.first_name, "last_name": user.last_name,
             "email": user.email, "date_joined": stamp(user.date_joined), "last_login": stamp(user.last_login),
             "is_active": user.is_active}
            for user in get_user_model().objects.filter(email__iexact=address).order_by("pk")
        ],
        "login_records": [
            {"kind": model._meta.model_name, "time": stamp(record.attempt_time), "ip_address": record.ip_address,
             "user_agent": record.user_agent, "path": record.path_info}
            for model in LOGIN_RECORDS
            for record in model.objects.filter(username__iexact=address).order_by("attempt_time")
        ],
    }


def erase(email):
    """Erase what `email` left (see the module's docstring); returns how many of each, for the log."""
    address = normalize_address(email)
    counts = {"follows": Follow.objects.of_address(address).delete()[0]}
    rows = mail_log_rows(address)
    for row in rows:
        row.recipients = ", ".join(ERASED if part == address else part for part in recipients_of(row))
    OutboundMail.objects.bulk_update(rows, ["recipients"])
    counts["mail_log"] = len(rows)
    counts["barrier_reports"] = Barrierenmeldung.objects.filter(email__iexact=address).update(email="")
    counts["login_records"] = sum(
        model.objects.filter(username__iexact=address).delete()[1].get(model._meta.label, 0) for model in LOGIN_RECORDS)
    counts["accounts_kept"] = get_user_model().objects.filter(email__iexact=address).count()
    return counts


def apply_retention(now=None):
    """Delete what is kept only for a while (docs/datenschutz.md); returns how many of each.

    - follow requests not confirmed within FOLLOW_CONFIRM_DAYS (7);
    - mail log rows (their recipients) older than MAIL_LOG_DAYS (180);
    - finished background tasks older than TASK_RESULT_DAYS (30);
    - django-axes' login records older than LOGIN_RECORD_DAYS (90);
    - barrier reports staff have marked as handled (with the reply address they may hold);
    - expired sessions (what `manage.py clearsessions` does).
    """
    now = now or timezone.now()
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()

    def before(days):
        return now - timedelta(days=days)

    login_cutoff = before(settings.LOGIN_RECORD_DAYS)
    return {
        "unconfirmed_follows": Follow.objects.expired(now).delete()[0],
        "mail_log": OutboundMail.objects.filter(sent_at__lt=before(settings.MAIL_LOG_DAYS)).delete()[0],
        "task_results": DBTaskResult.objects.finished().filter(
            finished_at__lt=before(settings.TASK_RESULT_DAYS)).delete()[0],
        "login_records": sum(
            model.objects.filter(attempt_time__lt=login_cutoff).delete()[1].get(model._meta.label, 0)
            for model in LOGIN_RECORDS),
        "barrier_reports": Barrierenmeldung.objects.filter(handled=True).delete()[0],
    }

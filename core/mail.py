"""Every e-mail the portal sends is recorded (OutboundMail): to whom, what kind, sent or failed.

EMAIL_BACKEND is LoggingBackend; it hands each message to the backend that really delivers
(PORTAL_EMAIL_BACKEND: SMTP, Django's file backend in development, the console) at once, as
before, and writes one log row per message. Queueing libraries (django-post-office,
django-mailer) log too, but move sending into a queue that a worker or cron job must empty:
a different way of delivering, not a record of it. django-email-log wraps the backend as this
does, but keeps every body (the one-time links of invitations and password resets, readable in
the admin), only an ok flag without the error, and no kind of mail.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from .models import OutboundMail

# The kind of mail travels with the message in this header; the backend removes it before delivery.
KIND_HEADER = "X-Portal-Kind"


def send(kind, subject, body, to, fail_silently=False):
    """Send one plain-text mail of `kind` (OutboundMail.Kind) to the addresses `to`."""
    message = EmailMessage(subject, body, None, list(to), headers={KIND_HEADER: kind})
    return message.send(fail_silently=fail_silently)


def tag(message, kind):
    """Mark a message built elsewhere (Django's password reset) with its kind."""
    message.extra_headers[KIND_HEADER] = kind
    return message


class LoggingBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.inner = get_connection(settings.PORTAL_EMAIL_BACKEND, fail_silently=False, **kwargs)

    def open(self):
        return self.inner.open()

    def close(self):
        self.inner.close()

    def send_messages(self, email_messages):
        email_messages = list(email_messages)
        if not email_messages:
            return 0
        kinds = [message.extra_headers.pop(KIND_HEADER, OutboundMail.Kind.SONSTIGE) for message in email_messages]
        try:
            opened = self.inner.open()
        except Exception as error:  # the server refused the connection: every message failed
            self.record(email_messages, kinds, error)
            if not self.fail_silently:
                raise
            return 0
        sent = 0
        try:
            for message, kind in zip(email_messages, kinds):
                try:
                    delivered = self.inner.send_messages([message])
                except Exception as error:
                    self.record([message], [kind], error)
                    if not self.fail_silently:
                        raise
                else:
                    # 0 without an error: the backend had nobody to deliver to.
                    self.record([message], [kind], None, failed=not delivered)
                    sent += delivered or 0
        finally:
            if opened:
                self.inner.close()
        return sent

    @staticmethod
    def record(email_messages, kinds, error, failed=None):
        OutboundMail.objects.bulk_create(
            OutboundMail(
                kind=kind if kind in OutboundMail.Kind.values else OutboundMail.Kind.SONSTIGE,
                recipients=", ".join(message.recipients()), subject=str(message.subject)[:300],
                outcome=(OutboundMail.Outcome.FEHLGESCHLAGEN if (failed if failed is not None else error)
                         else OutboundMail.Outcome.GESENDET),
                error="" if error is None else f"{type(error).__name__}: {error}",
            )
            for message, kind in zip(email_messages, kinds)
        )

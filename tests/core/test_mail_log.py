"""Every mail the portal sends is in the mail log: to whom, what kind, sent or failed."""

import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from core.models import OutboundMail
from integration_portal.models import Barrierenmeldung
from netzwerk.invitations import invite
from netzwerk.models import Netzwerkpartner

pytestmark = pytest.mark.django_db


def test_an_invitation_is_logged_and_delivered_unchanged(staff_user, django_capture_on_commit_callbacks):
    partner = Netzwerkpartner.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        invite("Neu@Example.org", partner, "uk", invited_by=staff_user)
    [message] = mail.outbox
    assert message.to == ["neu@example.org"]
    assert "X-Portal-Kind" not in message.extra_headers  # the kind is the log's, not the recipient's
    entry = OutboundMail.objects.get()
    assert (entry.kind, entry.recipients, entry.subject, entry.outcome, entry.error) == (
        "einladung", "neu@example.org", message.subject, "gesendet", "")


def test_a_failed_mail_is_logged_with_the_error(staff_user, settings, django_capture_on_commit_callbacks):
    settings.PORTAL_EMAIL_BACKEND = "tests.core.test_mail_log.RefusingBackend"
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        with django_capture_on_commit_callbacks(execute=True):
            invite("weg@example.org", Netzwerkpartner.objects.first(), "de", invited_by=staff_user)
    entry = OutboundMail.objects.get()
    assert (entry.kind, entry.recipients, entry.outcome) == ("einladung", "weg@example.org", "fehlgeschlagen")
    assert entry.error.startswith("SMTPRecipientsRefused: ")


def test_password_reset_and_barrier_report_are_logged(client, settings, django_user_model):
    settings.ADMINS = [("Stabsstelle", "stab@example.org")]
    django_user_model.objects.create_user("partnerin", email="partnerin@example.org", password="Geheim-Passwort-1")
    client.post(reverse("netzwerk:password_reset"), {"email": "partnerin@example.org"})
    client.post(reverse("portal:barrierefreiheit"), {"description": "Kontrast zu schwach", "page_url": "/de/"})
    assert Barrierenmeldung.objects.count() == 1
    assert list(OutboundMail.objects.order_by("pk").values_list("kind", "recipients", "outcome")) == [
        ("passwort", "partnerin@example.org", "gesendet"), ("barrierenmeldung", "stab@example.org", "gesendet")]
    assert [m.to for m in mail.outbox] == [["partnerin@example.org"], ["stab@example.org"]]


def test_staff_read_the_log_and_cannot_change_it(staff_client):
    OutboundMail.objects.create(kind="erinnerung", recipients="team@example.org", subject="Bitte aktualisieren",
                                outcome="fehlgeschlagen", error="SMTPServerDisconnected: weg")
    response = staff_client.get(reverse("admin:core_outboundmail_changelist"), {"q": "team@example.org"})
    content = response.content.decode()
    assert "Bitte aktualisieren" in content and "SMTPServerDisconnected: weg" in content
    assert "fehlgeschlagen" in content
    assert staff_client.get(reverse("admin:core_outboundmail_add")).status_code == 403


class RefusingBackend:
    """A mail server that refuses every recipient."""

    def __init__(self, **kwargs):
        pass

    def open(self):
        return False

    def close(self):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"no such user")})


def test_without_a_mail_server_mails_are_files(settings, tmp_path):
    """What `make run` sets up: each mail a file in EMAIL_FILE_PATH, and a row of the log."""
    settings.PORTAL_EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    from core.mail import send

    send("erinnerung", "Bitte aktualisieren", "Ihre Maßnahmen …", ["team@example.org"])
    [written] = (tmp_path / "mail").iterdir()
    text = written.read_text()
    assert "Subject: Bitte aktualisieren" in text and "To: team@example.org" in text
    assert "X-Portal-Kind" not in text
    assert OutboundMail.objects.get().kind == "erinnerung"

"""DSGVO: what is kept only for a while is deleted on time, and staff can hand out or erase
everything about one address, logged without keeping it."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessLog
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from beteiligung.models import Follow
from beteiligung.privacy import ERASED, apply_retention
from core.models import OutboundMail
from integration_portal.models import Barrierenmeldung
from massnahmen.models import Massnahme

pytestmark = pytest.mark.django_db

ADDRESS = "person@example.org"


def measures():
    return list(Massnahme.objects.public().order_by("pk")[:3])


def requested(target, email=ADDRESS, days_ago=0, confirm=False):
    follow, _send = Follow.request(email, target, "de")
    Follow.objects.filter(pk=follow.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    if confirm:
        follow.confirm()
    return follow


def test_unconfirmed_requests_are_deleted_after_seven_days_confirmed_ones_kept():
    first, second, third = measures()
    stale = requested(first, days_ago=8)
    fresh = requested(second, days_ago=6)
    kept = requested(third, days_ago=400, confirm=True)
    now = timezone.now()
    assert apply_retention(now)["unconfirmed_follows"] == 1
    assert set(Follow.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}
    # A day and a minute later the second one has waited its seven days too.
    assert apply_retention(now + timedelta(days=1, minutes=1))["unconfirmed_follows"] == 1
    assert list(Follow.objects.values_list("pk", flat=True)) == [kept.pk] and stale.pk != kept.pk


def test_the_command_deletes_old_mail_log_rows_task_results_and_login_records_with_time_moved_forward(monkeypatch):
    from beteiligung.tasks import send_follow_mail

    OutboundMail.objects.create(kind="benachrichtigung", recipients=ADDRESS, subject="alt", outcome="gesendet")
    requested(measures()[0])
    done = send_follow_mail.enqueue(1, "bestaetigung")
    DBTaskResult.objects.filter(pk=done.id).update(status="SUCCESSFUL", finished_at=timezone.now())
    AccessLog.objects.create(username="partnerin", ip_address="198.51.100.7", user_agent="x", http_accept="*",
                             path_info="/de/partner/konto/anmelden/")
    Barrierenmeldung.objects.create(description="erledigt", email=ADDRESS, language="de", handled=True)
    Barrierenmeldung.objects.create(description="offen", email=ADDRESS, language="de")
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "mail_log: 0" in out.getvalue() and OutboundMail.objects.exists()
    assert list(Barrierenmeldung.objects.values_list("description", flat=True)) == ["offen"]  # handled: deleted
    later = timezone.now() + timedelta(days=181)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert out.getvalue().strip() == "unconfirmed_follows: 1, mail_log: 1, task_results: 1, login_records: 1, barrier_reports: 0"
    assert not (OutboundMail.objects.exists() or Follow.objects.exists() or AccessLog.objects.exists())
    assert not DBTaskResult.objects.filter(pk=done.id).exists()


@pytest.fixture
def stored_about_the_address(django_user_model):
    first, second, _third = measures()
    requested(first, confirm=True)
    requested(second, email="Person@Example.org ")  # the same mailbox, spelled otherwise
    requested(second, email="someone-else@example.org")
    OutboundMail.objects.create(kind="benachrichtigung", recipients=ADDRESS, subject="Neuer Stand: A", outcome="gesendet")
    OutboundMail.objects.create(kind="sonstige", recipients=f"admin@example.org, {ADDRESS}", subject="B", outcome="gesendet")
    OutboundMail.objects.create(kind="sonstige", recipients=f"x{ADDRESS}", subject="not this one", outcome="gesendet")
    Barrierenmeldung.objects.create(description="Kontrast zu schwach", email=ADDRESS, language="de")
    django_user_model.objects.create_user("partnerin", email=ADDRESS)
    AccessLog.objects.create(username=ADDRESS, ip_address="198.51.100.7", user_agent="x", http_accept="*",
                             path_info="/de/partner/konto/anmelden/")


def privacy_url():
    return reverse("admin:beteiligung_follow_privacy")


def test_staff_export_everything_about_one_address_as_json(staff_client, stored_about_the_address):
    response = staff_client.post(privacy_url(), {"email": "PERSON@example.org", "export": "1"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["email"] == ADDRESS
    assert len(data["follows"]) == 2 and sorted(row["subject"] for row in data["mail_log"]) == ["B", "Neuer Stand: A"]
    assert data["barrier_reports"][0]["description"] == "Kontrast zu schwach"
    assert data["accounts"][0]["username"] == "partnerin" and len(data["login_records"]) == 1
    entry = LogEntry.objects.get()
    assert ADDRESS not in entry.change_message and ADDRESS not in entry.object_repr


def test_staff_erase_everything_about_one_address_and_the_log_keeps_no_address(staff_client, stored_about_the_address):
    preview = staff_client.post(privacy_url(), {"email": ADDRESS, "erase": "1"})
    assert "2 Folgen, 2 Einträge im E-Mail-Protokoll" in preview.content.decode()
    assert Follow.objects.of_address(ADDRESS).count() == 2  # nothing erased before the confirmation
    response = staff_client.post(privacy_url(), {"email": ADDRESS, "erase_confirmed": "1"})
    assert response.status_code == 302
    assert not Follow.objects.of_address(ADDRESS).exists()
    assert Follow.objects.filter(email="someone-else@example.org").exists()
    assert sorted(OutboundMail.objects.values_list("recipients", flat=True)) == [
        ERASED, f"admin@example.org, {ERASED}", f"x{ADDRESS}"]
    assert Barrierenmeldung.objects.get().email == "" and not AccessLog.objects.filter(username=ADDRESS).exists()
    entry = LogEntry.objects.get()
    assert "2 Folgen" in entry.change_message and ADDRESS not in entry.change_message
    assert not LogEntry.objects.filter(change_message__icontains="person@").exists()


def test_exporting_needs_the_view_and_erasing_the_delete_permission(client, django_user_model, stored_about_the_address):
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user("leser", password="x", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_follow"))
    client.force_login(reader)
    assert client.post(privacy_url(), {"email": ADDRESS, "export": "1"}).status_code == 200
    assert client.post(privacy_url(), {"email": ADDRESS, "erase_confirmed": "1"}).status_code == 403
    assert Follow.objects.of_address(ADDRESS).count() == 2


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_privacy_page_states_the_retention_rules_the_portal_applies(client, settings, language):
    from django.utils import translation

    with translation.override(language):
        html = client.get(reverse("portal:datenschutz")).content.decode()
    if language == "de":
        for promise in (f"löschen wir die Adresse nach {settings.FOLLOW_CONFIRM_DAYS} Tagen",
                        f"nach {settings.MAIL_LOG_DAYS} Tagen gelöscht", f"nach {settings.LOGIN_RECORD_DAYS} Tagen gelöscht",
                        "Art. 6 Abs. 1 Buchst. a DSGVO", "dann löschen wir die Adresse sofort"):
            assert promise in html, promise
    else:  # translated, with the same figures
        assert "المتابعة عبر البريد الإلكتروني" in html
        assert all(str(days) in html for days in (settings.FOLLOW_CONFIRM_DAYS, settings.MAIL_LOG_DAYS,
                                                   settings.LOGIN_RECORD_DAYS))

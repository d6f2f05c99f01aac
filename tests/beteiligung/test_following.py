"""Following a measure by e-mail: double opt-in, one mail per confirmed follower and change, in the
follower's language, through the task queue, and a link in every mail to see and end what one follows."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from beteiligung import spam
from beteiligung.models import Follow
from core.models import OutboundMail
from massnahmen.models import Massnahme, Status

pytestmark = pytest.mark.django_db

ADDRESS = "leser@example.org"


def measure():
    return Massnahme.objects.public().order_by("pk").first()


def follow_url(massnahme, language="de"):
    with translation.override(language):
        return reverse("following:follow-massnahme", args=[massnahme.pk])


def ask(client, massnahme, email=ADDRESS, language="de", **extra):
    return client.post(follow_url(massnahme, language), {"email": email, "website": "", **extra})


def confirmed_follow(massnahme, email, language):
    follow, _send = Follow.request(email, massnahme, language)
    follow.confirm()
    return follow


def new_status(massnahme):
    return next(status for status in Status.values if status != massnahme.status)


def link(body, name):
    """The first portal address in a mail body whose path contains `name` (confirm, manage)."""
    return next(url for url in re.findall(r"https?://\S+", body) if f"/folgen/{name}/" in url)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_the_measure_page_has_the_form_and_stays_cacheable(client):
    massnahme = measure()
    response = client.get(massnahme.get_absolute_url())
    html = response.content.decode()
    assert f'action="{follow_url(massnahme)}"' in html
    assert "Sonst schicken wir Ihnen nichts" in html and "nach 7 Tagen" in html  # what it means, what is stored
    assert "public" in response["Cache-Control"] and not response.cookies
    assert "csrfmiddlewaretoken" not in html


def test_follow_needs_confirmation_and_the_mail_goes_through_the_queue(
        client, run_tasks, queued, django_capture_on_commit_callbacks):
    massnahme = measure()
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, massnahme, language="uk")
    assert response.status_code == 302 and response["Location"] == "/uk/folgen/angefragt/"
    follow = Follow.objects.get(email=ADDRESS)
    assert follow.language == "uk" and not follow.confirmed
    # Not sent in the request: waiting in the queue until a worker runs it.
    assert mail.outbox == [] and queued() == ["beteiligung.tasks.send_follow_mail"]
    # Before confirmation a status change tells this address nothing.
    with django_capture_on_commit_callbacks(execute=True):
        massnahme.change_status(new_status(massnahme), note="Neu")
    run_tasks()
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == [ADDRESS]
    with translation.override("uk"):
        assert translation.gettext("Guten Tag,") in confirmation.body
        assert translation.gettext("Guten Tag,") != "Guten Tag,"
    assert OutboundMail.objects.filter(kind="folgen_bestaetigen", recipients=ADDRESS, outcome="gesendet").exists()
    assert "/uk/folgen/verwalten/" in confirmation.body
    # Opening the link shows a button and confirms nothing (mail scanners open links too).
    confirm_path = path_of(link(confirmation.body, "bestaetigen"))
    page = client.get(confirm_path)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    follow.refresh_from_db()
    assert not follow.confirmed
    answer = client.post(confirm_path)
    follow.refresh_from_db()
    assert follow.confirmed and answer["Location"] == follow.manage_url()


def test_a_confirmation_link_expires_after_seven_days(client):
    follow, _send = Follow.request(ADDRESS, measure(), "de")
    token_path = follow.confirmation_url()
    later = timezone.now() + timedelta(days=7, minutes=1)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.post(token_path)
    assert response.status_code == 410 and "gilt nicht mehr" in response.content.decode()
    follow.refresh_from_db()
    assert not follow.confirmed
    assert client.get(token_path.replace("/bestaetigen/", "/bestaetigen/x")).status_code == 410  # forged


def test_a_status_change_mails_each_confirmed_follower_once_in_their_language(
        run_tasks, queued, django_capture_on_commit_callbacks):
    massnahme, other = Massnahme.objects.public().order_by("pk")[:2]
    confirmed_follow(massnahme, "de@example.org", "de")
    confirmed_follow(massnahme, "ar@example.org", "ar")
    Follow.request("unbestaetigt@example.org", massnahme, "en")
    confirmed_follow(other, "anderes@example.org", "de")
    with django_capture_on_commit_callbacks(execute=True):
        massnahme.change_status(new_status(massnahme), note="Die Kurse beginnen im März.")
    assert queued() == ["beteiligung.tasks.notify_followers"] and mail.outbox == []
    run_tasks()
    assert sorted(message.to[0] for message in mail.outbox) == ["ar@example.org", "de@example.org"]
    assert all(len(message.to) == 1 for message in mail.outbox)
    by_address = {message.to[0]: message for message in mail.outbox}
    german, arabic = by_address["de@example.org"], by_address["ar@example.org"]
    assert massnahme.title_de in german.subject and "Die Kurse beginnen im März." in german.body
    with translation.override("ar"):
        assert translation.gettext("eine Maßnahme, der Sie folgen, hat einen neuen Stand:") in arabic.body
        assert str(massnahme.get_status_display()) in arabic.body
    assert "/ar/folgen/verwalten/" in arabic.body and "/de/folgen/verwalten/" in german.body
    assert OutboundMail.objects.filter(kind="benachrichtigung").count() == 2
    assert run_tasks() == []  # nothing left: one mail each, no second
    assert len(mail.outbox) == 2


def test_states_loaded_from_sources_and_unpublished_measures_tell_nobody(run_tasks, django_capture_on_commit_callbacks):
    import datetime

    from core.periods import SourceDate

    massnahme = measure()
    confirmed_follow(massnahme, ADDRESS, "de")
    with django_capture_on_commit_callbacks(execute=True):
        massnahme.change_status(new_status(massnahme), as_of=SourceDate(datetime.date(2099, 1, 1), "year"))
    run_tasks()
    assert mail.outbox == []
    from massnahmen.models import Freigabe

    Massnahme.objects.filter(pk=massnahme.pk).update(freigabe=Freigabe.ZURUECKGEGEBEN)
    massnahme.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        massnahme.change_status(new_status(massnahme))
    assert [result.return_value for result in run_tasks()] == [1, "nothing to tell"]
    assert mail.outbox == []


def test_unsubscribe_from_the_mail_link_deletes_the_address(client, run_tasks, django_capture_on_commit_callbacks):
    massnahme, other = Massnahme.objects.public().order_by("pk")[:2]
    confirmed_follow(massnahme, ADDRESS, "en")
    confirmed_follow(other, ADDRESS, "en")
    with django_capture_on_commit_callbacks(execute=True):
        massnahme.change_status(new_status(massnahme))
    run_tasks()
    manage_path = path_of(link(mail.outbox[0].body, "verwalten"))
    assert ADDRESS not in manage_path  # the link names no address
    page = client.get(manage_path)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert massnahme.title_en in page.content.decode() and other.title_en in page.content.decode()
    one = Follow.objects.get(massnahme=massnahme)
    client.post(manage_path, {"end": one.pk})
    assert list(Follow.objects.values_list("massnahme", flat=True)) == [other.pk]
    client.post(manage_path, {"end": "all"})
    assert not Follow.objects.filter(email=ADDRESS).exists()  # the row is gone, not flagged
    assert "nichts (mehr)" in client.get(manage_path.replace("/en/", "/de/")).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        massnahme.change_status(new_status(massnahme))
    run_tasks()
    assert mail.outbox == []


def test_asking_again_sends_no_mail_once_confirmed_and_says_the_same(client, run_tasks, django_capture_on_commit_callbacks):
    massnahme = measure()
    confirmed_follow(massnahme, ADDRESS, "de")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, massnahme, email="  Leser@Example.org ")
    assert response["Location"] == "/de/folgen/angefragt/"
    run_tasks()
    assert mail.outbox == [] and Follow.objects.count() == 1


class FlakyBackend(EmailBackend):
    """The mail server refuses the first `failures` messages, then accepts."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(messages)


@override_settings(PORTAL_EMAIL_BACKEND="tests.beteiligung.test_following.FlakyBackend",
                   FOLLOW_MAIL_ATTEMPTS=3, FOLLOW_MAIL_RETRY_SECONDS=60)
def test_a_refused_mail_is_retried_later_with_growing_waits_then_given_up(run_tasks):
    from beteiligung.tasks import send_follow_mail
    from django_tasks_db.models import DBTaskResult

    follow, _send = Follow.request(ADDRESS, measure(), "de")
    FlakyBackend.failures = 1
    send_follow_mail.enqueue(follow.pk, "bestaetigung")
    start = timezone.now()
    [first] = run_tasks()
    assert first.return_value == "retry 2 scheduled" and mail.outbox == []
    assert OutboundMail.objects.get().outcome == "fehlgeschlagen"  # the log shows the refusal
    retry = DBTaskResult.objects.get(status="READY")
    assert timedelta(seconds=59) < retry.run_after - start < timedelta(seconds=70)
    assert run_tasks() == []  # not before its time
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(seconds=61)):
        [second] = run_tasks()
    assert second.return_value == "sent" and len(mail.outbox) == 1
    # A server that keeps refusing: the waits double, and after the last attempt the task fails.
    FlakyBackend.failures = 10
    send_follow_mail.enqueue(follow.pk, "bestaetigung")
    moment = timezone.now()
    waits = []
    for _attempt in range(3):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            [result] = run_tasks()
        later = DBTaskResult.objects.filter(status="READY").first()
        if later:
            waits.append(round((later.run_after - moment).total_seconds()))
            moment = later.run_after + timedelta(seconds=1)
    assert waits == [60, 120] and result.status == "FAILED"
    assert "ConnectionRefusedError" in result.exception_class_path
    FlakyBackend.failures = 0


@override_settings(RATELIMITS={"follow": "2/h"})
def test_follow_requests_are_limited_per_client_and_refused_in_the_readers_language(client):
    massnahme = measure()
    answers = [ask(client, massnahme, email=f"n{i}@example.org", language="tr", REMOTE_ADDR="198.51.100.7")
               for i in range(3)]
    assert [answer.status_code for answer in answers] == [302, 302, 429]
    with translation.override("tr"):
        assert translation.gettext("Zu viele Anfragen") in answers[2].content.decode()
    assert Follow.objects.count() == 2


def test_the_honeypot_refuses_and_explains_in_the_readers_language(client):
    response = ask(client, measure(), language="ru", website="http://spam.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'lang="ru"' in html
    with translation.override("ru"):
        explanation = str(spam.HONEYPOT)
    with translation.override("de"):
        assert explanation != str(spam.HONEYPOT)  # translated
    assert explanation in html and not Follow.objects.exists()


def test_a_typo_shows_the_form_again_with_the_error(client):
    response = ask(client, measure(), email="kein-at-zeichen")
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert not Follow.objects.exists()


def test_proposals_cannot_be_followed(client):
    from massnahmen.models import Freigabe

    proposal = measure()
    Massnahme.objects.filter(pk=proposal.pk).update(freigabe=Freigabe.VORGESCHLAGEN)
    assert ask(client, proposal).status_code == 404


def test_the_manage_page_costs_the_same_queries_for_two_or_twenty_follows(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    measures = list(Massnahme.objects.public().order_by("pk")[:20])

    def queries_for(count):
        Follow.objects.all().delete()
        for massnahme in measures[:count]:
            confirmed_follow(massnahme, ADDRESS, "de")
        url = Follow.objects.first().manage_url()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).content.decode().count("Beenden") >= count
        return len(captured)

    queries_for(2)  # the first request of a process reads what later ones find in memory
    assert queries_for(2) == queries_for(20) == 1  # the follows with their targets, in one query

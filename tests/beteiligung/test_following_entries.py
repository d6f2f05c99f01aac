"""Following citizens' entries: the author's address from the submission form, followers from the
entry's page; a mail for each public state change or answer, the author told when it is hidden."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from beteiligung.models import Follow, Hiding, HidingReason, State, submit
from handlungsfelder.models import Handlungsfeld
from massnahmen.models import Herausforderung

pytestmark = pytest.mark.django_db


def entry(language="ar"):
    return submit(title="مكان للقاء", text="نحتاج إلى مكان للقاء في الحي.", kind=Herausforderung.Kind.IDEE,
                  handlungsfeld=Handlungsfeld.objects.first(), language=language)


def confirmed(email, target, language, author=False):
    follow, _send = Follow.request(email, target, language, author=author)
    follow.confirm()
    return follow


def submit_with_email(client, language, email, **spam_passed):
    from beteiligung import spam

    challenge = spam.new_challenge()
    with translation.override(language):
        url = reverse("beteiligung:submit")
    data = {"kind": "idee", "handlungsfeld": Handlungsfeld.objects.first().pk, "title": "Sprachcafé im Stadtteil",
            "text": "Ein Treffpunkt zum Deutschüben.", "email": email, "website": "", "challenge": challenge,
            "nonce": spam.solve(challenge, spam.pow_bits())}
    return client.post(url, data)


def test_the_address_on_the_submission_form_becomes_the_authors_follow_with_double_opt_in(
        client, run_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_with_email(client, "uk", "autorin@example.org")
    assert response.status_code == 302
    new = Herausforderung.objects.order_by("-pk").first()
    follow = Follow.objects.get(herausforderung=new)
    assert follow.is_author and follow.language == "uk" and not follow.confirmed
    assert "autorin" not in new.text and "autorin" not in new.title_as_written  # not stored with the entry
    run_tasks()
    [confirmation] = mail.outbox
    with translation.override("uk"):
        assert translation.gettext("Sie haben im Integrationsportal Magdeburg einen Beitrag eingebracht und möchten "
                                   "per E-Mail erfahren, wie es damit weitergeht:") in confirmation.body
    assert f"/beteiligung/{new.pk}/" not in confirmation.body  # not public yet: no link to a page that is not there


def test_without_an_address_nothing_is_stored_or_sent(client, run_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert submit_with_email(client, "de", "").status_code == 302
    run_tasks()
    assert not Follow.objects.exists() and mail.outbox == []


def test_each_public_state_change_or_answer_mails_each_confirmed_follower_once(
        run_tasks, queued, django_capture_on_commit_callbacks):
    idea = entry()
    confirmed("autor@example.org", idea, "ar", author=True)
    Follow.request("unbestaetigt@example.org", idea, "de")
    with django_capture_on_commit_callbacks(execute=True):
        idea.moderation.change_state(State.IN_PRUEFUNG, public_answer="Wir prüfen das mit dem Stadtteilbüro.")
    assert queued() == ["beteiligung.tasks.notify_followers"]
    run_tasks()
    [first] = mail.outbox
    assert first.to == ["autor@example.org"]
    assert "Wir prüfen das mit dem Stadtteilbüro." in first.body and "مكان للقاء" in first.subject
    with translation.override("ar"):
        assert str(State.IN_PRUEFUNG.label) in first.body
        assert translation.gettext("Ihr Beitrag im Integrationsportal hat einen neuen Stand:") in first.body
    assert f"/ar/beteiligung/{idea.pk}/" in first.body and "/ar/folgen/verwalten/" in first.body
    # Now public: others can follow it from its page, and the next answer reaches both, once each.
    confirmed("nachbar@example.org", idea, "de")
    with django_capture_on_commit_callbacks(execute=True):
        idea.moderation.change_state(State.NICHT_AUFGENOMMEN, public_answer="Dafür gibt es schon ein Angebot.")
    run_tasks()
    assert sorted(message.to[0] for message in mail.outbox[1:]) == ["autor@example.org", "nachbar@example.org"]
    assert run_tasks() == []


def test_a_public_entry_can_be_followed_from_its_page(client, django_capture_on_commit_callbacks, run_tasks):
    idea = entry()
    idea.moderation.change_state(State.IN_PRUEFUNG)
    page = client.get(idea.get_absolute_url())
    with translation.override("de"):
        action = reverse("following:follow-entry", args=[idea.pk])
    assert f'action="{action}"' in page.content.decode() and "public" in page["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(action, {"email": "leserin@example.org", "website": ""}).status_code == 302
    run_tasks()
    assert Follow.objects.get(herausforderung=idea, is_author=False).language == "de"
    assert len(mail.outbox) == 1


def test_entries_not_public_cannot_be_followed_from_outside(client):
    idea = entry()  # "eingegangen": staff have not looked at it
    with translation.override("de"):
        action = reverse("following:follow-entry", args=[idea.pk])
    assert client.post(action, {"email": "x@example.org", "website": ""}).status_code == 404
    assert not Follow.objects.exists()


def test_a_hidden_entry_tells_its_author_why_and_its_addresses_are_deleted(
        run_tasks, django_capture_on_commit_callbacks):
    idea = entry()
    idea.moderation.change_state(State.IN_PRUEFUNG)
    confirmed("autor@example.org", idea, "de", author=True)
    confirmed("nachbar@example.org", idea, "en")
    with django_capture_on_commit_callbacks(execute=True):
        Hiding.hide(idea, HidingReason.WERBUNG, explanation="Der Text wirbt für ein Geschäft.")
    run_tasks()
    [notice] = mail.outbox
    assert notice.to == ["autor@example.org"]
    assert str(HidingReason.WERBUNG.label) in notice.body and "Der Text wirbt für ein Geschäft." in notice.body
    assert not Follow.objects.filter(herausforderung=idea).exists()  # nothing more to tell anyone

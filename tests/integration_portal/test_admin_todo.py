"""The admin start page says what needs doing ("Was ansteht"): counts that agree with independent
queries, each linking to the admin list of exactly those rows, in a constant number of queries.
The index lists the models in sections by task; "Technik" only for superusers."""

import datetime
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import OutboundMail, SourceText, TranslationRecord
from integration_portal.models import Barrierenmeldung
from handlungsfelder.models import Handlungsfeld
from leichte_sprache.models import LeichteLeitlinie, Seite as LeichteSeite, Wort
from massnahmen.models import ACTIVE_STATUSES, Berichtsrunde, Freigabe, Massnahme, Reminder, StatusChange
from netzwerk.models import Invitation, Netzwerkpartner
from tests.conftest import PortalClient
from beteiligung.models import Hiding
from massnahmen.models import Herausforderung
from tests.factories import make_entries, make_measures

pytestmark = pytest.mark.django_db


def some_of_everything(days):
    """Proposals, stale measures (one reminded), barrier reports, invitations, translation gaps."""
    now = timezone.now()
    measures = list(Massnahme.objects.order_by("pk"))
    Massnahme.objects.filter(pk__in=[m.pk for m in measures[:2]]).update(freigabe=Freigabe.VORGESCHLAGEN)
    active = [m for m in measures[2:] if m.status in ACTIVE_STATUSES][:4]
    Massnahme.objects.filter(pk__in=[m.pk for m in active]).update(status_changed_at=now - timedelta(days=days + 1))
    Reminder.objects.create(massnahme=active[0], recipients="team@example.org", sent_at=now - timedelta(days=2))
    Barrierenmeldung.objects.create(description="a", language="de")
    Barrierenmeldung.objects.create(description="b", language="ar")
    Barrierenmeldung.objects.create(description="c", language="de", handled=True)
    partners = list(Netzwerkpartner.objects.all()[:2])
    for i, (created, accepted) in enumerate([(now, None), (now - timedelta(days=30), None), (now, now)]):
        user = User.objects.create(username=f"eingeladen-{i}", email=f"eingeladen-{i}@example.org")
        Invitation.objects.create(email=user.email, partner=partners[i % 2], user=user, created_at=created,
                                  accepted_at=accepted)
    waiting = make_entries(3, prefix="wartet", state="eingegangen")
    Hiding.objects.create(entry=waiting[0], reason="werbung")  # hidden: nothing to moderate
    make_entries(2, prefix="beantwortet", state="in_pruefung")
    checked = LeichteSeite.objects.first()
    checked.pruefgruppe, checked.checked_on = "Prüfgruppe", now
    checked.save()
    OutboundMail.objects.create(kind="einladung", recipients="a@example.org", subject="x", outcome="fehlgeschlagen")
    OutboundMail.objects.create(kind="einladung", recipients="b@example.org", subject="x", outcome="gesendet")
    OutboundMail.objects.create(kind="erinnerung", recipients="c@example.org", subject="x", outcome="fehlgeschlagen",
                                sent_at=now - timedelta(days=31))
    # Two open rounds: one over everything with one report in, one over field 6; and a closed one (the
    # first round, loaded), which waits for nothing.
    today = timezone.localdate()
    translated = {f"title_{code}": "…" for code in ("en", "ar", "uk", "ru", "fa", "tr")}  # no translation gaps
    alle = Berichtsrunde.objects.create(title_de="Alle", slug="alle", period_start=today - timedelta(days=30),
                                        period_end=today, due_date=today + timedelta(days=7), **translated)
    feld_6 = Berichtsrunde.objects.create(title_de="Feld 6", slug="feld-6", period_start=today - timedelta(days=30),
                                          period_end=today, **translated)
    feld_6.handlungsfelder.set([Handlungsfeld.objects.get(number=6)])
    reported = Massnahme.objects.get(external_id="zw2020-18")
    reported.change_status(reported.status, note="Bericht", berichtsrunde=alle)
    source = SourceText.objects.filter(translations__isnull=False).first()
    SourceText.objects.filter(pk=source.pk).update(source_hash="0" * 32)  # German text changed since
    TranslationRecord.objects.filter(language="fa").exclude(source=source).first().delete()  # one missing


def independent_counts(days):
    now = timezone.now()
    measures = list(Massnahme.objects.prefetch_related("partner", "reminders"))
    stale = [m for m in measures if m.freigabe == Freigabe.FREIGEGEBEN and m.status in ACTIVE_STATUSES
             and m.status_changed_at < now - timedelta(days=days)]
    per_partner = {}
    for m in stale:
        for partner in m.partner.all():
            per_partner[partner.name] = per_partner.get(partner.name, 0) + 1
    sources = list(SourceText.objects.prefetch_related("translations"))
    missing, outdated = {}, {}
    for code in ("en", "ar", "uk", "ru", "fa", "tr"):
        missing[code] = sum(1 for s in sources if code not in {r.language for r in s.translations.all()})
        outdated[code] = sum(1 for s in sources for r in s.translations.all()
                             if r.language == code and r.source_hash != s.source_hash)
    invitations = list(Invitation.objects.all())
    tagged = {(row.berichtsrunde_id, row.massnahme_id) for row in StatusChange.objects.exclude(berichtsrunde=None)}
    rounds = {}
    for runde in Berichtsrunde.objects.filter(state="offen").prefetch_related("handlungsfelder"):
        fields = {feld.pk for feld in runde.handlungsfelder.all()}
        covered = [m for m in Massnahme.objects.filter(freigabe=Freigabe.FREIGEGEBEN).prefetch_related("handlungsfelder")
                   if not fields or fields & {feld.pk for feld in m.handlungsfelder.all()}]
        rounds[runde.title] = sum(1 for m in covered if (runde.pk, m.pk) not in tagged)
    unchecked = {model._meta.verbose_name_plural: sum(1 for text in model.objects.all() if not text.is_checked)
                 for model in (LeichteSeite, LeichteLeitlinie, Wort)}
    return {
        "leichte_sprache": unchecked,
        "rounds": rounds,
        "proposals": sum(1 for m in measures if m.freigabe == Freigabe.VORGESCHLAGEN),
        "stale": len(stale), "per_partner": per_partner,
        "due": sum(1 for m in stale if not any(r.sent_at >= now - timedelta(days=days) for r in m.reminders.all())),
        "missing": missing, "outdated": outdated,
        "entries": sum(1 for e in Herausforderung.objects.select_related("moderation", "hiding")
                       if e.moderation.state == "eingegangen" and not hasattr(e, "hiding")),
        "barriers": sum(1 for b in Barrierenmeldung.objects.all() if not b.handled),
        "pending": sum(1 for i in invitations if not i.accepted_at and not i.is_expired(now)),
        "expired": sum(1 for i in invitations if not i.accepted_at and i.is_expired(now)),
        "failed_mails": sum(1 for m in OutboundMail.objects.all()
                            if m.outcome == "fehlgeschlagen" and m.sent_at > now - timedelta(days=30)),
    }


def test_counts_agree_with_independent_queries_and_link_to_exactly_those_rows(staff_client, settings):
    days = settings.REMINDER_STALE_DAYS
    some_of_everything(days)
    expected = independent_counts(days)
    # the content has stale measures of its own (dates from the sources); one stale measure is reminded
    assert expected["proposals"] == 2 and expected["stale"] >= 4 and expected["due"] == expected["stale"] - 1
    assert expected["barriers"] == 2 and expected["pending"] == 1 and expected["expired"] == 1
    assert expected["failed_mails"] == 1
    assert expected["missing"]["fa"] == 1 and sum(expected["outdated"].values()) >= 1
    response = staff_client.get("/admin/")
    tasks = response.context["todo"]
    counts = [task.count for task in tasks]
    assert expected["rounds"] == {"Alle": 19, "Feld 6": 5}  # 20 approved, one reported; 5 in field 6
    assert expected["entries"] == 2
    assert counts == [expected["proposals"], expected["stale"], expected["due"], sum(expected["rounds"].values()),
                      expected["entries"], sum(expected["missing"].values()),
                      sum(expected["outdated"].values()), sum(expected["leichte_sprache"].values()), expected["barriers"], expected["pending"], expected["expired"],
                      expected["failed_mails"]]
    languages = dict(settings.LANGUAGES)
    assert {label: count for label, count, _url in tasks[1].details} == expected["per_partner"]
    assert [count for _label, count, _url in tasks[3].details] == [19, 5]
    assert [label for label, _count, _url in tasks[3].details][1] == "„Feld 6“"
    assert [label for label, _count, _url in tasks[3].details][0].startswith("„Alle“, fällig am ")
    assert {label: count for label, count, _url in tasks[5].details} == {
        languages[code]: n for code, n in expected["missing"].items()}
    assert {label: count for label, count, _url in tasks[6].details} == {
        languages[code]: n for code, n in expected["outdated"].items()}
    assert {label: count for label, count, _url in tasks[7].details} == expected["leichte_sprache"]
    assert expected["leichte_sprache"][LeichteSeite._meta.verbose_name_plural] == LeichteSeite.objects.count() - 1
    content = response.content.decode()
    for task in tasks:
        links = [(task.label, task.count, task.url)] if task.url else []
        links += task.details
        for label, count, url in links:
            if count:
                assert f'href="{url.replace("&", "&amp;")}"' in content, label
            listed = staff_client.get(url)
            assert listed.status_code == 200, url
            # an admin list, or the translation desk's queue of one language
            shown = listed.context["cl"].result_count if "cl" in listed.context else listed.context["result_count"]
            assert shown == count, (label, url)
    assert "Was ansteht" in content and "Vorschläge warten auf Prüfung" in content


# About 3 s, creating 5,000 measures (and 500 each of barrier reports, invitations, failed mails)
# once, rolled back, as the public pages' query test does.
@pytest.fixture(scope="module")
def index_queries_with_10_and_5000_measures(django_db_setup, django_db_blocker):
    """Queries of the admin start page with 10 extra measures and with 5,000 (stale with every partner,
    proposed, reminded), and a tenth as many barrier reports, invitations and failed mails."""
    from django.db import transaction

    def count():
        client = PortalClient()
        client.force_login(User.objects.get(username="todo-stab"))
        with CaptureQueriesContext(connection) as context:
            assert client.get("/admin/").status_code == 200
        return len(context.captured_queries)

    with django_db_blocker.unblock(), transaction.atomic():
        User.objects.create_user("todo-stab", is_staff=True, is_superuser=True)
        old = timezone.now() - timedelta(days=400)

        partners = list(Netzwerkpartner.objects.all())

        def add(n, prefix):
            pks = [m.pk for m in make_measures(n, prefix=prefix)]
            Massnahme.objects.filter(pk__in=pks[::2]).update(status_changed_at=old)
            Massnahme.objects.filter(pk__in=pks[1::3]).update(freigabe=Freigabe.VORGESCHLAGEN)
            Reminder.objects.bulk_create(Reminder(massnahme_id=pk, recipients="x@example.org") for pk in pks[::4])
            runde = Berichtsrunde.objects.filter(slug="todo-runde").first() or Berichtsrunde.objects.create(
                title_de="Runde", slug="todo-runde", period_start=datetime.date(2026, 1, 1),
                period_end=datetime.date(2026, 12, 31))
            for massnahme in Massnahme.objects.public().filter(pk__in=pks[::50]):
                massnahme.change_status(massnahme.status, note="Bericht", berichtsrunde=runde)
            make_entries(n, prefix=prefix, state="eingegangen")
            # Stale measures of every partner (one row per partner in the breakdown), and of each
            # other task's rows as many: barrier reports, invitations (open, expired), failed mails.
            Massnahme.partner.through.objects.bulk_create(
                [Massnahme.partner.through(massnahme_id=pk, netzwerkpartner_id=partners[i % len(partners)].pk)
                 for i, pk in enumerate(pks[::2])], ignore_conflicts=True)  # make_measures names one partner
            Barrierenmeldung.objects.bulk_create(Barrierenmeldung(description=str(i), language="de") for i in range(n // 10))
            users = User.objects.bulk_create(User(username=f"{prefix}-{i}", email=f"{prefix}-{i}@example.org")
                                             for i in range(n // 10))
            Invitation.objects.bulk_create(
                Invitation(email=user.email, user=user, partner=partners[i % len(partners)],
                           created_at=timezone.now() - timedelta(days=30 * (i % 2))) for i, user in enumerate(users))
            OutboundMail.objects.bulk_create(OutboundMail(kind="einladung", recipients="x@example.org", subject="x",
                                                          outcome="fehlgeschlagen") for _i in range(n // 10))

        add(10, "a")
        small = count()
        add(4990, "b")
        large = count()
        transaction.set_rollback(True)
    return small, large


def test_start_page_queries_do_not_grow_with_the_measures(index_queries_with_10_and_5000_measures):
    small, large = index_queries_with_10_and_5000_measures
    assert small == large, f"{small} queries with 10 measures, {large} with 5,000"


def test_index_lists_sections_by_task_and_technik_for_superusers_only(staff_client, django_user_model):
    sections = [str(app["name"]) for app in staff_client.get("/admin/").context["app_list"]]
    assert sections == ["Maßnahmen", "Beteiligung", "Netzwerk und Partner", "Integrationskonzept und Leitlinien",
                        "Leichte Sprache und Gebärdensprache", "Übersetzungen",
                        "Website und Rückmeldungen", "Konten und E-Mails", "Technik"]
    technik = staff_client.get("/admin/").context["app_list"][-1]
    assert {model["object_name"] for model in technik["models"]} == {"AccessAttempt", "AccessLog", "AccessFailureLog"}
    clerk = django_user_model.objects.create_user("sachbearbeitung", is_staff=True)
    clerk.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["massnahmen", "axes"]))
    client = PortalClient()
    client.force_login(clerk)
    response = client.get("/admin/")
    assert [str(app["name"]) for app in response.context["app_list"]] == ["Maßnahmen", "Beteiligung"]
    assert "/admin/axes/" not in response.content.decode()
    assert [task.label for task in response.context["todo"]][0] == "Vorschläge warten auf Prüfung"
    assert len(response.context["todo"]) == 5  # the measures' tasks (rounds included) and the entries'


@pytest.mark.parametrize("language,heading,section", [
    ("en", "What needs doing", "Network and partners"), ("ar", "المهام المطلوبة", "الشبكة والشركاء"),
    ("uk", "Що потрібно зробити", "Мережа та партнери"), ("ru", "Что нужно сделать", "Сеть и партнёры"),
    ("fa", "کارهای پیش رو", "شبکه و شرکا"), ("tr", "Yapılacaklar", "Ağ ve ortaklar"),
])
def test_start_page_in_the_language_staff_pick(staff_client, language, heading, section):
    content = staff_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'lang="{language}"' in content
    assert heading in content and section in content
    assert "Was ansteht" not in content and "Netzwerk und Partner" not in content

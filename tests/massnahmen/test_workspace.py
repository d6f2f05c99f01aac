"""The partner workspace: who may do what, concurrent edits, proposals, invitations, lockout, reminders."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from handlungsfelder.models import Handlungsfeld
from massnahmen.models import ACTIVE_STATUSES, Berichtsrunde, Freigabe, Massnahme, Reminder, Status, StatusChange
from massnahmen.reminders import send_reminders, send_round_reminders
from netzwerk.invitations import invite, invitation_tokens
from netzwerk.models import EditorProfile, Netzwerkpartner, PartnerMembership, Stadtteil
from tests.routes import route_names

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "Fachstelle-Magdeburg-2025"


def editor_of(slug, username):
    user = User.objects.create_user(username, email=f"{username}@example.org", password=PASSWORD)
    PartnerMembership.objects.create(user=user, partner=Netzwerkpartner.objects.get(slug=slug))
    return user


@pytest.fixture
def jugendamt_editor():
    return editor_of("jugendamt", "ja-redaktion")


@pytest.fixture
def jobcenter_editor():
    return editor_of("jobcenter", "jobcenter")


def own_measure():
    """A measure the Jugendamt is responsible for (and the Jobcenter is not)."""
    return Massnahme.objects.get(external_id="zw2020-10")


def status_post(massnahme, **overrides):
    data = {
        "status": Status.UMGESETZT, "note": "Begleitungen abgeschlossen", "progress_note_de": "abgeschlossen",
        "next_steps_de": "Auswertung im Stadtteil", "start_date": "", "end_date": "",
        "partner": Netzwerkpartner.objects.get(slug="jugendamt").pk,
        "version": massnahme.version, "seen_at": timezone.now().isoformat(),
        # What the form showed, as the browser posts it back (show_hidden_initial).
        "initial-progress_note_de": massnahme.progress_note_de or "", "initial-next_steps_de": massnahme.next_steps_de or "",
        "initial-start_date": massnahme.start_date or "", "initial-end_date": massnahme.end_date or "",
    }
    data.update(overrides)
    return data


# --- The permission matrix ---------------------------------------------------
# Every partner view × role → expected status. A new view that is not listed here fails
# test_every_workspace_view_is_in_the_matrix.

ROLES = ["anonymous", "other_partner", "own_partner", "staff"]
LOGIN = 302  # anonymous users are sent to the login page


def spracherwerb_pk():
    # Primary keys differ between databases and runs; look them up.
    return Handlungsfeld.objects.get(number=2).pk


def someone_uid():
    return urlsafe_base64_encode(force_bytes(User.objects.get(username="someone").pk))


def proposal_of_jugendamt():
    proposal = Massnahme(title_de="Elterncafé", freigabe=Freigabe.VORGESCHLAGEN, status=Status.GEPLANT)
    proposal.save(status_note="Vorschlag")
    proposal.partner.add(Netzwerkpartner.objects.get(slug="jugendamt"))
    return proposal


def open_round(slug="runde-2026", **scope):
    """An open round covering every measure (or the scope given), due in two weeks."""
    runde = Berichtsrunde.objects.filter(slug=slug).first()
    if runde is None:
        today = timezone.localdate()
        runde = Berichtsrunde.objects.create(
            title_de="Berichtsrunde 2026", title_en="Reporting round 2026", slug=slug,
            period_start=today - timedelta(days=90), period_end=today, due_date=today + timedelta(days=14))
        for relation, objects in scope.items():
            getattr(runde, relation).set(objects)
    return runde


def round_url():
    return reverse("massnahmen:workspace-round", args=[open_round().slug])


MATRIX = {
    # name: (method, url builder, data builder, {role: status})
    "massnahmen:workspace": ("get", lambda: reverse("massnahmen:workspace"), None,
                             {"anonymous": LOGIN, "other_partner": 200, "own_partner": 200, "staff": 200}),
    "massnahmen:status-update GET": ("get", lambda: reverse("massnahmen:status-update", args=[own_measure().pk]), None,
                                     {"anonymous": LOGIN, "other_partner": 404, "own_partner": 200, "staff": 200}),
    "massnahmen:status-update POST": ("post", lambda: reverse("massnahmen:status-update", args=[own_measure().pk]),
                                      lambda: status_post(own_measure()),
                                      {"anonymous": LOGIN, "other_partner": 404, "own_partner": 302, "staff": 302}),
    "massnahmen:status-update POST for a round": (
        "post", lambda: reverse("massnahmen:status-update", args=[own_measure().pk]),
        lambda: status_post(own_measure(), berichtsrunde=open_round().pk),
        {"anonymous": LOGIN, "other_partner": 404, "own_partner": 302, "staff": 302}),
    # A round is a partner's when it covers one of their measures; the Jobcenter has none.
    "massnahmen:workspace-round GET": ("get", round_url, None,
                                       {"anonymous": LOGIN, "other_partner": 404, "own_partner": 200, "staff": 200}),
    "massnahmen:proposal-create GET": ("get", lambda: reverse("massnahmen:proposal-create"), None,
                                       {"anonymous": LOGIN, "other_partner": 200, "own_partner": 200, "staff": 200}),
    "massnahmen:proposal-update GET": ("get", lambda: reverse("massnahmen:proposal-update", args=[proposal_of_jugendamt().pk]),
                                       None, {"anonymous": LOGIN, "other_partner": 404, "own_partner": 200, "staff": 200}),
    "massnahmen:guide": ("get", lambda: reverse("massnahmen:guide"), None,
                         {"anonymous": LOGIN, "other_partner": 200, "own_partner": 200, "staff": 200}),
    "massnahmen:guide-picture": ("get", lambda: reverse("massnahmen:guide-picture", args=["partner-vorschlag"]), None,
                                 {"anonymous": LOGIN, "other_partner": 200, "own_partner": 200, "staff": 200}),
    "netzwerk:password_change": ("get", lambda: reverse("netzwerk:password_change"), None,
                                 {"anonymous": LOGIN, "other_partner": 200, "own_partner": 200, "staff": 200}),
    "netzwerk:password_change_done": ("get", lambda: reverse("netzwerk:password_change_done"), None,
                                      {"anonymous": LOGIN, "other_partner": 200, "own_partner": 200, "staff": 200}),
    "netzwerk:login": ("get", lambda: reverse("netzwerk:login"), None,
                       {"anonymous": 200, "other_partner": 302, "own_partner": 302, "staff": 302}),
    "netzwerk:logout": ("post", lambda: reverse("netzwerk:logout"), lambda: {},
                        {"anonymous": 302, "other_partner": 302, "own_partner": 302, "staff": 302}),
    "netzwerk:password_reset": ("get", lambda: reverse("netzwerk:password_reset"), None, dict.fromkeys(ROLES, 200)),
    "netzwerk:password_reset_done": ("get", lambda: reverse("netzwerk:password_reset_done"), None, dict.fromkeys(ROLES, 200)),
    "netzwerk:password_reset_confirm": ("get", lambda: reverse("netzwerk:password_reset_confirm", args=[someone_uid(), "x-y"]), None,
                                        dict.fromkeys(ROLES, 200)),
    "netzwerk:password_reset_complete": ("get", lambda: reverse("netzwerk:password_reset_complete"), None,
                                         dict.fromkeys(ROLES, 200)),
    "netzwerk:invitation": ("get", lambda: reverse("netzwerk:invitation", args=[someone_uid(), "x-y"]), None,
                            dict.fromkeys(ROLES, 410)),
}


def login_as(client, role, staff_user):
    users = {
        "other_partner": lambda: editor_of("jobcenter", "jobcenter"),
        "own_partner": lambda: editor_of("jugendamt", "ja-redaktion"),
        "staff": lambda: staff_user,
    }
    if role != "anonymous":
        client.force_login(users[role]())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(client, staff_user, name, role):
    User.objects.create_user("someone", password=PASSWORD)  # the account of the invitation/reset links
    method, url, data, expected = MATRIX[name]
    login_as(client, role, staff_user)
    before = StatusChange.objects.count()
    with translation.override("de"):
        target = url()
    response = getattr(client, method)(target, data() if data else None)
    assert response.status_code == expected[role], (name, role, response.status_code)
    if response.status_code == LOGIN and role == "anonymous" and "konto" not in target:
        assert reverse("netzwerk:login") in response["Location"]
    if method == "post" and role in ("anonymous", "other_partner") and "status-update" in name:
        assert StatusChange.objects.count() == before  # refused means: nothing changed


def workspace_route_names():
    """Names of every URL under /<lang>/partner/ (the partner workspace and its accounts)."""
    return route_names("partner")


def test_every_workspace_view_is_in_the_matrix():
    covered = {key.split(" ")[0] for key in MATRIX}
    missing = set(workspace_route_names()) - covered
    assert not missing, f"Partner views without a permission-matrix row: {sorted(missing)}"
    assert len(workspace_route_names()) >= 15


def test_editable_by_is_the_single_rule(jugendamt_editor, jobcenter_editor, staff_user):
    assert set(Massnahme.objects.editable_by(jugendamt_editor)) == set(
        Massnahme.objects.filter(partner__slug="jugendamt"))
    assert not Massnahme.objects.editable_by(jobcenter_editor).exists()
    assert Massnahme.objects.editable_by(staff_user).count() == Massnahme.objects.count()
    anonymous = mock.Mock(is_authenticated=False, is_active=False, is_staff=False)
    assert not Massnahme.objects.editable_by(anonymous).exists()


def test_partner_cannot_post_another_partners_measure_id(client, jugendamt_editor):
    client.force_login(jugendamt_editor)
    foreign = Massnahme.objects.exclude(partner__slug="jugendamt").first()
    response = client.post(reverse("massnahmen:status-update", args=[foreign.pk]), status_post(foreign))
    assert response.status_code == 404
    assert foreign.status_changes.count() == 1


def test_partner_form_cannot_smuggle_partner_of_someone_else(client, jugendamt_editor):
    client.force_login(jugendamt_editor)
    massnahme = own_measure()
    jobcenter = Netzwerkpartner.objects.get(slug="jobcenter")
    response = client.post(reverse("massnahmen:status-update", args=[massnahme.pk]),
                           status_post(massnahme, partner=jobcenter.pk, title_de="Neuer Titel"))
    assert response.status_code == 400
    massnahme.refresh_from_db()
    assert massnahme.status_changes.count() == 1 and massnahme.title_de != "Neuer Titel"


# --- Status updates -----------------------------------------------------------

def test_status_update_writes_history_and_shows_partner_publicly(client, jugendamt_editor):
    client.force_login(jugendamt_editor)
    massnahme = own_measure()
    response = client.post(reverse("massnahmen:status-update", args=[massnahme.pk]), status_post(massnahme))
    assert response.status_code == 302
    massnahme.refresh_from_db()
    assert (massnahme.status, massnahme.progress_note_de, massnahme.next_steps_de) == (
        Status.UMGESETZT, "abgeschlossen", "Auswertung im Stadtteil")
    row = massnahme.status_changes.latest()
    assert (row.old_status, row.new_status, row.changed_by, row.partner.slug, row.note) == (
        Status.IN_BEARBEITUNG, Status.UMGESETZT, jugendamt_editor, "jugendamt", "Begleitungen abgeschlossen")
    client.logout()
    public = client.get(massnahme.get_absolute_url()).content.decode()
    assert "Begleitungen abgeschlossen" in public and "Jugendamt der Landeshauptstadt Magdeburg" in public
    assert jugendamt_editor.username not in public and jugendamt_editor.email not in public


def test_note_is_required_and_bad_dates_refused(client, jugendamt_editor):
    client.force_login(jugendamt_editor)
    massnahme = own_measure()
    url = reverse("massnahmen:status-update", args=[massnahme.pk])
    response = client.post(url, status_post(massnahme, note=""))
    assert response.status_code == 400
    assert "Bitte schreiben Sie eine kurze Notiz zu dieser Änderung." in response.content.decode()
    response = client.post(url, status_post(massnahme, start_date="2024-05-01", end_date="2024-01-01"))
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()
    response = client.post(url, status_post(massnahme, status="erledigt"))
    assert response.status_code == 400
    assert massnahme.status_changes.count() == 1


def test_concurrent_edit_is_refused_and_keeps_what_the_user_typed(client, jugendamt_editor):
    colleague = editor_of("jugendamt", "kollegin")
    massnahme = own_measure()
    url = reverse("massnahmen:status-update", args=[massnahme.pk])
    # Both open the form at the same version; the colleague saves first.
    mine = status_post(massnahme, note="Meine Notiz", next_steps_de="Mein nächster Schritt",
                       seen_at=(timezone.now() - timedelta(seconds=5)).isoformat())
    client.force_login(colleague)
    assert client.post(url, status_post(massnahme, status=Status.ZURUECKGESTELLT, note="Pause bis Herbst")).status_code == 302
    client.force_login(jugendamt_editor)
    response = client.post(url, mine)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Inzwischen hat jemand anderes diese Maßnahme gespeichert." in html
    assert "Pause bis Herbst" in html                       # what the other person changed
    assert "Meine Notiz" in html and "Mein nächster Schritt" in html  # what I typed is kept
    massnahme.refresh_from_db()
    assert massnahme.status == Status.ZURUECKGESTELLT
    assert massnahme.status_changes.count() == 2
    # Saving again builds knowingly on the current version.
    version = int(re.search(r'name="version" value="(\d+)"', html).group(1))
    assert version == massnahme.version
    assert client.post(url, {**mine, "version": version}).status_code == 302
    assert massnahme.status_changes.count() == 3


def test_report_progress_rejects_fields_partners_may_not_change():
    with pytest.raises(ValueError):
        own_measure().report_progress(expected_version=1, status="geplant", note="x", by=None, title_de="x")


# --- Proposals ----------------------------------------------------------------

def test_proposal_is_invisible_until_approved_and_can_be_sent_back(client, jugendamt_editor, staff_client,
                                                                   django_capture_on_commit_callbacks):
    client.force_login(jugendamt_editor)
    jugendamt = Netzwerkpartner.objects.get(slug="jugendamt")
    response = client.post(reverse("massnahmen:proposal-create"), {
        "title_de": "Sprachpatenschaften für Kita-Eltern", "description_de": "Ehrenamtliche begleiten Eltern.",
        "handlungsfelder": [spracherwerb_pk()], "partner": [jugendamt.pk], "stadtteile": [], "zielgruppen": [],
    })
    assert response.status_code == 302
    proposal = Massnahme.objects.get(title_de="Sprachpatenschaften für Kita-Eltern")
    assert proposal.freigabe == Freigabe.VORGESCHLAGEN and proposal.proposed_by == jugendamt_editor
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert proposal not in client.get(reverse("massnahmen:list")).context["massnahmen"]

    changelist = reverse("admin:massnahmen_massnahme_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        returned = staff_client.post(changelist, {"action": "return_proposals", "_selected_action": [proposal.pk],
                                                  "apply": "1", "comment": "Bitte Stadtteil angeben.",
                                                  f"version_{proposal.pk}": proposal.version})
    assert returned.status_code == 302, returned.content.decode()[:2000]
    proposal.refresh_from_db()
    assert proposal.freigabe == Freigabe.ZURUECKGEGEBEN
    assert "Bitte Stadtteil angeben." in client.get(reverse("massnahmen:workspace")).content.decode()
    assert any("Bitte Stadtteil angeben." in message.body for message in mail.outbox)

    response = client.post(reverse("massnahmen:proposal-update", args=[proposal.pk]), {
        "title_de": proposal.title_de, "description_de": "Mit Stadtteil.", "handlungsfelder": [spracherwerb_pk()],
        "partner": [jugendamt.pk], "stadtteile": [Stadtteil.objects.get(slug="neustadt").pk], "zielgruppen": [],
    })
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.freigabe == Freigabe.VORGESCHLAGEN

    review = staff_client.post(changelist, {"action": "approve_proposals", "_selected_action": [proposal.pk]})
    assert "Mit Stadtteil." in review.content.decode()  # staff read the revised text before approving
    staff_client.post(changelist, {"action": "approve_proposals", "_selected_action": [proposal.pk], "apply": "1",
                                   f"version_{proposal.pk}": proposal.version})
    proposal.refresh_from_db()
    assert proposal.freigabe == Freigabe.FREIGEGEBEN
    assert client.get(proposal.get_absolute_url()).status_code == 200


def test_partner_cannot_propose_for_another_partner(client, jugendamt_editor):
    client.force_login(jugendamt_editor)
    response = client.post(reverse("massnahmen:proposal-create"), {
        "title_de": "Fremder Vorschlag", "handlungsfelder": [spracherwerb_pk()],
        "partner": [Netzwerkpartner.objects.get(slug="jobcenter").pk],
    })
    assert response.status_code == 400
    assert not Massnahme.objects.filter(title_de="Fremder Vorschlag").exists()


# --- Invitations --------------------------------------------------------------

def invitation_url(invitation):
    link = mail.outbox[-1].body
    return re.search(r"https?://[^/\s]+(/\S+/einladung/\S+/)", link).group(1)


def test_invitation_link_sets_password_once_and_logs_in(client, staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite("Neu@Example.org", Netzwerkpartner.objects.get(slug="jobcenter"), "uk", staff_user)
    assert mail.outbox[-1].to == ["neu@example.org"]
    url = invitation_url(invitation)
    assert url.startswith("/uk/")
    assert client.get(url).status_code == 200
    response = client.post(url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302 and response["Location"].endswith("/partner/")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert EditorProfile.objects.get(user=invitation.user).language == "uk"
    client.logout()
    assert client.get(url).status_code == 410  # one-time


def test_invitation_expires(client, staff_user, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite("spaet@example.org", Netzwerkpartner.objects.get(slug="jobcenter"), "de", staff_user)
    url = invitation_url(invitation)
    later = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS, hours=1)
    with mock.patch.object(invitation_tokens, "_now", return_value=invitation_tokens._now() + (later - timezone.now())):
        response = client.get(url)
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()
    assert invitation.is_expired(later)


def test_staff_invite_from_the_admin(staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:netzwerk_invitation_add"), {
            "email": "redaktion@example.org", "partner": Netzwerkpartner.objects.get(slug="jugendamt").pk,
            "language": "ar",
        })
    assert response.status_code == 302
    user = User.objects.get(email="redaktion@example.org")
    assert not user.has_usable_password() and not user.is_staff
    assert PartnerMembership.objects.filter(user=user, partner__slug="jugendamt").exists()
    assert "/ar/partner/konto/einladung/" in mail.outbox[-1].body


# --- Login throttling -----------------------------------------------------------

def test_repeated_failed_logins_lock_the_account(client, jugendamt_editor, settings):
    url = reverse("netzwerk:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": "ja-redaktion", "password": "falsch"})
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    # Even the right password is refused while locked.
    response = client.post(url, {"username": "ja-redaktion", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_correct_login_reaches_the_workspace(client, jugendamt_editor):
    response = client.post(reverse("netzwerk:login"), {"username": "ja-redaktion", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].endswith("/partner/")
    page = client.get(response["Location"]).content.decode()
    assert own_measure().title_de in page


# --- Reminders ------------------------------------------------------------------

def test_reminders_go_to_the_editors_in_their_language_once_per_period(jugendamt_editor, settings):
    EditorProfile.objects.create(user=jugendamt_editor, language="en")
    editor_of("jobcenter", "jobcenter")  # responsible for nothing: gets nothing
    later = timezone.now() + timedelta(days=settings.REMINDER_STALE_DAYS + 1)
    reminded, mails = send_reminders(Massnahme.objects.all(), now=later)
    assert mails == 1 and reminded == Massnahme.objects.filter(partner__slug="jugendamt", status__in=ACTIVE_STATUSES).count() == 1
    message = mail.outbox[-1]
    assert message.to == ["ja-redaktion@example.org"]
    with translation.override("en"):
        expected_subject = gettext("Bitte melden Sie den Stand Ihrer Maßnahmen")
    assert message.subject == expected_subject != "Bitte melden Sie den Stand Ihrer Maßnahmen"
    assert own_measure().title_en in message.body
    assert Reminder.objects.count() == reminded
    # Not twice within the same period …
    assert send_reminders(Massnahme.objects.all(), now=later + timedelta(days=1)) == (0, 0)
    # … but again after it.
    assert send_reminders(Massnahme.objects.all(), now=later + timedelta(days=settings.REMINDER_STALE_DAYS + 2))[1] == 1


def test_fresh_measures_are_not_reminded(jugendamt_editor):
    for massnahme in Massnahme.objects.filter(partner__slug="jugendamt"):
        massnahme.change_status(massnahme.status, note="Stand bestätigt")
    assert send_reminders(Massnahme.objects.all()) == (0, 0)
    assert not mail.outbox


def test_a_state_known_only_from_the_sources_is_reminded(jugendamt_editor):
    """The loaded states are dated 2020 and 2021 as the sources date them: long overdue for a report."""
    assert send_reminders(Massnahme.objects.all()) == (1, 1)


# --- Reporting rounds --------------------------------------------------------------

def test_partners_see_open_rounds_with_their_measures_and_what_is_reported(client, jugendamt_editor):
    runde = open_round()
    client.force_login(jugendamt_editor)
    due = runde.due_date
    with translation.override("de"):
        page = client.get(reverse("massnahmen:workspace")).content.decode()
        expected = f"Bericht zur Runde „Berichtsrunde 2026“ fällig am {formats.date_format(due, 'DATE_FORMAT')}"
    assert expected in page and "0 von 2 Ihrer Maßnahmen berichtet" in page
    round_page = client.get(round_url())
    assert [m.external_id for m in round_page.context["massnahmen"]] == ["zw2020-02", "zw2020-10"]
    assert "noch kein Bericht" in round_page.content.decode()
    # The English workspace names the round in English.
    with translation.override("en"):
        english = client.get(reverse("massnahmen:workspace")).content.decode()
    assert "Reporting round 2026" in english


def test_a_partners_report_for_a_round_is_the_history_row_tagged_with_it(client, jugendamt_editor):
    runde = open_round()
    client.force_login(jugendamt_editor)
    massnahme = own_measure()
    form = client.get(reverse("massnahmen:status-update", args=[massnahme.pk]) + f"?runde={runde.slug}")
    assert form.context["form"]["berichtsrunde"].initial == runde
    response = client.post(reverse("massnahmen:status-update", args=[massnahme.pk]),
                           status_post(massnahme, berichtsrunde=runde.pk))
    assert response.status_code == 302
    row = massnahme.status_changes.latest()
    assert (row.berichtsrunde, row.partner.slug, row.new_status) == (runde, "jugendamt", Status.UMGESETZT)
    assert massnahme not in runde.missing_reports()
    page = client.get(round_url())
    reported = {m.external_id: m.reported for m in page.context["massnahmen"]}
    assert reported == {"zw2020-02": False, "zw2020-10": True}
    # Without a round chosen, the update is only a status report.
    client.post(reverse("massnahmen:status-update", args=[massnahme.pk]),
                status_post(own_measure(), status=Status.LAUFEND, berichtsrunde=""))
    assert own_measure().status_changes.latest().berichtsrunde is None


def test_a_report_for_a_round_that_does_not_cover_the_measure_or_is_closed_is_refused(client, jugendamt_editor,
                                                                                        staff_user):
    feld_6 = Handlungsfeld.objects.get(number=6)
    elsewhere = open_round("feld-6", handlungsfelder=[feld_6])  # zw2020-10 is in fields 4 and 5
    client.force_login(jugendamt_editor)
    massnahme = own_measure()
    form = client.get(reverse("massnahmen:status-update", args=[massnahme.pk]))
    assert "berichtsrunde" not in form.context["form"].fields
    refused = client.post(reverse("massnahmen:status-update", args=[massnahme.pk]),
                          status_post(massnahme, berichtsrunde=elsewhere.pk))
    assert not massnahme.status_changes.filter(berichtsrunde=elsewhere).exists()
    assert refused.status_code == 302  # the field is not offered: the update is saved without a round
    runde = open_round()
    runde.close(by=staff_user)
    massnahme = own_measure()
    closed = client.post(reverse("massnahmen:status-update", args=[massnahme.pk]),
                         status_post(massnahme, status=Status.LAUFEND, berichtsrunde=runde.pk))
    assert closed.status_code == 302 and not massnahme.status_changes.filter(berichtsrunde=runde).exists()
    assert client.get(reverse("massnahmen:workspace-round", args=[runde.slug])).status_code == 404


def test_round_reminders_name_the_round_and_its_due_date_and_skip_what_is_reported(jugendamt_editor, staff_user):
    EditorProfile.objects.create(user=jugendamt_editor, language="en")
    runde = open_round()
    own_measure().change_status(Status.LAUFEND, note="läuft", by=staff_user, berichtsrunde=runde)
    reminded, mails = send_round_reminders(runde)
    assert (reminded, mails) == (1, 1)
    message = mail.outbox[-1]
    assert message.to == ["ja-redaktion@example.org"]
    with translation.override("en"):
        due = formats.date_format(runde.due_date, "SHORT_DATE_FORMAT")
    assert "Reporting round 2026" in message.subject and due in message.subject
    reported, missing = own_measure(), Massnahme.objects.get(external_id="zw2020-02")
    assert missing.title_en in message.body and reported.title_en not in message.body
    assert f"?runde={runde.slug}" in message.body
    assert Reminder.objects.get(berichtsrunde=runde).massnahme == missing
    assert send_round_reminders(runde) == (0, 0)  # not again within the week
    assert send_round_reminders(runde, now=timezone.now() + timedelta(days=8)) == (1, 1)
    runde.close(by=staff_user)
    assert send_round_reminders(runde, now=timezone.now() + timedelta(days=30)) == (0, 0)


def test_workspace_query_count_is_constant(client, staff_user, settings):
    """Staff see every measure in the workspace: the page must not grow with their number."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_measures

    client.force_login(staff_user)
    make_measures(10, prefix="ws-a")
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("massnahmen:workspace")).status_code == 200
    make_measures(990, prefix="ws-b")
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("massnahmen:workspace")).status_code == 200
    assert len(small.captured_queries) == len(large.captured_queries)

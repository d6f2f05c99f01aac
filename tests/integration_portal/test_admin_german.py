"""The admin a staff member opens speaks German: pages, widgets (the JavaScript catalog), buttons.

"Every page" is every page a staff member reaches from the index: each registered model's list,
add, change and delete pages, each app's page, a list searched, filtered and counted, a history,
the import and export pages, the intermediate pages of the actions, the password pages and login.
Two lists of English say what must not show: Django's (and django-import-export's) interface
strings written out below, and every English message of their German catalogues that German
translates differently (so a new Django string is checked without being listed here).

The English run of the same pages shows that the written-out list is real: each of its strings
appears in the English admin, so the German check could fail.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import import_export
import polib
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from beteiligung.models import Follow
from core.models import OutboundMail, SourceText
from integration_portal.models import Barrierenmeldung
from leichte_sprache.models import DgsVideo
from massnahmen.models import Berichtsrunde, Freigabe, Massnahme, Reminder
from netzwerk.invitations import invite
from netzwerk.models import Netzwerkpartner, Stadtteil
from tests.conftest import PortalClient

pytestmark = pytest.mark.django_db

# Django's (and django-import-export's) English interface strings as they appear in the admin's
# HTML: a visible text or a button's value/title/placeholder equals one, or (ending in a space or
# a colon) starts with it.
ENGLISH_HTML = [
    "Home", "Log out", "View site", "Change password", "Welcome,", "Skip to main content",
    "Start typing to filter…", "Add ", "Change", "Delete", "History", "Search", "Action:", "Go",
    "Save", "Save and add another", "Save and continue editing", "Select all ", "Clear selection",
    "Filter", "Show counts", "Hide counts", "By ", "All", "Yes", "No", "Recent actions", "My actions",
    "None available", "Today", "Import", "Export", "Submit", "Toggle navigation", "Yes, I’m sure",
    "No, take me back", "Add another ", "Delete?", "View", "View on site", "Run the selected action",
    "Show all", "Clear all filters", "Toggle sorting", "Any date", "Past 7 days", "This month",
    "Date/time", "User", "Action", "Objects", "Summary", "Remove", "Change my password",
    "Password change", "Your password was changed.", "Log in",
    "Select this object for an action - ", "Toggle theme (current theme: auto)", "Breadcrumbs", "Sidebar",
]
# Strings of the admin's widgets, looked up in the JavaScript catalog (/admin/jsi18n/).
ENGLISH_JS = [
    'Choose %s by selecting them and then select the "Choose" arrow button.', "Choose all %s",
    "Choose selected %s", "Remove selected %s", "Remove all %s", "Available %s", "Chosen %s",
    'Remove %s by selecting them and then select the "Remove" arrow button.', "(click to clear)",
    "Type into this box to filter down the list of available %s.", "Filter", "Now", "Today",
    "Choose a Date", "Choose a Time", "Cancel", "Show", "Hide", "Yesterday", "Tomorrow", "Midnight",
    "6 a.m.", "Noon", "6 p.m.", "January", "Sunday",
    "You have selected an action, but you haven’t saved your changes to individual fields yet. "
    "Please click OK to save. You’ll need to re-run the action.",
]
# German words that are spelt as Django's English ones ("Filter"); they are German here.
SAME_IN_GERMAN = {"Filter", "Export", "Import"}
CATALOGUES = [
    Path(django.__file__).parent / "contrib" / "admin" / "locale" / "de" / "LC_MESSAGES" / "django.po",
    Path(django.__file__).parent / "contrib" / "auth" / "locale" / "de" / "LC_MESSAGES" / "django.po",
    Path(import_export.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po",
]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def catalogue_english():
    """Django's English messages that German says differently, each as a pattern of a whole text
    (placeholders match any text); messages with fewer than four letters besides are left out."""
    patterns = {}
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            english = " ".join(entry.msgid.split())
            german = " ".join((entry.msgstr or entry.msgstr_plural.get(0, "")).split())
            literal = PLACEHOLDER.sub("", english)
            if not german or german == english or len(re.findall(r"[A-Za-z]", literal)) < 4 or "<" in english:
                continue
            patterns[english] = re.compile(
                "^" + ".+?".join(re.escape(part) for part in PLACEHOLDER.split(english)) + "$")
    return patterns


CATALOGUE_ENGLISH = catalogue_english()
# One pattern for all of them: a page's texts are tested against it first (the per-message patterns
# only name what matched), a few hundred texts per page against some 300 messages.
ANY_CATALOGUE_ENGLISH = re.compile("|".join(f"(?:{pattern.pattern})" for pattern in CATALOGUE_ENGLISH.values()))


class Texts(HTMLParser):
    """The texts a person reads or clicks on a page: text nodes, button/field labels and the
    texts the admin's JavaScript writes (an inline's "Add another …", from data-inline-formset)."""

    ATTRIBUTES = {"value", "title", "placeholder", "aria-label", "alt"}

    def __init__(self):
        super().__init__()
        self.texts, self.skip = set(), 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "textarea", "select"):
            self.skip += 1
        # The value of a field is data, not interface; its label, title and placeholder are.
        data_value = tag == "input" and dict(attrs).get("type") in (
            "hidden", "text", "number", "email", "url", "date", "checkbox", "search", "password", "radio")
        for name, value in attrs:
            if name in self.ATTRIBUTES and value and not (name == "value" and data_value):
                self.texts.add(value.strip())
            if name == "data-inline-formset" and value:
                options = json.loads(value)["options"]
                self.texts.update(" ".join(str(options[key]).split()) for key in ("addText", "deleteText") if key in options)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "textarea", "select"):
            self.skip -= 1

    def handle_data(self, data):
        text = " ".join(data.split()).strip("✖›‹ ")  # "✖ Clear all filters"
        if not self.skip and text:
            self.texts.add(text)


def english_strings(html, strings=ENGLISH_HTML, catalogue=False):
    parser = Texts()
    parser.feed(html)
    found = set()
    for text in parser.texts:
        for english in strings:
            if text == english.strip() or (english[-1] in " :,-" and text.startswith(english)):
                found.add(english)
        label = text.removesuffix(":")  # a field's label: "User:"
        if catalogue and (ANY_CATALOGUE_ENGLISH.match(text) or ANY_CATALOGUE_ENGLISH.match(label)):
            found.update(english for english, pattern in CATALOGUE_ENGLISH.items()
                         if pattern.match(text) or pattern.match(label))
    return found


def catalog(client, language):
    source = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    found = re.search(r"const newcatalog = (\{.*?\});\n", source, re.S)
    return json.loads(found.group(1)) if found else {}  # English: no catalog, the texts as written


def url(name, *args):
    return reverse(f"admin:{name}", args=args)


def rows_for_every_model():
    """A row of each model the content has none of, so each change page is opened."""
    partner = Netzwerkpartner.objects.first()
    invite("redaktion@example.org", partner, "de", invited_by=None)  # an invitation, a profile, a membership
    OutboundMail.objects.create(kind="einladung", recipients="redaktion@example.org", subject="Einladung",
                                outcome="fehlgeschlagen", error="SMTPRecipientsRefused: 550")
    Barrierenmeldung.objects.create(description="Kontrast zu gering", email="a@example.org", language="de")
    Reminder.objects.create(massnahme=Massnahme.objects.first(), recipients="redaktion@example.org")
    attempt = dict(username="stab", ip_address="127.0.0.1", user_agent="Firefox", path_info="/admin/login/")
    AccessAttempt.objects.create(**attempt, failures_since_start=1)
    AccessLog.objects.create(**attempt)
    AccessFailureLog.objects.create(**attempt)
    Group.objects.get_or_create(name="Übersetzung")  # the translation desk's group, if its migration made none
    Follow.request("folgt@example.org", Massnahme.objects.first(), "de")
    Berichtsrunde.objects.closed().first().reopen(by=None, reason="Ein Bericht kam zu spät.")
    # The row only (the file's checks and serving are tests/leichte_sprache/test_video.py's).
    DgsVideo.objects.create(slot="inhalt", title="Informationen zum Inhalt", file="dgs/inhalt-beispiel.mp4",
                            text_alternative="Auf dieser Seite finden Sie …")


def admin_pages(client, user):
    """(name, response) of each page a staff member opens, in the language the client sends."""
    massnahme = Massnahme.objects.filter(freigabe=Freigabe.FREIGEGEBEN).first()
    proposal = Massnahme.objects.exclude(pk=massnahme.pk).first()
    Massnahme.objects.filter(pk=proposal.pk).update(freigabe=Freigabe.VORGESCHLAGEN)
    rows_for_every_model()
    request = RequestFactory().get("/admin/")
    request.user = user
    yield "index", client.get(url("index"))
    for app_label in sorted({model._meta.app_label for model in admin.site._registry}):
        yield f"{app_label} app", client.get(url("app_list", app_label))
    for model, model_admin in admin.site._registry.items():
        name = f"{model._meta.app_label}_{model._meta.model_name}"
        yield f"{name} list", client.get(url(f"{name}_changelist"))
        if model_admin.has_add_permission(request):
            yield f"{name} add", client.get(url(f"{name}_add"))
        obj = model_admin.get_queryset(request).first()
        assert obj is not None, f"no {name} to open: add one in rows_for_every_model()"
        yield f"{name} change", client.get(url(f"{name}_change", obj.pk))
        if model_admin.has_delete_permission(request, obj):
            yield f"{name} delete", client.get(url(f"{name}_delete", obj.pk))
        for view in ("import", "export"):
            try:
                yield f"{name} {view}", client.get(url(f"{name}_{view}"))
            except NoReverseMatch:
                pass
    # Pages that are one template for every model, opened once: a list searched, filtered, with
    # counts; a history with an entry.
    changelist = url("massnahmen_massnahme_changelist")
    yield "list searched", client.get(changelist, {"q": "zzzz-nichts"})
    yield "list filtered, counted", client.get(changelist, {"status__exact": "geplant", "_facets": "1"})
    LogEntry.objects.create(user=user, content_type=ContentType.objects.get_for_model(Massnahme),
                            object_id=massnahme.pk, object_repr=str(massnahme), action_flag=CHANGE, change_message="")
    yield "history", client.get(url("massnahmen_massnahme_history", massnahme.pk))
    yield "translation desk", client.get(url("translation_desk"))
    yield "translation desk queue", client.get(url("translation_desk_language", "ar"))
    source = SourceText.objects.filter(content_type__model="massnahme", object_id=massnahme.pk).first()
    yield "translation desk text", client.get(url("translation_desk_text", "ar", source.pk))
    yield "user password", client.get(url("auth_user_password_change", user.pk))
    yield "password change", client.get(url("password_change"))
    yield "password changed", client.get(url("password_change_done"))
    yield "invitations open", client.get(url("netzwerk_invitation_changelist"), {"stand": "offen"})
    for action in ("change_status_bulk", "approve_proposals", "return_proposals"):
        yield action, client.post(changelist, {"action": action, ACTION_CHECKBOX_NAME: [massnahme.pk, proposal.pk]})
    yield "delete selected", client.post(url("netzwerk_stadtteil_changelist"), {
        "action": "delete_selected", ACTION_CHECKBOX_NAME: list(Stadtteil.objects.values_list("pk", flat=True)[:2])})
    yield "no action chosen", client.post(changelist, {"action": "", ACTION_CHECKBOX_NAME: [massnahme.pk]}, follow=True)
    yield "login", PortalClient(headers={"accept-language": client.defaults["HTTP_ACCEPT_LANGUAGE"]}).get(url("login"))


@pytest.fixture
def german(staff_client):
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"
    return staff_client


# About 3 s: some 130 admin pages, every one staff open; one test, so the data is set up once.
def test_admin_pages_show_no_english_interface_strings(german, staff_user):
    found = {}
    for name, response in admin_pages(german, staff_user):
        assert response.status_code == 200, name
        english = english_strings(response.content.decode(), catalogue=True) - SAME_IN_GERMAN
        if english:
            found[name] = sorted(english)
    assert not found, "\n".join(f"{name}: {english}" for name, english in found.items())


@pytest.mark.parametrize("language", ["de", "ar", "uk", "ru", "fa", "tr"])
def test_admin_widgets_speak_the_admin_language(staff_client, language):
    """Django 5.2's catalogs lack the newer widget strings in some languages (German among them:
    "Choose Handlungsfelder by selecting them…"); ours (locale/*/djangojs.po) complete them."""
    translated = catalog(staff_client, language)
    untranslated = [text for text in ENGLISH_JS if text not in translated]
    assert not untranslated, untranslated


def test_the_english_widget_strings_are_real(staff_client):
    """The check above could fail: the English catalog translates none of them."""
    assert not set(ENGLISH_JS) & set(catalog(staff_client, "en"))


# About 3 s: the same pages in English.
def test_the_english_admin_shows_the_listed_strings(staff_client, staff_user):
    """The check above could fail: in English, the same pages show the strings it looks for."""
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    seen = set()
    for _name, response in admin_pages(staff_client, staff_user):
        seen |= english_strings(response.content.decode())
    missing = set(ENGLISH_HTML) - seen
    assert not missing, "|".join(sorted(missing))

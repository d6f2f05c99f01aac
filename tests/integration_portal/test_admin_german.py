"""The admin a staff member opens speaks German: pages, widgets (the JavaScript catalog), buttons.

The English run of the same pages shows that the list of Django's interface strings is real:
each of them appears in the English admin, so the German check could fail.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from handlungsfelder.models import Handlungsfeld, LeitlinienEdition
from integration_portal.models import Seite
from massnahmen.models import Freigabe, Massnahme
from core.models import OutboundMail, SourceText
from netzwerk.invitations import invite
from netzwerk.models import Arbeitsgruppe, Invitation, Netzwerkpartner, Projekt

pytestmark = pytest.mark.django_db

# Django's (and django-import-export's) English interface strings as they appear in the admin's
# HTML: a visible text or a button's value/title/placeholder equals one, or (ending in a space or
# a colon) starts with it.
ENGLISH_HTML = [
    "Home", "Log out", "View site", "Change password", "Welcome,", "Skip to main content",
    "Start typing to filter…", "Add ", "Change", "Delete", "History", "Search", "Action:", "Go",
    "Save", "Save and add another", "Save and continue editing", "Select all ", "Clear selection",
    "Filter", "Show counts", "By ", "All", "Yes", "No", "Recent actions", "My actions",
    "None available", "Today", "Import", "Export", "Submit", "Toggle navigation", "Yes, I’m sure",
    "No, take me back", "Add another ", "Delete?", "View",
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


class Texts(HTMLParser):
    """The texts a person reads or clicks on a page: text nodes and button/field labels."""

    ATTRIBUTES = {"value", "title", "placeholder", "aria-label", "alt"}

    def __init__(self):
        super().__init__()
        self.texts, self.skip = set(), 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "textarea", "select"):
            self.skip += 1
        for name, value in attrs:
            if name in self.ATTRIBUTES and value and not (tag == "input" and dict(attrs).get("type") in ("hidden", "text", "number", "email", "url", "date", "checkbox")):
                self.texts.add(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style", "textarea", "select"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.texts.add(" ".join(data.split()))


def english_strings(html, strings=ENGLISH_HTML):
    parser = Texts()
    parser.feed(html)
    found = set()
    for text in parser.texts:
        for english in strings:
            if text == english.strip() or (english[-1] in " :," and text.startswith(english)):
                found.add(english)
    return found


def catalog(client, language):
    source = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    found = re.search(r"const newcatalog = (\{.*?\});\n", source, re.S)
    return json.loads(found.group(1)) if found else {}  # English: no catalog, the texts as written


def admin_pages(client):
    """(name, response) of each page a staff member opens, in the language the client sends."""
    massnahme = Massnahme.objects.filter(freigabe=Freigabe.FREIGEGEBEN).first()
    proposal = Massnahme.objects.exclude(pk=massnahme.pk).first()
    Massnahme.objects.filter(pk=proposal.pk).update(freigabe=Freigabe.VORGESCHLAGEN)
    changelist = reverse("admin:massnahmen_massnahme_changelist")
    partner = Netzwerkpartner.objects.first()
    # Rows for the partner page's editors and invitations and for the mail log
    invite("redaktion@example.org", partner, "de", invited_by=None)
    OutboundMail.objects.create(kind="einladung", recipients="redaktion@example.org", subject="Einladung",
                                outcome="fehlgeschlagen", error="SMTPRecipientsRefused: 550")
    yield "index", client.get(reverse("admin:index"))
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        yield f"{opts.model_name} list", client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    for model in (Massnahme, Netzwerkpartner, Projekt, Arbeitsgruppe, Invitation):
        opts = model._meta
        yield f"{opts.model_name} add", client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    for obj in (massnahme, partner, Handlungsfeld.objects.first(), Projekt.objects.first(),
                Seite.objects.first(), LeitlinienEdition.objects.first()):
        opts = obj._meta
        yield f"{opts.model_name} change", client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change",
                                                              args=[obj.pk]))
    yield "import", client.get(reverse("admin:massnahmen_massnahme_import"))
    yield "translation desk", client.get(reverse("admin:translation_desk"))
    yield "translation desk queue", client.get(reverse("admin:translation_desk_language", args=["ar"]))
    source = SourceText.objects.filter(content_type__model="massnahme", object_id=massnahme.pk).first()
    yield "translation desk text", client.get(reverse("admin:translation_desk_text", args=["ar", source.pk]))
    yield "invitations open", client.get(reverse("admin:netzwerk_invitation_changelist"), {"stand": "offen"})
    yield "delete", client.get(reverse("admin:netzwerk_stadtteil_delete", args=[massnahme.stadtteile.first().pk]))
    for action in ("change_status_bulk", "approve_proposals", "return_proposals"):
        yield action, client.post(changelist, {"action": action, ACTION_CHECKBOX_NAME: [massnahme.pk, proposal.pk]})


@pytest.fixture
def german(staff_client):
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"
    return staff_client


# About 3 s: some 45 admin pages, every one staff open; one test, so the data is set up once.
def test_admin_pages_show_no_english_interface_strings(german):
    found = {}
    for name, response in admin_pages(german):
        assert response.status_code == 200, name
        english = english_strings(response.content.decode()) - SAME_IN_GERMAN
        if english:
            found[name] = sorted(english)
    assert not found, found


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


# About 2.5 s: the same pages in English.
def test_the_english_admin_shows_the_listed_strings(staff_client):
    """The check above could fail: in English, the same pages show the strings it looks for."""
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    seen = set()
    for _name, response in admin_pages(staff_client):
        seen |= english_strings(response.content.decode())
    missing = set(ENGLISH_HTML) - seen
    assert not missing, "|".join(sorted(missing))

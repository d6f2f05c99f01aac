"""Atom feeds of status changes: overall and per field."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext

from core.base_url import absolute_url
from handlungsfelder.models import Handlungsfeld
from massnahmen.models import Berichtsrunde, StatusChange

from . import records

ITEMS = 50


class TextSummaryAtomFeed(Atom1Feed):
    """Atom whose summaries are plain text (type="text").

    Django writes a summary as type="html", escaped once: a feed reader unescapes it and renders
    a partner's note as markup (an <img onerror=…> would run). A note is text; say so.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class StatusChangeFeed(Feed):
    """Status changes as Atom, every link absolute at PORTAL_BASE_URL (core/base_url.py).

    Django's Feed makes a relative link absolute with the request's Host and scheme
    (get_current_site, request.is_secure()) and leaves an absolute one as it is. So the links are
    given absolute: a kept feed is served to every reader, whatever Host the first one sent.
    """

    feed_type = TextSummaryAtomFeed

    def get_object(self, request, slug=None):
        return get_object_or_404(Handlungsfeld, slug=slug) if slug else None

    def title(self, feld):
        base = gettext("Integrationsportal Magdeburg: Statusänderungen")
        return f"{base} – {feld.short_title}" if feld else base

    def subtitle(self, feld):
        return gettext("Neue Stände der Maßnahmen des Magdeburger Integrationskonzepts.")

    def link(self, feld):
        return absolute_url(feld.get_absolute_url() if feld else reverse("massnahmen:dashboard"))

    def feed_url(self, feld):
        return absolute_url(reverse("opendata:feed-feld", args=[feld.slug]) if feld else reverse("opendata:feed"))

    def items(self, feld):
        changes = StatusChange.objects.public_timeline().reported()
        if feld:
            changes = changes.filter(massnahme__handlungsfelder=feld)
        return changes[:ITEMS]

    def item_title(self, change):
        return f"{change.massnahme.title}: {change.get_new_status_display()}"

    def item_description(self, change):
        return change.note

    def item_link(self, change):
        return absolute_url(f"{change.massnahme.get_absolute_url()}#aenderung-{change.pk}")

    item_guid_is_permalink = False

    def item_guid(self, change):
        # A stable tag URI (RFC 4151): the entry keeps its id whatever the host or language.
        return f"tag:integrationsportal.magdeburg.de,2026:statusaenderung-{change.pk}"

    def item_pubdate(self, change):
        return change.changed_at

    def item_updateddate(self, change):
        return change.changed_at

    def item_author_name(self, change):
        return change.partner.name if change.partner else gettext("Landeshauptstadt Magdeburg")


class EntryFeed(Feed):
    """The public states and answers of challenges and ideas, newest first, as Atom (links absolute
    like StatusChangeFeed's). Never the internal remark: it is not part of the history."""

    feed_type = TextSummaryAtomFeed

    def title(self):
        return gettext("Integrationsportal Magdeburg: Herausforderungen und Ideen")

    def subtitle(self):
        return gettext("Neue Stände und öffentliche Antworten zu Herausforderungen und Ideen.")

    def link(self):
        return absolute_url(reverse("beteiligung:list"))

    def feed_url(self):
        return absolute_url(reverse("opendata:entries-feed"))

    def items(self):
        return records.entry_changes_queryset()[:ITEMS]

    def item_title(self, change):
        return f"{records.entry_title(change.entry)[0]}: {change.get_new_state_display()}"

    def item_description(self, change):
        return change.public_answer

    def item_link(self, change):
        return absolute_url(change.entry.get_absolute_url())

    item_guid_is_permalink = False

    def item_guid(self, change):
        return f"tag:integrationsportal.magdeburg.de,2026:beteiligung-{change.pk}"

    def item_pubdate(self, change):
        return change.changed_at

    def item_updateddate(self, change):
        return change.changed_at

    def item_author_name(self, change):
        return gettext("Landeshauptstadt Magdeburg")


class RoundFeed(Feed):
    """An entry for each closed reporting round (and for each closing again after a reopening)."""

    feed_type = TextSummaryAtomFeed

    def title(self):
        return gettext("Integrationsportal Magdeburg: abgeschlossene Berichtsrunden")

    def subtitle(self):
        return gettext("Der festgehaltene Stand der Maßnahmen zu jeder abgeschlossenen Berichtsrunde.")

    def link(self):
        return absolute_url(reverse("massnahmen:rounds"))

    def feed_url(self):
        return absolute_url(reverse("opendata:rounds-feed"))

    def items(self):
        return Berichtsrunde.objects.closed().order_by("-closed_at", "-pk")[:ITEMS]

    def item_title(self, runde):
        return gettext("Berichtsrunde abgeschlossen: %(title)s") % {"title": runde.title}

    def item_description(self, runde):
        return gettext("Zeitraum %(start)s bis %(end)s. Der Stand der Maßnahmen ist festgehalten; "
                       "Bericht als PDF und Tabelle.") % {
            "start": date_format(runde.period_start, "SHORT_DATE_FORMAT"),
            "end": date_format(runde.period_end, "SHORT_DATE_FORMAT")}

    def item_link(self, runde):
        return absolute_url(reverse("massnahmen:round", args=[runde.slug]))

    item_guid_is_permalink = False

    def item_guid(self, runde):
        # One entry per closing: a round closed again after a reopening is news again.
        return f"tag:integrationsportal.magdeburg.de,2026:berichtsrunde-{runde.pk}-{runde.snapshot_version}"

    def item_pubdate(self, runde):
        return runde.closed_at

    def item_updateddate(self, runde):
        return runde.closed_at

    def item_author_name(self, runde):
        return gettext("Landeshauptstadt Magdeburg")

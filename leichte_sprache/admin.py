"""Staff keep the Leichte Sprache texts here: pages, retold Leitlinien, the Wörterbuch, and the
test readers' check of each (Prüfgruppe, date)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import LeichteLeitlinie, Seite, Wort

PRUEFUNG_FIELDSET = (_("Prüfung durch Leserinnen und Leser der Zielgruppe"), {
    "fields": ["pruefgruppe", "checked_on"],
    "description": _("Ein Text gilt erst als Leichte Sprache, wenn eine Prüfgruppe ihn gelesen hat "
                     "(DIN SPEC 33429). Bis dahin sagt die Seite, dass die Prüfung noch kommt."),
})


class PruefungAdmin(admin.ModelAdmin):
    list_filter = ["checked_on"]  # "Kein Datum" lists the unchecked texts (the start page's task links here)

    @admin.display(boolean=True, description=_("geprüft"), ordering="checked_on")
    def is_checked(self, obj):
        return obj.is_checked


@admin.register(Seite)
class SeiteAdmin(PruefungAdmin):
    list_display = ["title", "slug", "platz", "position", "is_checked", "updated_at"]
    list_editable = ["position"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("Ort im Portal"), {"fields": ["position", "platz", "handlungsfeld", "standard_page"]}),
        PRUEFUNG_FIELDSET,
    ]


@admin.register(LeichteLeitlinie)
class LeichteLeitlinieAdmin(PruefungAdmin):
    list_display = ["__str__", "is_checked"]
    list_select_related = ["leitlinie__handlungsfeld", "leitlinie__edition"]
    list_filter = ["checked_on", "leitlinie__handlungsfeld", "leitlinie__edition"]
    search_fields = ["text", "leitlinie__text"]
    autocomplete_fields = ["leitlinie"]
    readonly_fields = ["binding_text"]
    fieldsets = [
        (None, {"fields": ["leitlinie", "binding_text", "text"]}),
        PRUEFUNG_FIELDSET,
    ]

    @admin.display(description=_("Verbindlicher Wortlaut"))
    def binding_text(self, obj):
        return obj.leitlinie.text if obj.pk else "–"


@admin.register(Wort)
class WortAdmin(PruefungAdmin):
    list_display = ["term", "slug", "is_checked"]
    search_fields = ["term", "forms", "explanation"]
    prepopulated_fields = {"slug": ["term"]}
    fieldsets = [
        (None, {"fields": ["term", "slug", "forms", "explanation"]}),
        PRUEFUNG_FIELDSET,
    ]

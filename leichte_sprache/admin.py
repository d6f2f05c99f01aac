"""Staff keep the Leichte Sprache texts here: pages, retold Leitlinien, the Wörterbuch, and the
test readers' check of each (Prüfgruppe, date)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .forms import LeichteSpracheForm
from .models import LeichteLeitlinie, Seite, Wort

CHECKER_FIELDSET = (_("Prüfprogramm Leichte Sprache"), {
    "fields": ["save_despite_errors"],
    "description": _("Das Prüfprogramm liest den Text bei jedem Speichern nach den Regeln der Leichten Sprache "
                     "(BITV 2.0 Anlage 2 Teil 2). Seine Fehler und Hinweise stehen unter dem Formular."),
})
PRUEFUNG_FIELDSET = (_("Prüfung durch Leserinnen und Leser der Zielgruppe"), {
    "fields": ["pruefgruppe", "checked_on"],
    "description": _("Ein Text gilt erst als Leichte Sprache, wenn eine Prüfgruppe ihn gelesen hat "
                     "(DIN SPEC 33429). Bis dahin sagt die Seite, dass die Prüfung noch kommt."),
})


class PruefungFilter(admin.SimpleListFilter):
    title = _("Prüfung durch eine Prüfgruppe")
    parameter_name = "pruefung"

    def lookups(self, request, model_admin):
        return [("offen", _("noch nicht oder nicht mehr geprüft")), ("geprueft", _("geprüft"))]

    def queryset(self, request, queryset):
        unchecked = queryset.unchecked()
        if self.value() == "offen":
            return unchecked
        if self.value() == "geprueft":
            return queryset.exclude(pk__in=unchecked.values("pk"))
        return queryset


class PruefungAdmin(admin.ModelAdmin):
    """A Leichte Sprache text: the checker's findings under the form, its errors stop a save (forms.py)."""

    form = LeichteSpracheForm
    change_form_template = "admin/leichte_sprache/change_form.html"
    # "noch nicht oder nicht mehr geprüft" lists the texts the start page's task counts.
    list_filter = [PruefungFilter]

    class Media:
        css = {"all": ["css/admin-leichte-sprache.css"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        errors = sum(len(report.errors) for _label, _name, report in form.reports)
        hints = sum(len(report.hints) for _label, _name, report in form.reports)
        if errors:
            self.message_user(request, _("Gespeichert trotz %(errors)d Fehlern des Prüfprogramms.") % {"errors": errors},
                              messages.WARNING)
        elif hints:
            self.message_user(request, _("Das Prüfprogramm fand keine Fehler und %(hints)d Hinweise; Sie sehen "
                                         "sie unter dem Formular.") % {"hints": hints}, messages.INFO)

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
        CHECKER_FIELDSET,
        PRUEFUNG_FIELDSET,
    ]


@admin.register(LeichteLeitlinie)
class LeichteLeitlinieAdmin(PruefungAdmin):
    list_display = ["__str__", "is_checked"]
    list_select_related = ["leitlinie__handlungsfeld", "leitlinie__edition"]
    list_filter = [PruefungFilter, "leitlinie__handlungsfeld", "leitlinie__edition"]
    search_fields = ["text", "leitlinie__text"]
    autocomplete_fields = ["leitlinie"]
    readonly_fields = ["binding_text"]
    fieldsets = [
        (None, {"fields": ["leitlinie", "binding_text", "text"]}),
        CHECKER_FIELDSET,
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
        CHECKER_FIELDSET,
        PRUEFUNG_FIELDSET,
    ]


from .admin_videos import *  # noqa: E402,F401,F403  (the DGS videos' admin)

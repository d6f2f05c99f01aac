from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from core.admin import LanguageGroupsMixin

from .models import Handlungsansatz, Handlungsfeld, Integrationskonzept, Leitlinie, LeitlinienEdition, Zielgruppe


@admin.register(Integrationskonzept)
class IntegrationskonzeptAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["title", "period"]

    def has_add_permission(self, request):
        return not Integrationskonzept.objects.exists()


class HandlungsansatzInline(admin.TabularInline):
    """German titles in one row each; the translations on each approach's own page (the link)."""

    model = Handlungsansatz
    extra = 0
    ordering = ["position"]
    fields = ["title_de", "position"]
    show_change_link = True


@admin.register(Handlungsfeld)
class HandlungsfeldAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["number", "title", "approach_count", "measure_count"]
    list_display_links = ["number", "title"]
    search_fields = ["title", "short_title", "description", "handlungsansaetze__title"]
    prepopulated_fields = {"slug": ["short_title"]}
    inlines = [HandlungsansatzInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            approach_total=Count("handlungsansaetze", distinct=True),
            measure_total=Count("massnahmen", distinct=True),
        )

    @admin.display(description=_("Handlungsansätze"), ordering="approach_total")
    def approach_count(self, obj):
        return obj.approach_total

    @admin.display(description=_("Maßnahmen"), ordering="measure_total")
    def measure_count(self, obj):
        return obj.measure_total


@admin.register(Handlungsansatz)
class HandlungsansatzAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["title", "handlungsfeld", "position"]
    list_filter = ["handlungsfeld"]
    search_fields = ["title"]
    list_select_related = ["handlungsfeld"]


@admin.register(Leitlinie)
class LeitlinieAdmin(LanguageGroupsMixin, TranslationAdmin):
    """Search across all statements; a statement's translations are edited here (the edition's page
    shows German only), its German wording only while its edition is a draft."""

    list_display = ["__str__", "edition", "handlungsfeld", "position"]
    list_filter = ["edition__status", "edition", "handlungsfeld"]
    search_fields = ["text"]
    list_select_related = ["edition", "handlungsfeld"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.edition.is_editable:
            return ["edition", "handlungsfeld", "position", "text_de"]
        return []

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.edition.is_editable:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Zielgruppe)
class ZielgruppeAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["name", "marker", "qualifier"]
    search_fields = ["name", "definition"]


def selected_field(request):
    """The Handlungsfeld number the edition's page is narrowed to (?handlungsfeld=2), or None for all."""
    value = request.GET.get("handlungsfeld", "")
    return int(value) if value.isdigit() and len(value) < 3 else None


class LeitlinieInline(admin.TabularInline):
    """The edition's statements in German, one row each — all of them, or one Handlungsfeld's
    (?handlungsfeld=N, the links above the list); a statement's translations are edited on its own
    page (the row's link), grouped per language. Seven languages of 33 statements inline made the
    edition's page about 60,000 px high."""

    model = Leitlinie
    extra = 0
    ordering = ["handlungsfeld__number", "position"]
    fields = ["handlungsfeld", "position", "text_de"]
    show_change_link = True

    def get_queryset(self, request):
        # Each row's title names its field and its edition's state.
        queryset = super().get_queryset(request).select_related("edition", "handlungsfeld")
        number = selected_field(request)
        return queryset if number is None else queryset.filter(handlungsfeld__number=number)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "handlungsfeld":
            # The six fields read once for the whole page: a ModelChoiceField reads its queryset
            # again for every row it renders (one query per statement).
            field.choices = list(field.choices)
            number = selected_field(request)
            if number is not None:  # a statement added while one field is shown belongs to it
                field.initial = Handlungsfeld.objects.filter(number=number).values_list("pk", flat=True).first()
        return field

    def _frozen(self, obj):
        return obj is not None and not obj.is_editable

    def get_readonly_fields(self, request, obj=None):
        # The German wording of a published edition is the council's; translations stay editable.
        return ["handlungsfeld", "position", "text_de"] if self._frozen(obj) else []

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


@admin.register(LeitlinienEdition)
class LeitlinienEditionAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["title", "resolution_number", "resolution_date", "publication_date", "status", "statement_count"]
    list_filter = ["status"]
    search_fields = ["title", "resolution_number", "preamble", "leitlinien__text"]
    readonly_fields = ["status", "published_at"]
    filter_horizontal = ["zielgruppen"]
    inlines = [LeitlinieInline]
    actions = ["publish", "copy_as_draft"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statement_total=Count("leitlinien"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Links above the statements: all of them, or one Handlungsfeld's at a time.
        number = selected_field(request)
        fields = Handlungsfeld.objects.filter(leitlinien__edition_id=object_id).annotate(
            statements=Count("leitlinien")).order_by("number") if str(object_id).isdigit() else []
        extra_context = {**(extra_context or {}), "field_choices": [
            {"feld": feld, "statements": feld.statements, "selected": feld.number == number} for feld in fields
        ], "all_fields_selected": number is None}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("Leitlinien"), ordering="statement_total")
    def statement_count(self, obj):
        return obj.statement_total

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and not obj.is_editable:
            fields += [f"{name}_de" if name not in ("resolution_date", "resolution_number") else name
                       for name in LeitlinienEdition.FROZEN_FIELDS]
            fields += ["volume", "publication_date", "publication_place", "zielgruppen"]
        return fields

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # published editions must never be bulk-deleted
        return actions

    @admin.action(description=_("Ausgewählten Entwurf veröffentlichen (ersetzt die gültige Fassung)"))
    def publish(self, request, queryset):
        drafts = list(queryset.filter(status=LeitlinienEdition.Status.DRAFT))
        if len(drafts) != 1 or queryset.count() != 1:
            self.message_user(request, _("Bitte genau einen Entwurf auswählen."), messages.ERROR)
            return
        drafts[0].publish()
        self.message_user(request, _("„%(edition)s“ ist jetzt die gültige Fassung.") % {"edition": drafts[0]})

    @admin.action(description=_("Als neuen Entwurf kopieren (zur Überarbeitung)"))
    def copy_as_draft(self, request, queryset):
        copies = [edition.copy_as_draft() for edition in queryset]
        self.message_user(
            request,
            ngettext("%(count)d Entwurf angelegt.", "%(count)d Entwürfe angelegt.", len(copies)) % {"count": len(copies)},
        )

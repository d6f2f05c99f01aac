from django.conf import settings
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from modeltranslation.utils import build_localized_fieldname

from .models import OutboundMail, SourceText, Synonym, TranslationRecord


class ReadOnlyAdminMixin:
    """A record staff read and nobody adds, changes or deletes in the admin (history, logs)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LanguageGroupsMixin:
    """For a modeltranslation admin: German fields where the admin puts them, each other language
    in one folded fieldset at the end, named in the staff's language.

    Seven languages side by side made a form seven times as long as its German text; staff edit
    German and open one language when they translate. The folding is Django's own "collapse"
    fieldset (a <details> element), so it works without JavaScript from elsewhere.
    """

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        language_of = {
            build_localized_fieldname(name, code): code
            for name in self.trans_opts.all_fields
            for code, _name in settings.LANGUAGES
        }
        groups = {code: [] for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE}
        grouped = []
        for title, options in fieldsets:
            kept = []
            for field in options.get("fields", []):
                code = language_of.get(field) if isinstance(field, str) else None
                if code in groups:
                    groups[code].append(field)
                else:
                    kept.append(field)
            if kept:
                grouped.append((title, {**options, "fields": kept}))
        for code, fields in groups.items():
            if fields:
                grouped.append((get_language_info(code)["name_translated"], {"fields": fields, "classes": ["collapse"]}))
        return grouped


def source_link(source):
    content_type = source.content_type
    url = reverse(f"admin:{content_type.app_label}_{content_type.model}_change", args=[source.object_id])
    return format_html('<a href="{}">{} #{}</a>', url, content_type.name, source.object_id)


class OutdatedFilter(admin.SimpleListFilter):
    title = _("Aktualität")
    parameter_name = "stand"

    def lookups(self, request, model_admin):
        return [("veraltet", _("veraltet")), ("aktuell", _("aktuell"))]

    def queryset(self, request, queryset):
        if self.value() == "veraltet":
            return queryset.outdated()
        if self.value() == "aktuell":
            return queryset.current()
        return queryset


@admin.register(TranslationRecord)
class TranslationRecordAdmin(admin.ModelAdmin):
    """Translations per language; outdated ones are those whose German text changed since."""

    list_display = ["object_link", "field_name", "language", "state", "confirmed_at", "german_changed_at"]
    list_filter = [OutdatedFilter, "language", "source__content_type"]
    list_select_related = ["source", "source__content_type"]
    actions = ["confirm"]
    change_list_template = "admin/core/translationrecord/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(german_hash=F("source__source_hash"))

    @admin.display(description=_("Inhalt"))
    def object_link(self, obj):
        return source_link(obj.source)

    @admin.display(description=_("Feld"), ordering="source__field")
    def field_name(self, obj):
        return obj.source.field

    @admin.display(description=_("Stand"))
    def state(self, obj):
        return _("veraltet") if obj.source_hash != obj.german_hash else _("aktuell")

    @admin.display(description=_("deutscher Text geändert"), ordering="source__changed_at")
    def german_changed_at(self, obj):
        return obj.source.changed_at

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "coverage": SourceText.objects.coverage()}
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Übersetzung als aktuell bestätigen"))
    def confirm(self, request, queryset):
        count = queryset.confirm(request.user)
        self.message_user(
            request, ngettext("%(count)d Übersetzung bestätigt.", "%(count)d Übersetzungen bestätigt.", count) % {"count": count}
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MissingInLanguageFilter(admin.SimpleListFilter):
    title = _("fehlt in Sprache")
    parameter_name = "fehlt"

    def lookups(self, request, model_admin):
        return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.exclude(translations__language=self.value())
        return queryset


@admin.register(SourceText)
class SourceTextAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """German content texts; filter by language to see what still needs a translation."""

    list_display = ["object_link", "field_label", "changed_at"]
    list_filter = [MissingInLanguageFilter, "content_type"]
    list_select_related = ["content_type"]

    @admin.display(description=_("Inhalt"))
    def object_link(self, obj):
        return source_link(obj)

    @admin.display(description=_("Feld"), ordering="field")
    def field_label(self, obj):
        """The field as the content's form names it ("Titel"), not its name in the code ("title")."""
        model = obj.content_type.model_class()
        try:
            return capfirst(model._meta.get_field(obj.field).verbose_name)
        except (AttributeError, FieldDoesNotExist):  # a model or field removed since
            return obj.field


@admin.register(OutboundMail)
class OutboundMailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every mail the portal sent or failed to send: "did the partner get it?"."""

    list_display = ["sent_at", "kind", "recipients", "subject", "outcome", "error"]
    list_filter = ["outcome", "kind"]
    search_fields = ["recipients", "subject"]
    search_help_text = _("Suche nach Empfängeradresse oder Betreff")
    date_hierarchy = "sent_at"


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Staff extend what the search treats as the same word, per language."""

    list_display = ("words", "language")
    list_filter = ("language",)
    search_fields = ("words",)

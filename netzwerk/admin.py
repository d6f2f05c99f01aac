from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import (
    Arbeitsgruppe, Finanzierungsquelle, Netzwerk, Netzwerkpartner, PartnerMembership, Projekt, Stadtteil, Thema,
)


@admin.register(Stadtteil)
class StadtteilAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Thema)
class ThemaAdmin(TranslationAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(Arbeitsgruppe)
class ArbeitsgruppeAdmin(TranslationAdmin):
    list_display = ["name"]
    search_fields = ["name", "description"]
    filter_horizontal = ["themen"]


class MembershipInline(admin.TabularInline):
    model = PartnerMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Netzwerkpartner)
class NetzwerkpartnerAdmin(TranslationAdmin):
    list_display = ["name", "typ", "is_network_member", "measure_count", "contact_person"]
    list_filter = ["typ", "is_network_member", "themen", "arbeitsgruppen"]
    search_fields = ["name", "description", "contact_person", "email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themen", "arbeitsgruppen"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(measure_total=Count("massnahmen", distinct=True))

    @admin.display(description=_("Maßnahmen"), ordering="measure_total")
    def measure_count(self, obj):
        return obj.measure_total


@admin.register(Netzwerk)
class NetzwerkAdmin(TranslationAdmin):
    list_display = ["name", "founded_year", "contact"]
    filter_horizontal = ["themen"]

    def has_add_permission(self, request):
        return not Netzwerk.objects.exists()


@admin.register(Finanzierungsquelle)
class FinanzierungsquelleAdmin(TranslationAdmin):
    list_display = ["name", "short_name", "ebene"]
    list_filter = ["ebene"]
    search_fields = ["name", "short_name"]


@admin.register(Projekt)
class ProjektAdmin(TranslationAdmin):
    list_display = ["title", "start_date", "end_date"]
    list_filter = ["funding", "stadtteile", "partner"]
    search_fields = ["title", "summary", "description"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["funding", "stadtteile", "partner"]


@admin.register(PartnerMembership)
class PartnerMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partner", "created_at"]
    list_filter = ["partner"]
    search_fields = ["user__username", "user__email", "partner__name"]
    autocomplete_fields = ["user", "partner"]

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .forms import InvitationForm
from .invitations import invite
from .models import (
    Arbeitsgruppe, EditorProfile, Finanzierungsquelle, Invitation, Netzwerk, Netzwerkpartner, PartnerMembership,
    Projekt, Stadtteil, Thema,
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
    list_display = ["name", "founded_year", "ansprechstelle"]
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
    list_filter = ["finanzierungsquellen", "stadtteile", "partner"]
    search_fields = ["title", "summary", "description"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["finanzierungsquellen", "stadtteile", "partner"]


@admin.register(PartnerMembership)
class PartnerMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partner", "created_at"]
    list_filter = ["partner"]
    search_fields = ["user__username", "user__email", "partner__name"]
    autocomplete_fields = ["user", "partner"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Inviting a partner editor: the add form sends the one-time link by e-mail."""

    form = InvitationForm
    list_display = ["email", "partner", "language", "created_at", "state", "invited_by"]
    list_filter = ["partner", "language"]
    search_fields = ["email", "partner__name"]
    list_select_related = ["partner", "invited_by"]

    @admin.display(description=_("Stand"))
    def state(self, obj):
        if obj.accepted_at:
            return _("angenommen")
        return _("abgelaufen") if obj.is_expired() else _("offen")

    def save_model(self, request, obj, form, change):
        invitation = invite(obj.email, obj.partner, obj.language, invited_by=request.user)
        obj.pk = invitation.pk

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EditorProfile)
class EditorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "language"]
    list_filter = ["language"]
    search_fields = ["user__username", "user__email"]

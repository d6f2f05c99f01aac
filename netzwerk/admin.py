from django.contrib import admin, messages
from django.db import models
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin

from core.admin import LanguageGroupsMixin
from core.models import OutboundMail

from .forms import InvitationForm
from .invitations import AlreadyAccepted, invitation_link, invite, resend
from .models import (
    Arbeitsgruppe, EditorProfile, Finanzierungsquelle, Invitation, Netzwerk, Netzwerkpartner, PartnerMembership,
    Projekt, Stadtteil, Thema,
)


@admin.register(Stadtteil)
class StadtteilAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Thema)
class ThemaAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(Arbeitsgruppe)
class ArbeitsgruppeAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["name"]
    search_fields = ["name", "description"]
    filter_horizontal = ["themen"]


class HiddenFromIndex:
    """Reached from the partner's page (and from "Was ansteht"), not listed on its own."""

    def has_module_permission(self, request):
        return False


class MembershipInline(admin.TabularInline):
    """The partner's editors; new ones come by invitation."""

    model = PartnerMembership
    extra = 0
    fields = ["user", "email", "language", "created_at"]
    readonly_fields = ["user", "email", "language", "created_at"]
    verbose_name = _("Redakteurin oder Redakteur")
    verbose_name_plural = _("Redaktion (Zugänge zum Partnerbereich)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "user__editor_profile", "partner")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("E-Mail"))
    def email(self, membership):
        return membership.user.email

    @admin.display(description=_("Sprache der E-Mails"))
    def language(self, membership):
        return EditorProfile.language_of(membership.user)


def mail_log_link(email):
    url = reverse("admin:core_outboundmail_changelist")
    return format_html('<a href="{}?q={}">{}</a>', url, email, gettext("E-Mail-Protokoll"))


class InvitationInline(admin.TabularInline):
    """The partner's invitations, newest first: state, the last mail's outcome, the link to copy, send again."""

    model = Invitation
    extra = 0
    can_delete = False
    fields = ["email", "language", "created_at", "invited_by", "state", "last_mail", "link", "send_again"]
    readonly_fields = fields
    verbose_name_plural = _("Einladungen")

    def get_fields(self, request, obj=None):
        # The link sets the account's password: only for staff who may invite (and so send again).
        if request.user.has_perm("netzwerk.add_invitation"):
            return self.fields
        return [name for name in self.fields if name not in ("link", "send_again")]

    def get_queryset(self, request):
        # An invitation mail has one recipient: the log row's recipients is the invitation's address.
        mails = OutboundMail.objects.filter(recipients=OuterRef("email"), kind=OutboundMail.Kind.EINLADUNG,
                                            sent_at__gte=OuterRef("created_at")).order_by("-sent_at", "-pk")
        return super().get_queryset(request).select_related("user", "invited_by", "partner").annotate(
            mail_outcome=Subquery(mails.values("outcome")[:1]), mail_sent_at=Subquery(mails.values("sent_at")[:1]))

    @admin.display(description=_("letzte E-Mail"))
    def last_mail(self, invitation):
        if not invitation.mail_outcome:
            return "–"
        return f"{OutboundMail.Outcome(invitation.mail_outcome).label} ({date_format(localtime(invitation.mail_sent_at), 'SHORT_DATETIME_FORMAT')})"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Stand"))
    def state(self, invitation):
        return invitation.state()

    @admin.display(description=_("Einladungslink zum Kopieren"))
    def link(self, invitation):
        if invitation.accepted_at or invitation.is_expired():
            return "–"
        return format_html('<input type="text" readonly size="24" value="{}" aria-label="{}">',
                           invitation_link(invitation), gettext("Einladungslink zum Kopieren"))

    @admin.display(description=_("Versand"))
    def send_again(self, invitation):
        log = mail_log_link(invitation.email)
        if invitation.accepted_at:
            return log
        url = reverse("admin:netzwerk_netzwerkpartner_resend", args=[invitation.partner_id, invitation.pk])
        return format_html('<button type="submit" formaction="{}" formnovalidate class="button">{}</button> {}',
                           url, gettext("erneut senden"), log)


@admin.register(Netzwerkpartner)
class NetzwerkpartnerAdmin(LanguageGroupsMixin, TranslationAdmin):
    """A partner, with its editors and invitations: partner accounts in one place."""

    # A web address typed without a scheme is taken as https (Django 6's default; 5.2 warns).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    list_display = ["name", "typ", "is_network_member", "measure_count", "contact_person"]
    list_filter = ["typ", "is_network_member", "themen", "arbeitsgruppen"]
    search_fields = ["name", "description", "contact_person", "email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themen", "arbeitsgruppen"]
    inlines = [MembershipInline, InvitationInline]
    change_form_template = "admin/netzwerk/netzwerkpartner/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(measure_total=Count("massnahmen", distinct=True))

    def get_urls(self):
        resend_view = self.admin_site.admin_view(require_POST(self.resend_view))
        return [path("<path:object_id>/einladungen/<int:invitation_id>/erneut-senden/", resend_view,
                     name="netzwerk_netzwerkpartner_resend"), *super().get_urls()]

    def resend_view(self, request, object_id, invitation_id):
        """The "erneut senden" button of an invitation row (it posts the partner's form here)."""
        partner = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not (self.has_change_permission(request, partner) and request.user.has_perm("netzwerk.add_invitation")):
            raise PermissionDenied
        invitation = get_object_or_404(partner.invitations, pk=invitation_id)
        try:
            resend(invitation, by=request.user)
        except AlreadyAccepted:
            self.message_user(request, gettext("%(email)s hat die Einladung schon angenommen.")
                              % {"email": invitation.email}, messages.WARNING)
        else:
            self.message_user(request, gettext("Einladung erneut an %(email)s gesendet; frühere Links gelten nicht mehr.")
                              % {"email": invitation.email}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:netzwerk_netzwerkpartner_change", args=[partner.pk]))

    @admin.display(description=_("Maßnahmen"), ordering="measure_total")
    def measure_count(self, obj):
        return obj.measure_total


@admin.register(Netzwerk)
class NetzwerkAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["name", "founded_year", "ansprechstelle"]
    filter_horizontal = ["themen"]

    def has_add_permission(self, request):
        return not Netzwerk.objects.exists()


@admin.register(Finanzierungsquelle)
class FinanzierungsquelleAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["name", "short_name", "ebene"]
    list_filter = ["ebene"]
    search_fields = ["name", "short_name"]


@admin.register(Projekt)
class ProjektAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["title", "start_date", "end_date"]
    list_filter = ["finanzierungsquellen", "stadtteile", "partner"]
    search_fields = ["title", "summary", "description"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["finanzierungsquellen", "stadtteile", "partner"]


@admin.register(PartnerMembership)
class PartnerMembershipAdmin(HiddenFromIndex, admin.ModelAdmin):
    list_display = ["user", "partner", "created_at"]
    list_filter = ["partner"]
    search_fields = ["user__username", "user__email", "partner__name"]
    autocomplete_fields = ["user", "partner"]


class InvitationStateFilter(admin.SimpleListFilter):
    title = _("Stand")
    parameter_name = "stand"

    def lookups(self, request, model_admin):
        return [("offen", _("offen")), ("abgelaufen", _("abgelaufen")), ("angenommen", _("angenommen"))]

    def queryset(self, request, queryset):
        return {"offen": queryset.pending, "abgelaufen": queryset.expired,
                "angenommen": queryset.accepted}.get(self.value(), queryset.all)()


@admin.register(Invitation)
class InvitationAdmin(HiddenFromIndex, admin.ModelAdmin):
    """Inviting a partner editor: the add form sends the one-time link by e-mail.

    Reached from a partner's page ("Person einladen"), where the invitations are listed.
    """

    form = InvitationForm
    list_display = ["email", "partner", "language", "created_at", "state", "invited_by"]
    list_filter = [InvitationStateFilter, "partner", "language"]
    search_fields = ["email", "partner__name"]
    list_select_related = ["partner", "invited_by"]
    actions = ["send_again"]

    @admin.display(description=_("Stand"))
    def state(self, obj):
        return obj.state()

    def save_model(self, request, obj, form, change):
        invitation = invite(obj.email, obj.partner, obj.language, invited_by=request.user)
        obj.pk = invitation.pk

    def response_add(self, request, obj, post_url_continue=None):
        # Back to the partner's page, where the new invitation is listed with its link.
        self.message_user(request, gettext("Einladung an %(email)s gesendet.") % {"email": obj.email},
                          messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:netzwerk_netzwerkpartner_change", args=[obj.partner_id]))

    @admin.action(description=_("Einladungen erneut senden (frühere Links gelten nicht mehr)"))
    def send_again(self, request, queryset):
        sent = 0
        for invitation in queryset.filter(accepted_at__isnull=True):
            resend(invitation, by=request.user)
            sent += 1
        self.message_user(request, ngettext("%(count)d Einladung erneut gesendet.",
                                            "%(count)d Einladungen erneut gesendet.", sent) % {"count": sent})

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EditorProfile)
class EditorProfileAdmin(HiddenFromIndex, admin.ModelAdmin):
    list_display = ["user", "language"]
    list_filter = ["language"]
    search_fields = ["user__username", "user__email"]

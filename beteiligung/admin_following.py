"""Staff's view of the follows, and the DSGVO page: export or erase everything about one address."""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from django_tasks_db.models import DBTaskResult

from . import privacy
from .models import Follow

# django-tasks-db's own admin of the queue speaks only English, in an admin that is German for
# staff. The queue's only tasks are mails, and the mail log (core.OutboundMail) has a row for every
# attempt, sent or failed, with the error: that is the log staff read.
admin.site.unregister(DBTaskResult)


class AddressForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"))


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["email", "target", "is_author", "language", "created_at", "confirmed_at"]
    list_filter = ["language", "is_author", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    list_select_related = ["massnahme", "herausforderung"]
    readonly_fields = ["email", "massnahme", "herausforderung", "is_author", "language", "created_at", "confirmed_at"]
    change_list_template = "admin/beteiligung/follow/change_list.html"

    def has_add_permission(self, request):
        return False  # people follow themselves, with double opt-in

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("folgt"))
    def target(self, follow):
        return follow.target

    def get_urls(self):
        return [
            path("datenschutz/", self.admin_site.admin_view(self.privacy_view), name="beteiligung_follow_privacy"),
            *super().get_urls(),
        ]

    def privacy_view(self, request):
        """Export (JSON download) or erase everything stored about one address.

        Export needs the permission to view follows, erasing the one to delete them. Both are
        written to the admin's history without the address: the log must not keep what was erased.
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = AddressForm(request.POST or None)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
                   "title": _("Datenschutz: Auskunft und Löschung zu einer E-Mail-Adresse"),
                   "can_erase": self.has_delete_permission(request)}
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            if "export" in request.POST:
                data = privacy.personal_data(email)
                self.log(request, _("Auskunft zu einer E-Mail-Adresse als JSON heruntergeladen."))
                response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                                        content_type="application/json; charset=utf-8")
                response["Content-Disposition"] = f'attachment; filename="auskunft-{timezone.now():%Y-%m-%d}.json"'
                return response
            if not context["can_erase"]:
                raise PermissionDenied
            if "erase" in request.POST:
                context["preview"] = privacy.personal_data(email)
                return TemplateResponse(request, "admin/beteiligung/follow/privacy.html", context)
            if "erase_confirmed" in request.POST:
                counts = privacy.erase(email)
                summary = _(
                    "Daten zu einer E-Mail-Adresse gelöscht: %(follows)s Folgen, Adresse aus %(mail_log)s Einträgen "
                    "des E-Mail-Protokolls und %(barrier_reports)s Barrierenmeldungen entfernt, %(login_records)s "
                    "Anmeldeeinträge gelöscht. Konten (%(accounts_kept)s) bitte in der Benutzerverwaltung bearbeiten."
                ) % counts
                self.log(request, summary)
                messages.success(request, summary)
                return redirect(reverse("admin:beteiligung_follow_privacy"))
        return TemplateResponse(request, "admin/beteiligung/follow/privacy.html", context)

    def log(self, request, message):
        LogEntry.objects.create(
            user=request.user, content_type=ContentType.objects.get_for_model(Follow), object_id="",
            object_repr=str(_("Datenschutz-Auskunft/Löschung")), action_flag=DELETION, change_message=str(message),
        )

from urllib.parse import quote, urlencode

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from core.admin import LanguageGroupsMixin

from .models import Barrierenmeldung, Seite


@admin.register(Seite)
class SeiteAdmin(LanguageGroupsMixin, TranslationAdmin):
    list_display = ["title", "key", "updated_at"]

    def has_add_permission(self, request):
        return Seite.objects.count() < len(Seite.Key.choices)

    def has_delete_permission(self, request, obj=None):
        return False  # the legal pages must always exist


@admin.register(Barrierenmeldung)
class BarrierenmeldungAdmin(admin.ModelAdmin):
    list_display = ["created_at", "description", "page_url", "language", "handled"]
    list_filter = ["handled", "language"]
    list_editable = ["handled"]
    search_fields = ["description", "page_url", "email"]
    fields = ["created_at", "language", "page_url", "description", "email", "reply", "handled"]
    readonly_fields = ["page_url", "description", "email", "language", "created_at", "reply"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("Antwort"))
    def reply(self, obj):
        """A reply in staff's own mail program, addressed and with the report quoted: the answer
        comes from a person at the Stabsstelle, whom the reporter can write back to."""
        if not obj.email:
            return gettext("Keine E-Mail-Adresse angegeben: eine Antwort ist nicht möglich.")
        subject = gettext("Ihre Barrierenmeldung vom %(date)s") % {"date": f"{localtime(obj.created_at):%d.%m.%Y}"}
        quoted = "\n".join(f"> {line}" for line in obj.description.splitlines())
        body = "\n\n\n" + gettext("Ihre Meldung:") + "\n" + quoted
        query = urlencode({"subject": subject, "body": body}, quote_via=quote)
        return format_html('<a class="button" href="mailto:{}?{}">{}</a>', quote(obj.email, safe="@"), query,
                           gettext("Antwort an %(email)s schreiben") % {"email": obj.email})


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Accounts are deactivated, never deleted: the status history names who made each change."""

    actions = ["deactivate"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Zugänge deaktivieren (der Statusverlauf behält den Namen)"))
    def deactivate(self, request, queryset):
        count = queryset.filter(is_active=True).update(is_active=False)
        self.message_user(request, ngettext("%(count)d Zugang deaktiviert.", "%(count)d Zugänge deaktiviert.", count)
                          % {"count": count})

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
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
    readonly_fields = ["page_url", "description", "email", "language", "created_at"]

    def has_add_permission(self, request):
        return False


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

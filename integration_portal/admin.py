from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Barrierenmeldung, Seite


@admin.register(Seite)
class SeiteAdmin(TranslationAdmin):
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

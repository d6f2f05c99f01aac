"""The DGS videos in the admin: upload (checked by ffprobe), checklist, what was measured."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import DgsVideo
from .templatetags.dgs import megabytes, running_time

__all__ = ["DgsVideoAdmin"]


@admin.register(DgsVideo)
class DgsVideoAdmin(admin.ModelAdmin):
    list_display = ["title", "slot", "published", "resolution", "frame_rate", "running_time", "file_size", "uploaded_at"]
    list_filter = ["published"]
    search_fields = ["title", "slot", "text_alternative"]
    readonly_fields = ["preview", "resolution", "frame_rate", "running_time", "file_size", "format", "uploaded_at"]
    fieldsets = [
        (None, {"fields": ["slot", "title", "file", "text_alternative"]}),
        (_("Prüfliste nach Anlage 2 Teil 1 BITV 2.0"), {
            "description": _("Bitte sehen Sie sich das Video an und bestätigen Sie jeden Punkt. Erst dann "
                             "können Sie es veröffentlichen."),
            "fields": ["no_shadows", "calm_background", "dark_clothing", "dgs_logo", "published"],
        }),
        (_("Gemessen beim Hochladen"), {
            "fields": ["preview", "resolution", "frame_rate", "running_time", "file_size", "format", "uploaded_at"],
        }),
    ]

    @admin.display(description=_("Vorschau"))
    def preview(self, video):
        if not video.file:
            return "–"
        return format_html('<video controls preload="metadata" width="320" src="{}"></video>', video.url)

    @admin.display(description=_("Auflösung"))
    def resolution(self, video):
        return f"{video.width} × {video.height}" if video.width else "–"

    @admin.display(description=_("Bilder pro Sekunde"), ordering="fps")
    def frame_rate(self, video):
        return f"{video.fps:g}" if video.fps else "–"

    @admin.display(description=_("Laufzeit"), ordering="duration")
    def running_time(self, video):
        return running_time(video.duration)

    @admin.display(description=_("Dateigröße"), ordering="size")
    def file_size(self, video):
        return _("%(size)s MB") % {"size": megabytes(video.size)}

    @admin.display(description=_("Format"))
    def format(self, video):
        return f"{video.container.upper()} / {video.codec.upper()}" if video.container else "–"

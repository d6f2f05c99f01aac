"""Internal remarks on an entry: what staff note for each other. Never shown to the public."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from massnahmen.models import Herausforderung


class InternalRemark(models.Model):
    entry = models.ForeignKey(
        Herausforderung, on_delete=models.CASCADE, related_name="internal_remarks", verbose_name=_("Eintrag")
    )
    text = models.TextField(_("Interne Bemerkung"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("geschrieben von"),
    )
    written_at = models.DateTimeField(_("geschrieben am"), default=timezone.now)

    class Meta:
        ordering = ["-written_at", "-pk"]
        verbose_name = _("Interne Bemerkung")
        verbose_name_plural = _("Interne Bemerkungen")

    def __str__(self):
        return f"{self.entry}: {self.written_at:%d.%m.%Y}"

"""The portal's own pages: the legal pages staff edit, and the barrier reports visitors send."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Seite(models.Model):
    """A page whose text staff keep: Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit."""

    class Key(models.TextChoices):
        IMPRESSUM = "impressum", _("Impressum")
        DATENSCHUTZ = "datenschutz", _("Datenschutzerklärung")
        BARRIEREFREIHEIT = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")

    key = models.CharField(_("Seite"), max_length=30, choices=Key.choices, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    body = models.TextField(
        _("Text"), help_text=_("Absätze durch eine Leerzeile trennen; Listenpunkte mit „- “ beginnen. Kein HTML.")
    )
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten (Impressum, Datenschutz, Barrierefreiheit)")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"portal:{self.key}")


class Barrierenmeldung(models.Model):
    """A barrier a visitor reports from the accessibility statement (BITV 2.0 feedback mechanism)."""

    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    description = models.TextField(_("Beschreibung der Barriere"), max_length=5000)
    email = models.EmailField(_("E-Mail für Rückfragen"), blank=True)
    language = models.CharField(_("Sprache"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("eingegangen am"), default=timezone.now)
    handled = models.BooleanField(_("erledigt"), default=False)

    class Meta:
        ordering = ["handled", "-created_at"]
        verbose_name = _("Barrierenmeldung")
        verbose_name_plural = _("Barrierenmeldungen")

    def __str__(self):
        return f"{self.created_at:%d.%m.%Y}: {self.description[:60]}"

"""An entry hidden for breaking the rules: it leaves every public page; its author is told why."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from massnahmen.models import Herausforderung

from ..signals import entry_hidden


class HidingReason(models.TextChoices):
    BELEIDIGUNG = "beleidigung", _("Beleidigung oder Herabwürdigung")
    PERSONENBEZUG = "personenbezug", _("Persönliche Daten anderer Menschen")
    WERBUNG = "werbung", _("Werbung")
    SONSTIGES = "sonstiges", _("anderer Verstoß gegen die Regeln")


class Hiding(models.Model):
    entry = models.OneToOneField(
        Herausforderung, on_delete=models.CASCADE, primary_key=True, related_name="hiding", verbose_name=_("Eintrag")
    )
    reason = models.CharField(_("Grund"), max_length=20, choices=HidingReason.choices)
    explanation = models.TextField(
        _("Erläuterung für die einsendende Person"), blank=True,
        help_text=_("Wird der einsendenden Person mitgeteilt, wenn sie eine E-Mail-Adresse angegeben hat; nie öffentlich."),
    )
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("ausgeblendet von"),
    )
    hidden_at = models.DateTimeField(_("ausgeblendet am"), default=timezone.now)

    class Meta:
        verbose_name = _("Ausblendung")
        verbose_name_plural = _("Ausblendungen")

    def __str__(self):
        return f"{self.entry}: {self.get_reason_display()}"

    @classmethod
    def hide(cls, entry, reason, explanation="", by=None):
        """Hide `entry` (once); after commit, entry_hidden tells the author. Returns the Hiding."""
        with transaction.atomic():
            hiding, created = cls.objects.get_or_create(
                entry=entry, defaults={"reason": reason, "explanation": explanation, "hidden_by": by}
            )
            if created:
                transaction.on_commit(lambda: entry_hidden.send(
                    sender=cls, entry=entry, reason=HidingReason(hiding.reason), hiding=hiding))
        return hiding

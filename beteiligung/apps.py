from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeteiligungConfig(AppConfig):
    """Citizens raise challenges and ideas, staff moderate in the open, anyone may follow."""

    name = "beteiligung"
    verbose_name = _("Beteiligung")

    def ready(self):
        # The receivers that turn committed changes into mails to followers.
        from . import tasks  # noqa: F401

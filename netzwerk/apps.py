from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetzwerkConfig(AppConfig):
    name = "netzwerk"
    verbose_name = _("Netzwerk und Projekte")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .signals import remember_language

        user_logged_in.connect(remember_language, dispatch_uid="netzwerk-remember-language")

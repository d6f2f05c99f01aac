from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetzwerkConfig(AppConfig):
    name = "netzwerk"
    verbose_name = _("Netzwerk und Projekte")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core.content_stamp import track

        from .signals import remember_language

        # Editor memberships are accounts, not content.
        track(*(model for model in self.get_models() if model.__name__ != "PartnerMembership"))
        user_logged_in.connect(remember_language, dispatch_uid="netzwerk-remember-language")

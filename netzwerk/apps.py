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

        from core import search

        Netzwerkpartner = self.get_model("Netzwerkpartner")
        Projekt = self.get_model("Projekt")
        search.register(Netzwerkpartner, kind="partner", label=_("Netzwerkpartner"),
                        fields=("name", "description", "contact_role"),
                        queryset=Netzwerkpartner.objects.all, url=Netzwerkpartner.get_absolute_url)
        search.register(Projekt, kind="projekt", label=_("Projekte"),
                        fields=("title", "summary", "description", "aims", "main_target_group"),
                        queryset=Projekt.objects.all, url=Projekt.get_absolute_url)

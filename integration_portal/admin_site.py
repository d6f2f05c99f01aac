"""The Stabsstelle's admin: a start page that says what needs doing, models grouped by task."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The index's sections, in the order staff meet them; each lists "app_label.model" in order.
# A registered model named nowhere here lands in "Technik", which only superusers see.
SECTIONS = [
    ("massnahmen", _("Maßnahmen"), [
        "massnahmen.massnahme", "massnahmen.statuschange", "massnahmen.reminder", "massnahmen.berichtsrunde",
        "massnahmen.snapshot", "massnahmen.reopening", "massnahmen.beteiligungsformat",
    ]),
    ("beteiligung", _("Beteiligung"), ["massnahmen.herausforderung", "beteiligung.follow"]),
    ("partner", _("Netzwerk und Partner"), [
        "netzwerk.netzwerkpartner", "netzwerk.netzwerk", "netzwerk.projekt", "netzwerk.arbeitsgruppe",
        "netzwerk.thema", "netzwerk.finanzierungsquelle", "netzwerk.stadtteil",
    ]),
    ("konzept", _("Integrationskonzept und Leitlinien"), [
        "handlungsfelder.integrationskonzept", "handlungsfelder.handlungsfeld", "handlungsfelder.handlungsansatz",
        "handlungsfelder.leitlinienedition", "handlungsfelder.leitlinie", "handlungsfelder.zielgruppe",
    ]),
    ("leichte_sprache", _("Leichte Sprache und Gebärdensprache"), [
        "leichte_sprache.seite", "leichte_sprache.leichteleitlinie", "leichte_sprache.wort",
        "leichte_sprache.dgsvideo",
    ]),
    ("uebersetzungen", _("Übersetzungen"), ["core.translationdesk", "core.translationrecord", "core.sourcetext"]),
    ("website", _("Website und Rückmeldungen"), ["integration_portal.seite", "integration_portal.barrierenmeldung",
                                                 "core.synonym"]),
    ("konten", _("Konten und E-Mails"), ["auth.user", "auth.group", "core.outboundmail"]),
]
TECHNIK = ("technik", _("Technik"))


class PortalAdminSite(admin.AdminSite):
    site_header = settings.ADMIN_SITE_HEADER
    site_title = settings.ADMIN_SITE_HEADER
    index_template = "admin/portal_index.html"

    def get_app_list(self, request, app_label=None):
        """The index and the sidebar list sections by task, not Django apps; an app's own page is as Django's."""
        if app_label:
            return super().get_app_list(request, app_label)
        models = {
            f"{app['app_label']}.{model['object_name'].lower()}": model
            for app in self._build_app_dict(request).values() for model in app["models"]
        }
        from core.translation_desk import may_use_desk

        if may_use_desk(request.user):
            # Not a model: the translation desk's page, first in its section (a translator's only entry).
            models["core.translationdesk"] = {
                "name": _("Übersetzungsschreibtisch"), "object_name": "TranslationDesk", "perms": {"view": True},
                "admin_url": reverse("admin:translation_desk"), "add_url": None, "view_only": False,
            }
        sections = []
        for key, name, members in SECTIONS:
            listed = [models.pop(member) for member in members if member in models]
            if listed:
                sections.append({"name": name, "app_label": key, "app_url": "", "models": listed})
        if models and request.user.is_superuser:
            sections.append({"name": TECHNIK[1], "app_label": TECHNIK[0], "app_url": "",
                             "models": sorted(models.values(), key=lambda model: str(model["name"]))})
        return sections

    def get_urls(self):
        from core.desk_views import desk_urls  # models are loaded by now; this module is read before

        return desk_urls(self) + super().get_urls()

    def index(self, request, extra_context=None):
        from .todo import open_tasks

        return super().index(request, {**(extra_context or {}), "todo": open_tasks(request.user)})


class PortalAdminConfig(AdminConfig):
    default_site = "integration_portal.admin_site.PortalAdminSite"

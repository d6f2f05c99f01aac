from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared mechanisms below the content apps; imports none of them."""

    name = "core"
    verbose_name = _("Übersetzungen")

    def ready(self):
        from . import checks  # noqa: F401 (importing it registers the system checks)
        from . import translation_state

        translation_state.connect()

        from .content_stamp import track
        from .models import Synonym

        track(Synonym)  # a synonym changes search results, which the page cache keeps

        from django.db.models.signals import post_migrate

        from .translation_desk import prepare_desk

        # As Django makes its permissions: after every migrate, and after a test database's flush.
        post_migrate.connect(prepare_desk, sender=self, dispatch_uid="core-prepare-translation-desk")

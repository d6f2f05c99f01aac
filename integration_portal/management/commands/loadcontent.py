from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from integration_portal.content.loader import ContentLoader
from integration_portal.content.seeds import ContentError


class Command(BaseCommand):
    help = (
        "Lädt das Magdeburger Integrationskonzept aus den Quelltexten (content/seeds) und "
        "der redaktionellen Zuordnung (content/magdeburg.yaml). Wiederholbar: ein zweiter "
        "Lauf ändert nichts. Bei fehlerhaften Daten wird nichts geschrieben."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--content-dir", default=str(settings.CONTENT_DIR),
            help="Ordner mit seeds/ und magdeburg.yaml (Standard: %(default)s)",
        )
        parser.add_argument(
            "--update", action="store_true",
            help="Vorhandene Texte auf den Stand der Quelldateien bringen (Maßnahmenstand bleibt unberührt).",
        )

    def handle(self, *args, content_dir, update, verbosity=1, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self.load(content_dir, update, verbosity)

    def load(self, content_dir, update, verbosity):
        try:
            stats = ContentLoader(content_dir, update=update).run()
        except ContentError as exc:
            raise CommandError(f"Nichts geladen. {exc}") from exc
        except ValidationError as exc:
            raise CommandError(f"Nichts geladen. {'; '.join(exc.messages)}") from exc
        if stats.changed:
            # The saves kept the index current object by object; one rebuild makes it whole
            # (translations written with update() send no signal).
            call_command("rebuild_search_index", verbosity=0)
        if verbosity == 0:
            return
        if not stats.changed:
            self.stdout.write("Inhalte sind aktuell; nichts geändert.")
            return
        for label, bucket in (("angelegt", stats.created), ("aktualisiert", stats.updated), ("übersetzt", stats.translated)):
            for name, count in sorted(bucket.items()):
                self.stdout.write(f"{name}: {count} {label}")
        self.stdout.write(self.style.SUCCESS("Inhalte geladen."))

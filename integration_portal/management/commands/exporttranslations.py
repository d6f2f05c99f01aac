from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from integration_portal.content.translation_files import dump_entries, german_sources, read_translations, translation_path


class Command(BaseCommand):
    help = (
        "Schreibt content/translations/<sprache>.yaml mit allen deutschen Inhaltstexten; "
        "vorhandene Übersetzungen bleiben erhalten, neue Texte kommen mit leerem „text“ hinzu."
    )

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="+", metavar="SPRACHE")

    def handle(self, *args, languages, **options):
        known = {code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE}
        for language in languages:
            if language not in known:
                raise CommandError(f"Unbekannte Sprache „{language}“ (bekannt: {', '.join(sorted(known))}).")
            existing = read_translations(language)
            entries = [{"de": source, "text": existing.get(source, "")} for source in german_sources()]
            path = translation_path(language)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                f"# Inhaltsübersetzungen ({language}). Schlüssel ist der deutsche Text; siehe docs/translation.md.\n"
                + dump_entries(entries),
                encoding="utf-8",
            )
            missing = sum(1 for entry in entries if not entry["text"])
            self.stdout.write(f"{path}: {len(entries)} Texte, davon {missing} ohne Übersetzung")

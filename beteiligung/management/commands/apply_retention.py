from django.core.management.base import BaseCommand

from beteiligung.privacy import apply_retention


class Command(BaseCommand):
    help = ("Löscht, was nur eine Zeit lang aufbewahrt wird: unbestätigte Folgen (7 Tage), das E-Mail-Protokoll, "
            "erledigte Hintergrundaufgaben und Anmeldeeinträge (docs/datenschutz.md). Täglich ausführen.")

    def handle(self, *args, **options):
        counts = apply_retention()
        if options["verbosity"]:
            self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))

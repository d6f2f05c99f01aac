from django.core.management.base import BaseCommand

from core import search


class Command(BaseCommand):
    help = "Schreibt den Suchindex aller öffentlichen Inhalte neu (alle Sprachen)."

    def handle(self, *args, verbosity=1, **options):
        count = search.rebuild()
        if verbosity:
            self.stdout.write(f"{count} Suchdokumente geschrieben.")

from django.core.cache import caches
from django.core.management.base import BaseCommand

from integration_portal.pdf import PDF_CACHE


class Command(BaseCommand):
    help = "Löscht alle zwischengespeicherten PDFs (nach einem Update der Druckvorlagen ausführen)."

    def handle(self, *args, **options):
        caches[PDF_CACHE].clear()
        self.stdout.write("PDF-Zwischenspeicher geleert.")

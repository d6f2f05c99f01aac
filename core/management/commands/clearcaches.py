from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand

from core import content_stamp
from core.pdf import PDF_CACHE


class Command(BaseCommand):
    help = "Leert den Seiten- und den PDF-Zwischenspeicher (nach jedem Update von Code oder Vorlagen ausführen)."

    def handle(self, *args, **options):
        caches[settings.PAGE_CACHE_ALIAS].clear()
        caches[PDF_CACHE].clear()
        # Browsers and proxies keep pages under their ETags, which the stamp makes, and emptying
        # our caches does not reach theirs: new code or templates must change every ETag too.
        content_stamp.bump()
        self.stdout.write("Seiten- und PDF-Zwischenspeicher geleert, Inhaltsstand erhöht.")

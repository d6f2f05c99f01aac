from django.conf import settings
from django.core.management.base import BaseCommand

from massnahmen.models import Berichtsrunde, Massnahme
from massnahmen.reminders import due, round_due, send_open_round_reminders, send_reminders


class Command(BaseCommand):
    help = (
        "Erinnert die Redakteure der verantwortlichen Partner an Maßnahmen, deren Stand länger "
        "nicht aktualisiert wurde, und an fehlende Berichte offener Berichtsrunden (für cron). "
        "Je Maßnahme höchstens eine Erinnerung pro Zeitraum."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.REMINDER_STALE_DAYS,
                            help="ohne Aktualisierung seit so vielen Tagen (Standard: %(default)s)")
        parser.add_argument("--dry-run", action="store_true", help="nur anzeigen, nichts senden")

    def handle(self, *args, days, dry_run, **options):
        if dry_run:
            for massnahme in due(Massnahme.objects.all(), days):
                self.stdout.write(f"{massnahme.pk}: {massnahme.title_de} ({massnahme.status_changed_at:%d.%m.%Y})")
            for runde in Berichtsrunde.objects.open():
                for massnahme in round_due(runde):
                    self.stdout.write(f"{massnahme.pk}: {massnahme.title_de} (Bericht zur Runde {runde.title_de})")
            return
        reminded, mails = send_reminders(Massnahme.objects.all(), days=days)
        self.stdout.write(f"{reminded} Maßnahmen erinnert, {mails} E-Mails gesendet.")
        reminded, mails = send_open_round_reminders()
        self.stdout.write(f"Berichtsrunden: {reminded} fehlende Berichte erinnert, {mails} E-Mails gesendet.")

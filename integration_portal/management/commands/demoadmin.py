import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

from core.base_url import absolute_url


class Command(BaseCommand):
    help = "Legt ein Demo-Administrationskonto an (oder setzt sein Passwort neu) und gibt die Anmeldung aus."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--url", help="the admin's address to print (default: at PORTAL_BASE_URL)")

    def handle(self, *args, username, url, **options):
        url = url or absolute_url(reverse("admin:index"))
        # A fresh random password per run: a demo login that is printed is never a fixed secret.
        password = secrets.token_urlsafe(12)
        user, _created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo-Anmeldung für die Verwaltung"))
        self.stdout.write(f"  Adresse:   {url}")
        self.stdout.write(f"  Benutzer:  {username}")
        self.stdout.write(f"  Passwort:  {password}")
        self.stdout.write("")

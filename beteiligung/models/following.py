"""Following by e-mail: an address that asked to be told when a measure or a citizen's entry changes.

No account: an address, the language of the page it followed from, and what it follows. Double
opt-in: a row is unconfirmed until its owner opens the confirmation link (a signed token that
expires after FOLLOW_CONFIRM_DAYS); nothing but that confirmation mail goes to an unconfirmed
address, and unconfirmed rows are deleted after those days (apply_retention). Ending a follow
deletes its row: the portal keeps no address that follows nothing.

Every mail links to the address's own page (what it follows, end each or all). That link carries
`address_key`, an HMAC of the address under SECRET_KEY: unguessable, and no address in a URL or
a server log (docs/security.md).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from massnahmen.models import Freigabe, Herausforderung, Massnahme

CONFIRM_SALT = "beteiligung.follow.confirm"
ADDRESS_SALT = "beteiligung.follow.address"


def normalize_address(email):
    """One spelling per mailbox for matching: trimmed and in lower case."""
    return (email or "").strip().lower()


def address_key(email):
    return salted_hmac(ADDRESS_SALT, normalize_address(email), algorithm="sha256").hexdigest()


def title_in(target, language):
    """A measure's or an entry's title in `language` where it has one, else as written (German first)."""
    return getattr(target, f"title_{language}", "") or str(target)


class FollowQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def of_address(self, email):
        return self.filter(address_key=address_key(email))

    def expired(self, now=None):
        """Requests nobody confirmed within FOLLOW_CONFIRM_DAYS: deleted by apply_retention."""
        cutoff = (now or timezone.now()) - timedelta(days=settings.FOLLOW_CONFIRM_DAYS)
        return self.filter(confirmed_at__isnull=True, created_at__lt=cutoff)

    def with_targets(self):
        return self.select_related("massnahme", "herausforderung")

    def of_target(self, target):
        return self.filter(**{Follow.target_field(target): target})


class Follow(models.Model):
    email = models.EmailField(_("E-Mail-Adresse"))
    address_key = models.CharField(_("Schlüssel der Adresse"), max_length=64, db_index=True, editable=False)
    language = models.CharField(_("Sprache"), max_length=8, choices=settings.LANGUAGES,
                                help_text=_("Die Sprache der Seite, von der aus gefolgt wurde; die Mails kommen in ihr."))
    massnahme = models.ForeignKey(
        Massnahme, on_delete=models.CASCADE, null=True, blank=True, related_name="follows",
        verbose_name=_("Maßnahme"),
    )
    herausforderung = models.ForeignKey(
        Herausforderung, on_delete=models.CASCADE, null=True, blank=True, related_name="follows",
        verbose_name=_("Herausforderung oder Idee"),
    )
    # The address given with the entry on the submission form: its author, who is also told when
    # the entry is hidden, and why.
    is_author = models.BooleanField(_("hat den Eintrag geschrieben"), default=False)
    created_at = models.DateTimeField(_("angefragt am"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Folgen per E-Mail")
        verbose_name_plural = _("Folgen per E-Mail")
        constraints = [
            models.UniqueConstraint(fields=["address_key", "massnahme"], name="follow_once_per_measure"),
            models.UniqueConstraint(fields=["address_key", "herausforderung"], name="follow_once_per_entry"),
            # Exactly one thing is followed.
            models.CheckConstraint(
                condition=models.Q(massnahme__isnull=False, herausforderung__isnull=True)
                | models.Q(massnahme__isnull=True, herausforderung__isnull=False),
                name="follow_has_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.target}"

    def save(self, *args, **kwargs):
        self.email = normalize_address(self.email)
        self.address_key = address_key(self.email)
        super().save(*args, **kwargs)

    @property
    def target(self):
        """What is followed: a measure or an entry (a Herausforderung)."""
        return self.massnahme or self.herausforderung

    @staticmethod
    def target_field(target):
        return "massnahme" if isinstance(target, Massnahme) else "herausforderung"

    def target_title(self):
        """The target's title in the follower's language where there is one, else as written."""
        return title_in(self.target, self.language)

    @property
    def confirmed(self):
        return self.confirmed_at is not None

    @classmethod
    def request(cls, email, target, language, author=False):
        """Someone asks to follow `target` in `language`: the row, and whether to mail a confirmation.

        Asked again before confirming: the language is updated and the confirmation sent once
        more (the first may have been lost). Already confirmed: nothing changes and nothing is
        sent, and the answer on the page is the same, so nobody learns what an address follows.
        """
        follow, created = cls.objects.get_or_create(
            address_key=address_key(email), **{cls.target_field(target): target},
            defaults={"email": email, "language": language, "is_author": author},
        )
        if follow.confirmed:
            return follow, False
        if not created and follow.language != language:
            follow.language = language
            follow.save(update_fields=["language"])
        return follow, True

    def confirm(self, now=None):
        if not self.confirmed:
            self.confirmed_at = now or timezone.now()
            self.save(update_fields=["confirmed_at"])

    def confirmation_token(self):
        return signing.dumps(self.pk, salt=CONFIRM_SALT)

    @classmethod
    def from_confirmation_token(cls, token):
        """The unconfirmed or confirmed row the token names, or None (forged, expired, deleted)."""
        try:
            pk = signing.loads(token, salt=CONFIRM_SALT, max_age=timedelta(days=settings.FOLLOW_CONFIRM_DAYS))
        except signing.BadSignature:
            return None
        return cls.objects.filter(pk=pk).with_targets().first()

    def confirmation_url(self):
        return reverse("following:confirm", args=[self.confirmation_token()])

    def manage_url(self):
        return reverse("following:manage", args=[self.address_key])

    def target_is_public(self):
        if self.massnahme is not None:
            return self.massnahme.freigabe == Freigabe.FREIGEGEBEN
        return Herausforderung.objects.public().filter(pk=self.herausforderung_id).exists()

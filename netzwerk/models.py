"""The Magdeburg network for integration work: partners, topics, working groups, projects."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.periods import end_not_before_start, validate_period
from core.text import split_lines


class Stadtteil(models.Model):
    """A district or district area of Magdeburg where measures and projects take place."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname in Adressen"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Stadtteil")
        verbose_name_plural = _("Stadtteile")

    def __str__(self):
        return self.name


class Thema(models.Model):
    """One of the network's topics of joint projects."""

    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    name = models.CharField(_("Bezeichnung"), max_length=200, unique=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self):
        return self.name


class Arbeitsgruppe(models.Model):
    name = models.CharField(_("Name"), max_length=200, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    themen = models.ManyToManyField(Thema, blank=True, related_name="arbeitsgruppen", verbose_name=_("Themen"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("Arbeitsgruppe")
        verbose_name_plural = _("Arbeitsgruppen")

    def __str__(self):
        return self.name


class NetzwerkpartnerQuerySet(models.QuerySet):
    def editable_by(self, user):
        """The single source of which partners a user reports for: staff all, an editor their own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(editor_memberships__user=user)


class Netzwerkpartner(models.Model):
    class Typ(models.TextChoices):
        AMT = "amt", _("Amt der Landeshauptstadt")
        GREMIUM = "gremium", _("Gremium")
        WOHLFAHRTSVERBAND = "wohlfahrtsverband", _("Wohlfahrtsverband")
        JOBCENTER = "jobcenter", _("Jobcenter")
        BILDUNGSTRAEGER = "bildungstraeger", _("Bildungsträger")
        HOCHSCHULE = "hochschule", _("Hochschule")
        BERATUNGSSTELLE = "beratungsstelle", _("Beratungsstelle")
        VEREIN = "verein", _("Verein")
        INITIATIVE = "initiative", _("Initiative")
        MIGRANTENSELBSTORGANISATION = "mso", _("Migrantenselbstorganisation")
        SONSTIGE = "sonstige", _("Sonstige")

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname in Adressen"), max_length=100, unique=True)
    typ = models.CharField(_("Art"), max_length=30, choices=Typ.choices)
    description = models.TextField(_("Beschreibung"), blank=True)
    themen = models.ManyToManyField(Thema, blank=True, related_name="partner", verbose_name=_("Themen"))
    arbeitsgruppen = models.ManyToManyField(
        Arbeitsgruppe, blank=True, related_name="partner", verbose_name=_("Arbeitsgruppen")
    )
    contact_person = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_role = models.CharField(_("Funktion der Ansprechperson"), max_length=200, blank=True)
    address = models.TextField(_("Anschrift"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website = models.URLField(_("Website"), blank=True)
    is_network_member = models.BooleanField(
        _("Mitglied des Netzwerks"), default=True,
        help_text=_("Nein für Kooperationspartner, die nicht zum Netzwerk gehören."),
    )

    objects = NetzwerkpartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Netzwerkpartner")
        verbose_name_plural = _("Netzwerkpartner")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("netzwerk:partner", args=[self.slug])

    def address_lines(self):
        return split_lines(self.address)

    CONTACT_FIELDS = ("contact_person", "address", "email", "phone", "website")

    @property
    def has_contact(self):
        """Whether staff gave any public way to reach this partner (a role alone reaches no one)."""
        return any(getattr(self, name) for name in self.CONTACT_FIELDS)

    @property
    def phone_uri(self):
        """The phone number as a tel: URI wants it (RFC 3966): digits, a leading +, nothing else.

        "+49 (0)391 …" writes the trunk prefix a caller inside Germany dials; with the country
        code it is not dialled, so it is dropped."""
        number = self.phone.strip()
        if number.startswith("+"):
            number = number.replace("(0)", "")
        digits = "".join(char for char in number if char.isdigit())
        return f"+{digits}" if number.startswith("+") else digits


class Netzwerk(models.Model):
    """The Magdeburger Netzwerk für Integrations- und Ausländerarbeit (one row)."""

    name = models.CharField(_("Name"), max_length=200)
    founded_year = models.PositiveSmallIntegerField(_("Gründungsjahr"), null=True, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    goals = models.TextField(_("Zielstellung"), blank=True, help_text=_("Ein Ziel pro Zeile."))
    tasks = models.TextField(_("Aufgabenschwerpunkte"), blank=True, help_text=_("Eine Aufgabe pro Zeile."))
    themen = models.ManyToManyField(Thema, blank=True, verbose_name=_("Themen"))
    ansprechstelle = models.ForeignKey(
        Netzwerkpartner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("Ansprechstelle"),
    )

    class Meta:
        verbose_name = _("Netzwerk")
        verbose_name_plural = _("Netzwerk")

    def __str__(self):
        return self.name

    @classmethod
    def contact_office(cls):
        """The network's Ansprechstelle (the coordination office the sources name), if it gives a
        public contact: whom to ask where no responsible partner gives one. One query."""
        netzwerk = cls.objects.select_related("ansprechstelle").first()
        office = netzwerk.ansprechstelle if netzwerk else None
        return office if office and office.has_contact else None

    def goal_items(self):
        return split_lines(self.goals)

    def task_items(self):
        return split_lines(self.tasks)


class Finanzierungsquelle(models.Model):
    class Ebene(models.TextChoices):
        EU = "eu", _("Europäische Union")
        BUND = "bund", _("Bund")
        LAND = "land", _("Land Sachsen-Anhalt")
        KOMMUNE = "kommune", _("Landeshauptstadt Magdeburg")
        SONSTIGE = "sonstige", _("Sonstige")

    name = models.CharField(_("Name"), max_length=300, unique=True)
    short_name = models.CharField(_("Kurzbezeichnung"), max_length=50, blank=True)
    ebene = models.CharField(_("Ebene"), max_length=20, choices=Ebene.choices)

    class Meta:
        ordering = ["ebene", "name"]
        verbose_name = _("Finanzierungsquelle")
        verbose_name_plural = _("Finanzierungsquellen")

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class Projekt(models.Model):
    title = models.CharField(_("Titel"), max_length=300, unique=True)
    slug = models.SlugField(_("Kurzname in Adressen"), max_length=100, unique=True)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    aims = models.TextField(_("Projektinhalte"), blank=True, help_text=_("Ein Punkt pro Zeile."))
    main_target_group = models.CharField(_("Hauptzielgruppe"), max_length=300, blank=True)
    evaluation = models.TextField(_("Wissenschaftliche Begleitung"), blank=True)
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    finanzierungsquellen = models.ManyToManyField(
        Finanzierungsquelle, blank=True, related_name="projekte", verbose_name=_("Finanzierung")
    )
    funding_note = models.CharField(_("Hinweis zur Finanzierung"), max_length=300, blank=True)
    stadtteile = models.ManyToManyField(Stadtteil, blank=True, related_name="projekte", verbose_name=_("Stadtteile"))
    partner = models.ManyToManyField(Netzwerkpartner, blank=True, related_name="projekte", verbose_name=_("Partner"))

    class Meta:
        ordering = ["title"]
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")
        constraints = [
            end_not_before_start("projekt_end_after_start"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("netzwerk:projekt", args=[self.slug])

    def aim_items(self):
        return split_lines(self.aims)

    def clean(self):
        validate_period(self.start_date, self.end_date)


class PartnerMembershipQuerySet(models.QuerySet):
    def active_editors(self):
        return self.filter(user__is_active=True).exclude(user__email="")


class PartnerMembership(models.Model):
    """A user who may edit the measures their network partner is responsible for."""

    user = models.ForeignKey(
        "auth.User", on_delete=models.CASCADE, related_name="partner_memberships", verbose_name=_("Benutzer")
    )
    partner = models.ForeignKey(
        Netzwerkpartner, on_delete=models.CASCADE, related_name="editor_memberships", verbose_name=_("Partner")
    )
    created_at = models.DateTimeField(_("seit"), auto_now_add=True)

    objects = PartnerMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Redaktionszugang")
        verbose_name_plural = _("Redaktionszugänge")
        constraints = [models.UniqueConstraint(fields=["user", "partner"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} → {self.partner}"


class EditorProfile(models.Model):
    """What the portal knows about a partner editor beyond the account: the language they use."""

    user = models.OneToOneField("auth.User", on_delete=models.CASCADE, related_name="editor_profile",
                                verbose_name=_("Benutzer"))
    language = models.CharField(
        _("Sprache"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE,
        help_text=_("Sprache der E-Mails an diese Person; folgt der zuletzt im Partnerbereich genutzten Sprache."),
    )

    class Meta:
        verbose_name = _("Profil")
        verbose_name_plural = _("Profile")

    def __str__(self):
        return f"{self.user} ({self.language})"

    @classmethod
    def language_of(cls, user):
        profile = getattr(user, "editor_profile", None) if user.pk else None
        return profile.language if profile else settings.LANGUAGE_CODE


class InvitationQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(accepted_at__isnull=False)

    def pending(self, now=None):
        """Not accepted, and the link still valid."""
        return self.filter(accepted_at__isnull=True, created_at__gt=self.cutoff(now))

    def expired(self, now=None):
        return self.filter(accepted_at__isnull=True, created_at__lte=self.cutoff(now))

    @staticmethod
    def cutoff(now=None):
        return (now or timezone.now()) - timedelta(days=settings.INVITATION_VALID_DAYS)


class Invitation(models.Model):
    """Staff invite a partner editor by e-mail; the link sets a password once, until it expires.

    created_at is when the current link was issued (resend() issues a new one).
    """

    email = models.EmailField(_("E-Mail"))
    partner = models.ForeignKey(
        Netzwerkpartner, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("Partner")
    )
    language = models.CharField(_("Sprache der Einladung"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    user = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="invitations", editable=False)
    invited_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, related_name="+", editable=False,
        verbose_name=_("eingeladen von"),
    )
    created_at = models.DateTimeField(_("eingeladen am"), default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(_("angenommen am"), null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")

    def __str__(self):
        return f"{self.email} → {self.partner}"

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=settings.INVITATION_VALID_DAYS)

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at

    def state(self, now=None):
        if self.accepted_at:
            return _("angenommen")
        return _("abgelaufen") if self.is_expired(now) else _("offen")

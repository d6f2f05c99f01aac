"""The Leichte Sprache part of the site as content: its pages, the retold Leitlinien, the Wörterbuch.

Every text here is German Leichte Sprache (Anlage 2 Teil 2 BITV 2.0), written in the Wörterbuch
link markup of markup.py, and records whether test readers of the target group have checked it
(DIN SPEC 33429: a text is Leichte Sprache only once they have).
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from handlungsfelder.models import Handlungsfeld, Leitlinie, LeitlinienEdition

from .. import markup

MARKUP_HELP = _(
    "Leichte Sprache. Absätze durch eine Leerzeile trennen; Listenpunkte mit „- “ beginnen. "
    "[[Stadt·rat]] verlinkt ein Wort mit dem Wörterbuch, [[Stadt·räte|Stadt·rat]] zeigt das erste "
    "und verlinkt den Eintrag „Stadt·rat“. Kein HTML."
)


class PruefungQuerySet(models.QuerySet):
    def unchecked(self):
        """Texts no test readers checked, or changed since they did (the check was of other words)."""
        return self.filter(Q(checked_on__isnull=True) | ~Q(checked_hash=F("text_hash")))


class Pruefung(models.Model):
    """Whether and when test readers checked the text, and which organisation they belong to."""

    pruefgruppe = models.CharField(
        _("Prüfgruppe"), max_length=200, blank=True,
        help_text=_("Die Organisation, deren Prüferinnen und Prüfer aus der Zielgruppe den Text gelesen haben."),
    )
    checked_on = models.DateField(
        _("geprüft am"), null=True, blank=True,
        help_text=_("Die Prüfung gilt für den Text, wie er beim Eintragen ist. Ändern Sie den Text später, "
                    "gilt er wieder als ungeprüft, bis Sie die neue Prüfung mit ihrem Datum eintragen."),
    )
    # A check holds for the words that were checked: the hash of the texts now, and of the texts
    # when the check was recorded. Whether a text is checked is derived from the two, like the
    # freshness of a translation (core/translation_state.py), not a flag someone must reset.
    text_hash = models.CharField(max_length=64, editable=False, blank=True)
    checked_hash = models.CharField(max_length=64, editable=False, blank=True)

    objects = PruefungQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_check = (instance.__dict__.get("checked_on"), instance.__dict__.get("pruefgruppe"))
        return instance

    def save(self, *args, **kwargs):
        self.text_hash = hashlib.sha256("\x1f".join(self.texts().values()).encode()).hexdigest()
        if not self.checked_on:
            self.checked_hash = ""
        elif getattr(self, "_stored_check", None) != (self.checked_on, self.pruefgruppe):
            self.checked_hash = self.text_hash  # a check recorded now is of the text as it is now
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "text_hash", "checked_hash"}
        super().save(*args, **kwargs)
        self._stored_check = (self.checked_on, self.pruefgruppe)

    @property
    def is_checked(self):
        return self.checked_on is not None and self.checked_hash == self.text_hash

    @property
    def changed_since_check(self):
        return self.checked_on is not None and not self.is_checked

    def clean(self):
        super().clean()
        if bool(self.pruefgruppe.strip()) != bool(self.checked_on):
            raise ValidationError(_("Prüfgruppe und Prüfdatum gehören zusammen: bitte beide angeben oder beide leer lassen."))
        self.clean_links()

    # The fields that hold Leichte Sprache text, checked for their Wörterbuch links and by the checker.
    text_fields = ()

    def texts(self):
        return {name: getattr(self, name) for name in self.text_fields}

    @property
    def search_text(self):
        """The texts as read, without markup; "Stadt·rat" as the word "Stadtrat" a search finds."""
        return "\n\n".join(markup.plain(text) for text in self.texts().values()).replace("·", "")

    def clean_links(self):
        errors = self.unknown_links(Wort.objects.lookup())
        if errors:
            raise ValidationError(errors)

    def unknown_links(self, known):
        """{field: message} for links to words that are not in `known` (a Wörterbuch lookup)."""
        errors = {}
        for name, text in self.texts().items():
            unknown = sorted({target for target in markup.link_targets(text) if markup.normalize(target) not in known})
            if unknown:
                errors[name] = _("Diese Wörter stehen nicht im Wörterbuch: %(words)s") % {"words": ", ".join(unknown)}
        return errors


class WortQuerySet(PruefungQuerySet):
    def lookup(self):
        """Every term and word form (normalised, markup.normalize) → its entry; one query."""
        entries = {}
        for wort in self.order_by("term"):
            for form in [wort.term, *wort.form_list()]:
                entries.setdefault(markup.normalize(form), wort)
        return entries


class Wort(Pruefung):
    """An entry of the Wörterbuch: a hard word the portal uses, explained in Leichte Sprache."""

    term = models.CharField(_("Wort"), max_length=100, unique=True,
                            help_text=_("Lange Wörter mit Mediopunkt trennen: Stadt·rat."))
    slug = models.SlugField(_("Kurzname im Seitenanker"), max_length=100, unique=True)
    forms = models.TextField(_("weitere Wortformen"), blank=True,
                             help_text=_("Eine Form je Zeile, zum Beispiel Mehrzahl: Stadt·räte."))
    explanation = models.TextField(_("Erklärung"), help_text=MARKUP_HELP)

    objects = WortQuerySet.as_manager()
    text_fields = ("explanation",)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("Wort im Wörterbuch")
        verbose_name_plural = _("Wörterbuch in Leichter Sprache")

    def __str__(self):
        return self.term

    def form_list(self):
        return [line.strip() for line in self.forms.splitlines() if line.strip()]

    @property
    def anchor(self):
        return f"wort-{self.slug}"

    def get_absolute_url(self):
        return reverse("leichte_sprache:woerterbuch") + "#" + self.anchor

    def clean_links(self):
        # Explanations link to each other, so a new set of entries (loadcontent) cannot be checked
        # one by one: the loader checks the whole set first, the admin form each explanation
        # (admin.py). Here: a form that is already another entry's would make a link ambiguous.
        taken = Wort.objects.exclude(pk=self.pk).lookup()
        clash = sorted(form for form in [self.term, *self.form_list()] if markup.normalize(form) in taken)
        if clash:
            raise ValidationError({"forms": _("Schon Teil eines anderen Eintrags: %(words)s") % {"words": ", ".join(clash)}})


class Seite(Pruefung):
    """A page in Leichte Sprache; four of them are the items BITV 2.0 §4 asks of the start page."""

    class Platz(models.TextChoices):
        # The four places of BITV 2.0 §4 (1)–(4); the DGS videos use the same keys.
        INHALT = "inhalt", _("Inhalt der Website (§ 4 Nr. 1)")
        NAVIGATION = "navigation", _("Hinweise zur Navigation (§ 4 Nr. 2)")
        BARRIEREFREIHEIT = "barrierefreiheit", _("Erklärung zur Barrierefreiheit (§ 4 Nr. 3)")
        HINWEISE = "hinweise", _("Weitere Inhalte in Leichter Sprache und DGS (§ 4 Nr. 4)")

    # Pages a Leichte Sprache page can point to as its counterpart in standard German.
    STANDARD_PAGES = [
        ("portal:start", _("Startseite")),
        ("handlungsfelder:list", _("Handlungsfelder")),
        ("handlungsfelder:leitlinien", _("Leitlinien")),
        ("massnahmen:list", _("Maßnahmen")),
        ("massnahmen:dashboard", _("Umsetzungsstand")),
        ("netzwerk:index", _("Netzwerk")),
        ("portal:barrierefreiheit", _("Erklärung zur Barrierefreiheit")),
        ("portal:search", _("Suche")),
    ]
    # Addresses of their own below /de/leichte-sprache/ (urls.py).
    RESERVED_SLUGS = ("woerterbuch",)
    LEITLINIEN = "leitlinien"  # the page whose text introduces the retold Leitlinien

    slug = models.SlugField(_("Kurzname in Adressen"), max_length=100, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Kurztext"), help_text=format_lazy("{} {}", _("Ein bis drei Sätze für die Übersicht."), MARKUP_HELP))
    body = models.TextField(_("Text"), help_text=MARKUP_HELP)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    platz = models.CharField(_("Platz auf der Startseite (BITV 2.0 § 4)"), max_length=20, choices=Platz.choices,
                             blank=True)
    handlungsfeld = models.OneToOneField(Handlungsfeld, on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="leichte_sprache", verbose_name=_("Handlungsfeld"))
    standard_page = models.CharField(_("Seite in Standardsprache"), max_length=50, choices=STANDARD_PAGES,
                                     blank=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    text_fields = ("summary", "body")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Seite in Leichter Sprache")
        verbose_name_plural = _("Seiten in Leichter Sprache")
        constraints = [
            models.UniqueConstraint(fields=["platz"], condition=~models.Q(platz=""),
                                    name="leichte_seite_one_page_per_platz"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError({"slug": _("Diese Adresse ist schon vergeben.")})

    def get_absolute_url(self):
        if self.slug == self.LEITLINIEN:
            return reverse("leichte_sprache:leitlinien")
        return reverse("leichte_sprache:seite", args=[self.slug])

    def standard_url(self):
        """The counterpart in standard German (always the German address)."""
        if self.handlungsfeld_id:
            return reverse("handlungsfelder:detail", args=[self.handlungsfeld.slug])
        return reverse(self.standard_page) if self.standard_page else ""


class LeichteLeitlinieQuerySet(PruefungQuerySet):
    def published(self):
        """The retellings of the edition in force, in the Leitlinien's order."""
        return self.filter(leitlinie__edition__status=LeitlinienEdition.Status.PUBLISHED).select_related(
            "leitlinie__handlungsfeld__leichte_sprache").order_by("leitlinie__handlungsfeld__number", "leitlinie__position")


class LeichteLeitlinie(Pruefung):
    """One statement of the Leitlinien retold in Leichte Sprache; its binding wording is the German statement."""

    leitlinie = models.OneToOneField(Leitlinie, on_delete=models.PROTECT, related_name="leichte_sprache",
                                     verbose_name=_("Leitlinie (verbindlicher Wortlaut)"))
    text = models.TextField(_("Text in Leichter Sprache"), help_text=MARKUP_HELP)

    objects = LeichteLeitlinieQuerySet.as_manager()
    text_fields = ("text",)

    class Meta:
        ordering = ["leitlinie__handlungsfeld__number", "leitlinie__position"]
        verbose_name = _("Leitlinie in Leichter Sprache")
        verbose_name_plural = _("Leitlinien in Leichter Sprache")

    def __str__(self):
        return f"{self.leitlinie.handlungsfeld.number}.{self.leitlinie.position}: {markup.plain(self.text)[:60]}"

    @property
    def anchor(self):
        return self.leitlinie.anchor  # the same anchor as the binding statement's on /de/leitlinien/

    def binding_url(self):
        return reverse("handlungsfelder:leitlinien") + "#" + self.leitlinie.anchor

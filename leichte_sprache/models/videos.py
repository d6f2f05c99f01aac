"""DGS videos: one per place on the site (BITV 2.0 §4's four places, or any page's key)."""

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..video_check import probe_upload


def video_path(instance, filename):
    """dgs/<slot>-<random>.<ext>: a new upload gets a new address, so a browser or proxy never
    plays a cached copy of the video it replaced."""
    suffix = PurePath(filename).suffix.lower()
    return f"dgs/{instance.slot}-{uuid.uuid4().hex[:12]}{suffix}"


class DgsVideoQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """Staff see every video (to check it before publishing); everyone else the published ones."""
        return self if user.is_staff else self.published()


class DgsVideo(models.Model):
    """A video in Deutsche Gebärdensprache for one place of the site.

    On upload ffprobe measures the file (video_check.py) and a video that misses Anlage 2 Teil 1's
    technical part is refused with the reason. The non-technical part (signer, background,
    clothing, logo) only a person can see: staff confirm it before the video is published.
    """

    class Slot(models.TextChoices):
        """BITV 2.0 §4: the four things the start page offers in DGS."""

        INHALT = "inhalt", _("Informationen zum Inhalt")
        NAVIGATION = "navigation", _("Hinweise zur Navigation")
        BARRIEREFREIHEIT = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")
        HINWEISE = "hinweise", _("Hinweise auf weitere Informationen in DGS und Leichter Sprache")

    slot = models.SlugField(
        _("Platz"), max_length=80, unique=True,
        help_text=_("Wo das Video steht. Die 4 Plätze der Startseite (BITV 2.0 § 4): „inhalt“, "
                    "„navigation“, „barrierefreiheit“, „hinweise“; für eine andere Seite ein eigener "
                    "Schlüssel, z. B. „handlungsfelder“."))
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(
        _("Videodatei"), upload_to=video_path,
        validators=[FileExtensionValidator(["mp4", "m4v", "webm"])],
        help_text=_("MP4 (H.264) oder WebM (VP8, VP9, AV1), mindestens 320 × 240 Pixel und 25 Bilder "
                    "pro Sekunde. Die Datei wird beim Hochladen geprüft."))
    text_alternative = models.TextField(
        _("Textalternative"),
        help_text=_("Was im Video gesagt wird, auf Deutsch (am besten in Leichter Sprache). Die Seite "
                    "zeigt den Text unter dem Video."))

    # Anlage 2 Teil 1, the part only a person can judge.
    no_shadows = models.BooleanField(_("Keine Schatten auf der Person, die gebärdet"), default=False)
    calm_background = models.BooleanField(
        _("Ruhiger, einfarbiger Hintergrund, weder schwarz noch weiß"), default=False)
    dark_clothing = models.BooleanField(_("Dunkle, einfarbige Kleidung"), default=False)
    dgs_logo = models.BooleanField(_("DGS-Logo im Video"), default=False)
    published = models.BooleanField(
        _("veröffentlicht"), default=False,
        help_text=_("Erst wenn alle 4 Punkte der Prüfliste bestätigt sind."))

    # Measured by ffprobe on upload; never typed in.
    width = models.PositiveIntegerField(_("Breite (Pixel)"), editable=False, default=0)
    height = models.PositiveIntegerField(_("Höhe (Pixel)"), editable=False, default=0)
    fps = models.FloatField(_("Bilder pro Sekunde"), editable=False, default=0)
    duration = models.FloatField(_("Laufzeit (Sekunden)"), editable=False, default=0)
    size = models.PositiveBigIntegerField(_("Dateigröße (Bytes)"), editable=False, default=0)
    codec = models.CharField(_("Codec"), max_length=20, editable=False, blank=True)
    container = models.CharField(_("Format"), max_length=20, editable=False, blank=True)
    content_type = models.CharField(_("Medientyp"), max_length=40, editable=False, blank=True)
    uploaded_at = models.DateTimeField(_("hochgeladen am"), editable=False, default=timezone.now)

    objects = DgsVideoQuerySet.as_manager()

    class Meta:
        ordering = ["slot"]
        verbose_name = _("DGS-Video")
        verbose_name_plural = _("DGS-Videos")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published=False)
                | models.Q(no_shadows=True, calm_background=True, dark_clothing=True, dgs_logo=True),
                name="dgs_video_published_only_when_checked",
            ),
        ]

    CHECKLIST = ("no_shadows", "calm_background", "dark_clothing", "dgs_logo")

    def __str__(self):
        return f"{self.title} ({self.slot_label})"

    @property
    def slot_label(self):
        return self.Slot(self.slot).label if self.slot in self.Slot.values else self.slot

    @property
    def url(self):
        """The file's address: the portal's own view with range requests (video_views.py) where
        MEDIA_URL is this site's, else the storage backend's address."""
        try:
            return reverse("dgs-video-file", args=[PurePath(self.file.name).name])
        except NoReverseMatch:
            return self.file.url

    @property
    def checklist_complete(self):
        return all(getattr(self, name) for name in self.CHECKLIST)

    def clean(self):
        errors = {}
        if self.file and not getattr(self.file, "_committed", True):
            # A new upload (Django's FieldFile is uncommitted until the model is saved).
            try:
                facts = probe_upload(self.file.file)
            except ValidationError as error:
                errors["file"] = error.messages
            else:
                problems = facts.problems()
                if problems:
                    errors["file"] = problems
                else:
                    self.take_facts(facts)
        if self.published and not self.checklist_complete:
            errors["published"] = _(
                "Bitte bestätigen Sie zuerst alle 4 Punkte der Prüfliste (Anlage 2 Teil 1 BITV 2.0).")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        replaced = (type(self).objects.filter(pk=self.pk).exclude(file=self.file.name)
                    .values_list("file", flat=True).first() if self.pk else None)
        super().save(*args, **kwargs)
        if replaced:
            # The old file goes once the new one is in the database for good.
            transaction.on_commit(lambda: self.file.storage.delete(replaced))

    def delete(self, *args, **kwargs):
        name, storage = self.file.name, self.file.storage
        result = super().delete(*args, **kwargs)
        if name:
            transaction.on_commit(lambda: storage.delete(name))
        return result

    def take_facts(self, facts):
        self.width, self.height, self.fps = facts.width, facts.height, facts.fps
        self.duration, self.codec, self.container = facts.duration, facts.codec, facts.container
        self.content_type = facts.content_type
        self.size = facts.size or self.file.size
        self.uploaded_at = timezone.now()

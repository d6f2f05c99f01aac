"""What ffprobe measures in an uploaded DGS video, and whether that meets BITV 2.0 Anlage 2 Teil 1.

Anlage 2 Teil 1 asks for at least 320 × 240 pixels and 25 frames per second; the browsers play
MP4 with H.264 and WebM with VP8, VP9 or AV1. ffprobe (Debian's ffmpeg) reads the file; nothing
here trusts the file's name or the type the browser sent, except to tell WebM from Matroska
(ffprobe names both "matroska,webm").
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MIN_WIDTH, MIN_HEIGHT = 320, 240
MIN_FPS = 25
#: Container → the video codecs the browsers play in it, the type the file is served with, and
#: those codecs named for staff.
FORMATS = {
    "mp4": ({"h264"}, "video/mp4", "H.264"),
    "webm": ({"vp8", "vp9", "av1"}, "video/webm", gettext_lazy("VP8, VP9 oder AV1")),
}
CODEC_NAMES = {"h264": "H.264", "vp8": "VP8", "vp9": "VP9", "av1": "AV1", "hevc": "H.265", "mpeg4": "MPEG-4 Part 2"}
PROBE_SECONDS = 60


@dataclass(frozen=True)
class VideoFacts:
    width: int
    height: int
    fps: float
    duration: float  # seconds
    size: int  # bytes
    codec: str  # ffprobe's codec name: h264, vp9, …
    container: str  # mp4, webm, or what ffprobe called it

    @property
    def content_type(self):
        return FORMATS[self.container][1] if self.container in FORMATS else "application/octet-stream"

    def problems(self):
        """Why the video does not meet Anlage 2 Teil 1's technical part, in German; empty if it does."""
        problems = []
        if self.width < MIN_WIDTH or self.height < MIN_HEIGHT:
            problems.append(_("Das Video ist %(width)s × %(height)s Pixel groß. Nötig sind mindestens "
                              "%(min_width)s × %(min_height)s Pixel.")
                            % {"width": self.width, "height": self.height,
                               "min_width": MIN_WIDTH, "min_height": MIN_HEIGHT})
        if self.fps < MIN_FPS - 0.01:  # 24.99 from a rounded frame rate is 25
            problems.append(_("Das Video hat %(fps)s Bilder pro Sekunde. Nötig sind mindestens %(min_fps)s.")
                            % {"fps": _number(self.fps), "min_fps": MIN_FPS})
        if self.container not in FORMATS:
            problems.append(_("Das Video hat das Format %(container)s. Möglich sind MP4 (mit H.264) "
                              "und WebM (mit VP8, VP9 oder AV1); diese Formate spielen alle Browser ab.")
                            % {"container": self.container})
        elif self.codec not in FORMATS[self.container][0]:
            problems.append(_("Das Video ist mit %(codec)s kodiert. In %(container)s spielen die Browser "
                              "nur %(allowed)s ab.")
                            % {"codec": CODEC_NAMES.get(self.codec, self.codec), "container": self.container.upper(),
                               "allowed": FORMATS[self.container][2]})
        return problems


def _number(value):
    """15 as "15", 29.97 as "29,97" (in German)."""
    value = round(value, 2)
    return number_format(int(value) if value == int(value) else value)


def probe_path(path, name):
    """The facts of the video file at `path`; `name` is its upload name (for WebM vs Matroska).

    Raises ValidationError (German) when the file is no video ffprobe can read."""
    executable = shutil.which("ffprobe")
    if executable is None:
        raise ValidationError(_("Das Video kann gerade nicht geprüft werden: Auf dem Server fehlt das "
                                "Programm ffprobe (Paket ffmpeg). Bitte melden Sie das der Technik."),
                              code="ffprobe_missing")
    try:
        result = subprocess.run(
            [executable, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", "--", str(path)],
            capture_output=True, timeout=PROBE_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise ValidationError(_("Die Datei konnte nicht in %(seconds)s Sekunden gelesen werden.")
                              % {"seconds": PROBE_SECONDS}, code="unreadable") from None
    try:
        data = json.loads(result.stdout or b"{}")
    except ValueError:
        data = {}
    video = next((s for s in data.get("streams", []) if s.get("codec_type") == "video"
                  and not s.get("disposition", {}).get("attached_pic")), None)
    if result.returncode != 0 or video is None:
        raise ValidationError(_("Die Datei ist kein Video, das sich lesen lässt. Bitte laden Sie eine "
                                "MP4-Datei (H.264) oder eine WebM-Datei hoch."), code="not_a_video")
    fmt = data.get("format", {})
    return VideoFacts(
        width=int(video.get("width") or 0),
        height=int(video.get("height") or 0),
        fps=_rate(video.get("avg_frame_rate")) or _rate(video.get("r_frame_rate")),
        duration=float(fmt.get("duration") or video.get("duration") or 0),
        size=int(fmt.get("size") or 0),
        codec=video.get("codec_name", ""),
        container=_container(fmt, name),
    )


def probe_upload(upload):
    """The facts of an uploaded file (Django's UploadedFile), read through a temporary file when
    Django kept the upload in memory."""
    name = getattr(upload, "name", "") or ""
    if hasattr(upload, "temporary_file_path"):
        return probe_path(upload.temporary_file_path(), name)
    with tempfile.NamedTemporaryFile(suffix=PurePath(name).suffix[:10]) as copy:
        upload.seek(0)
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        upload.seek(0)
        return probe_path(copy.name, name)


def _rate(value):
    try:
        return float(Fraction(value)) if value and value != "0/0" else 0.0
    except (ValueError, ZeroDivisionError):
        return 0.0


def _container(fmt, name):
    names = set((fmt.get("format_name") or "").split(","))
    suffix = PurePath(name).suffix.lower()
    if "mp4" in names:
        brand = (fmt.get("tags") or {}).get("major_brand", "").strip()
        return "mov" if brand == "qt" or suffix == ".mov" else "mp4"
    if "webm" in names:
        return "webm" if suffix == ".webm" else "matroska"
    return fmt.get("format_name") or "?"

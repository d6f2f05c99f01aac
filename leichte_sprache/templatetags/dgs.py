"""{% dgs_video "inhalt" %}: the DGS video of a place, or, until there is one, a sentence saying
it is coming. The block is German (Leichte Sprache) whatever the page's language."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import translation
from django.utils.formats import number_format

from ..models import DgsVideo

register = template.Library()


def running_time(seconds):
    """"1:05" for 65 seconds (minutes:seconds, rounded to the second)."""
    total = int(Decimal(seconds or 0).quantize(Decimal(1), ROUND_HALF_UP))
    return f"{total // 60}:{total % 60:02d}"


def megabytes(size):
    """The size in megabytes (10⁶ bytes) with one decimal, in the active language's format: "3,2"."""
    return number_format(Decimal(size or 0) / 1_000_000, decimal_pos=1)


@register.inclusion_tag("leichte_sprache/dgs_video.html")
def dgs_video(slot):
    video = DgsVideo.objects.published().filter(slot=slot).first()
    if video is None:
        return {"video": None, "slot": slot}
    with translation.override("de"):
        size = megabytes(video.size)
    total = int(Decimal(video.duration).quantize(Decimal(1), ROUND_HALF_UP))
    return {
        "video": video,
        "slot": slot,
        "running_time": running_time(video.duration),
        "iso_duration": f"PT{total // 60}M{total % 60}S",
        "megabytes": size,
    }

"""The uploaded DGS video files, with the range requests browsers need to play and seek."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from core.ranges import ranged_file_response

from .models import DgsVideo


@require_safe
def video_file(request, name):
    """A DGS video's file: published ones for everyone, the others for staff checking them.

    Only files that belong to a DgsVideo are served, never anything else in the storage."""
    video = get_object_or_404(DgsVideo.objects.visible_to(request.user), file=f"dgs/{name}")
    # An unpublished video is staff's alone. A published one is the same file for everyone, and a
    # replaced video gets a new file name: browsers and proxies may keep it for a day, so seeking
    # back does not fetch it again (an unpublished one disappears within that day at the latest).
    headers = {"Cache-Control": "public, max-age=86400"} if video.published else {"Cache-Control": "private, no-store"}
    return ranged_file_response(
        request, video.file.storage, video.file.name, content_type=video.content_type, size=video.size,
        etag=f"{video.pk}-{int(video.uploaded_at.timestamp())}-{video.size}", last_modified=video.uploaded_at,
        headers=headers)

"""DGS videos: ffprobe's checks on upload (BITV 2.0 Anlage 2 Teil 1), the checklist before
publishing, serving with range requests, and the template tag's Leichte Sprache block."""

import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse
from django.utils.html import strip_tags

from leichte_sprache import urls_media
from leichte_sprache.checker import check
from leichte_sprache.models import DgsVideo
from leichte_sprache.templatetags.dgs import megabytes, running_time
from leichte_sprache.video_check import probe_path

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs Debian's ffmpeg (make test installs it)")

TEXT = "Hier lernen Sie das Portal kennen.\nDas Video zeigt den Weg zu den Seiten."


def ffmpeg(path, *arguments, size="640x360", rate=25):
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=size={size}:rate={rate}",
                    "-t", "1", *arguments, str(path)], check=True, timeout=120)
    return path


@pytest.fixture(scope="session")
def videos(tmp_path_factory):
    """One-second test videos, made once per session (about 1 s together)."""
    folder = tmp_path_factory.mktemp("dgs")
    h264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    made = {
        "valid": ffmpeg(folder / "valid.mp4", *h264),
        "small": ffmpeg(folder / "small.mp4", *h264, size="160x120"),
        "slow": ffmpeg(folder / "slow.mp4", *h264, rate=15),
        "webm": ffmpeg(folder / "valid.webm", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k"),
        "mpeg4": ffmpeg(folder / "mpeg4.mp4", "-c:v", "mpeg4"),
        "quicktime": ffmpeg(folder / "quicktime.mp4", *h264, "-f", "mov"),
    }
    made["text"] = folder / "text.mp4"
    made["text"].write_text("Das ist kein Video.")
    return made


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="video/mp4")


def new_video(path, slot="inhalt", name=None, **fields):
    video = DgsVideo(slot=slot, title="Was steht im Portal?", text_alternative=TEXT, file=upload(path, name), **fields)
    video.full_clean()
    video.save()
    return video


CHECKED = {"no_shadows": True, "calm_background": True, "dark_clothing": True, "dgs_logo": True, "published": True}


# --- What ffprobe measures and what is refused --------------------------------------------------


def test_ffprobe_measures_the_valid_video(videos):
    facts = probe_path(videos["valid"], "valid.mp4")
    assert (facts.width, facts.height, facts.fps, facts.codec, facts.container) == (640, 360, 25, "h264", "mp4")
    assert facts.duration == pytest.approx(1, abs=0.1)
    assert facts.size == videos["valid"].stat().st_size
    assert facts.content_type == "video/mp4"
    assert facts.problems() == []


@pytest.mark.django_db
def test_a_valid_upload_is_stored_with_what_was_measured(videos, media):
    video = new_video(videos["valid"], **CHECKED)
    video.refresh_from_db()
    assert (video.width, video.height, video.fps, video.codec, video.container) == (640, 360, 25, "h264", "mp4")
    assert video.content_type == "video/mp4"
    assert video.size == videos["valid"].stat().st_size
    assert video.file.name.startswith("dgs/inhalt-") and video.file.name.endswith(".mp4")
    assert (media / video.file.name).read_bytes() == videos["valid"].read_bytes()


@pytest.mark.django_db
def test_webm_with_vp8_is_accepted(videos, media):
    video = new_video(videos["webm"], slot="navigation")
    assert (video.container, video.codec, video.content_type) == ("webm", "vp8", "video/webm")


@pytest.mark.django_db
@pytest.mark.parametrize("key, reason", [
    ("small", "Das Video ist 160 × 120 Pixel groß. Nötig sind mindestens 320 × 240 Pixel."),
    ("slow", "Das Video hat 15 Bilder pro Sekunde. Nötig sind mindestens 25."),
    ("text", "Die Datei ist kein Video, das sich lesen lässt. Bitte laden Sie eine MP4-Datei (H.264) "
             "oder eine WebM-Datei hoch."),
    ("mpeg4", "Das Video ist mit MPEG-4 Part 2 kodiert. In MP4 spielen die Browser nur H.264 ab."),
    ("quicktime", "Das Video hat das Format mov. Möglich sind MP4 (mit H.264) und WebM (mit VP8, VP9 "
                  "oder AV1); diese Formate spielen alle Browser ab."),
])
def test_a_video_that_fails_anlage_2_is_refused_with_the_measured_value(videos, media, key, reason):
    with pytest.raises(ValidationError) as refused:
        new_video(videos[key])
    assert refused.value.message_dict["file"] == [reason]
    assert not DgsVideo.objects.exists()
    assert not any(media.rglob("*.mp4"))


@pytest.mark.django_db
def test_matroska_named_webm_only_when_it_is_webm(videos, media):
    with pytest.raises(ValidationError) as refused:
        new_video(videos["webm"], name="video.mkv")
    # The name alone is refused first (the extension validator), before anything is probed.
    assert "mkv" in " ".join(refused.value.message_dict["file"])


@pytest.mark.django_db
def test_publishing_needs_the_whole_checklist(videos, media):
    with pytest.raises(ValidationError) as refused:
        new_video(videos["valid"], published=True, no_shadows=True)
    assert "Prüfliste" in refused.value.message_dict["published"][0]
    video = new_video(videos["valid"])
    video.published = True
    with pytest.raises(IntegrityError), transaction.atomic():
        video.save()  # the database refuses it too, whatever path skips full_clean()


# --- Through the admin ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("in_memory", [True, False])
def test_staff_upload_in_the_admin(videos, media, staff_client, settings, in_memory):
    # Django keeps small uploads in memory and writes large ones to a temporary file: both are probed.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10**9 if in_memory else 0
    form = {"slot": "barrierefreiheit", "title": "Barrierefreiheit", "text_alternative": TEXT}
    with videos["slow"].open("rb") as file:
        refused = staff_client.post(reverse("admin:leichte_sprache_dgsvideo_add"), {**form, "file": file})
    assert refused.status_code == 200
    assert "Das Video hat 15 Bilder pro Sekunde. Nötig sind mindestens 25." in refused.content.decode()
    with videos["text"].open("rb") as file:
        refused = staff_client.post(reverse("admin:leichte_sprache_dgsvideo_add"), {**form, "file": file})
    assert refused.status_code == 200 and "kein Video" in refused.content.decode()
    with videos["valid"].open("rb") as file:
        accepted = staff_client.post(reverse("admin:leichte_sprache_dgsvideo_add"), {**form, "file": file})
    assert accepted.status_code == 302
    video = DgsVideo.objects.get(slot="barrierefreiheit")
    assert (video.width, video.fps) == (640, 25)
    page = staff_client.get(reverse("admin:leichte_sprache_dgsvideo_change", args=[video.pk])).content.decode()
    assert "640 × 360" in page and "0:01" in page


@pytest.mark.django_db
def test_a_replaced_file_is_deleted_from_the_storage(videos, media, django_capture_on_commit_callbacks):
    video = new_video(videos["valid"])
    old = video.file.name
    video.file = upload(videos["webm"])
    video.full_clean()
    with django_capture_on_commit_callbacks(execute=True):
        video.save()
    assert not (media / old).exists()
    assert (media / video.file.name).exists()


# --- Serving: type and range requests --------------------------------------------------------------


@pytest.fixture
def published(videos, media, db):
    return new_video(videos["valid"], **CHECKED)


def test_the_whole_file_with_its_type_and_accept_ranges(client, published, videos):
    response = client.get(published.url, HTTP_ACCEPT_ENCODING="gzip")
    data = videos["valid"].read_bytes()
    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(data))
    assert "Content-Encoding" not in response  # gzip would break the byte counts of ranges
    assert b"".join(response.streaming_content) == data


@pytest.mark.parametrize("header, first, last", [
    ("bytes=0-99", 0, 99),
    ("bytes=100-", 100, None),
    ("bytes=-50", -50, None),
    ("bytes=1000-999999999", 1000, None),
])
def test_a_range_is_answered_with_206_and_exactly_those_bytes(client, published, videos, header, first, last):
    data = videos["valid"].read_bytes()
    expected = data[first:last + 1] if last is not None else data[first:]
    start = first % len(data)
    response = client.get(published.url, HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{start + len(expected) - 1}/{len(data)}"
    assert response["Content-Length"] == str(len(expected))
    assert b"".join(response.streaming_content) == expected


@pytest.mark.parametrize("header", ["bytes=999999999-", "bytes=-0"])
def test_a_range_outside_the_file_is_416(client, published, videos, header):
    response = client.get(published.url, HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{videos['valid'].stat().st_size}"


@pytest.mark.parametrize("header", ["bytes=0-9,20-29", "bytes=9-0", "items=0-9", "bytes=abc"])
def test_ranges_the_view_does_not_serve_get_the_whole_file(client, published, videos, header):
    response = client.get(published.url, HTTP_RANGE=header)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == videos["valid"].read_bytes()


def test_if_range_with_another_version_gets_the_whole_file(client, published):
    current = client.get(published.url)["ETag"]
    assert client.get(published.url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=current).status_code == 206
    assert client.get(published.url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"older"').status_code == 200


def test_head_and_post(client, published):
    head = client.head(published.url)
    assert head.status_code == 200 and head["Content-Length"] == str(published.size)
    assert client.post(published.url).status_code == 405


# Every route of leichte_sprache/urls_media.py × role → status. A route missing here fails below.
ROUTE_MATRIX = {
    "dgs-video-file": {("published", "anonymous"): 200, ("published", "staff"): 200,
                       ("unpublished", "anonymous"): 404, ("unpublished", "staff"): 200,
                       ("unknown", "anonymous"): 404, ("unknown", "staff"): 404},
}


def test_every_media_route_is_in_the_matrix():
    names = {pattern.name for pattern in urls_media.urlpatterns if isinstance(pattern, URLPattern)}
    assert names == set(ROUTE_MATRIX)


@pytest.mark.parametrize("state", ["published", "unpublished", "unknown"])
@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_media_permission_matrix(client, staff_client, videos, media, db, state, role):
    video = new_video(videos["valid"], **(CHECKED if state == "published" else {}))
    url = video.url if state != "unknown" else reverse("dgs-video-file", args=["inhalt-000000000000.mp4"])
    response = (staff_client if role == "staff" else client).get(url)
    assert response.status_code == ROUTE_MATRIX["dgs-video-file"][(state, role)]
    if state == "unpublished" and role == "staff":
        assert "no-store" in response["Cache-Control"]
    if state == "published" and role == "anonymous":  # the same file for everyone: may be kept
        assert response["Cache-Control"] == "public, max-age=86400"


def test_only_a_videos_own_file_is_served(client, published, media):
    (media / "dgs" / "other.mp4").write_bytes(b"not a video of the portal")
    assert client.get(reverse("dgs-video-file", args=["other.mp4"])).status_code == 404
    assert client.get("/media/dgs/../" + published.file.name).status_code == 404


def test_the_content_security_policy_lets_the_page_play_its_own_videos(client, published):
    policy = client.get(reverse("portal:start"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert "'self'" in directives.get("media-src", directives["default-src"]).split()


# --- The template tag ----------------------------------------------------------------------------


def render(slot):
    return Template('{% load dgs %}{% dgs_video slot %}').render(Context({"slot": slot}))


@pytest.mark.django_db
def test_a_place_without_video_says_in_leichte_sprache_that_it_comes():
    html = render("navigation")
    assert "Das Video in Gebärden·sprache kommt bald." in html
    assert 'lang="de"' in html and "<video" not in html


@pytest.mark.django_db
def test_an_unpublished_video_is_not_shown(videos, media):
    new_video(videos["valid"], slot="navigation")
    assert "kommt bald" in render("navigation")


def test_the_tag_shows_video_text_running_time_size_and_download(published, django_assert_num_queries):
    with django_assert_num_queries(1):
        html = render("inhalt")
    assert '<video controls preload="metadata" width="640" height="360">' in html
    assert f'<source src="{published.url}" type="video/mp4">' in html
    assert "<details" in html and "Hier lernen Sie das Portal kennen." in html
    assert '<time datetime="PT0M1S">0:01</time> Minuten' in html
    assert f'<a href="{published.url}" type="video/mp4" download>Video herunter·laden</a>' in html
    assert "Die Datei ist 0,0 Mega·byte groß." in html


def test_the_tags_own_sentences_are_leichte_sprache(published):
    for html in (render("inhalt"), render("hinweise")):
        own = strip_tags(html).replace(TEXT.split("\n")[0], "").replace(TEXT.split("\n")[1], "")
        own = own.replace(published.title, "")
        lines = "\n".join(line.strip() for line in own.splitlines() if line.strip())
        report = check(lines)
        assert report.errors == [], [(f.rule, f.sentence) for f in report.errors]


def test_running_time_and_size_in_german():
    assert running_time(65) == "1:05"
    assert running_time(0.6) == "0:01"
    assert running_time(3600) == "60:00"
    assert megabytes(3_240_000) == "3,2"
    assert megabytes(1_250_000_000) == "1250,0"


@pytest.mark.django_db
def test_the_admin_list_costs_the_same_queries_for_2_and_20_videos(staff_client, django_assert_max_num_queries):
    def rows(count):
        DgsVideo.objects.bulk_create(
            DgsVideo(slot=f"seite-{DgsVideo.objects.count() + n}", title="Video", text_alternative=TEXT,
                     file=f"dgs/seite-{n}.mp4", width=640, height=360, fps=25, duration=61, size=3_200_000)
            for n in range(count))

    url = reverse("admin:leichte_sprache_dgsvideo_changelist")
    rows(2)
    staff_client.get(url)  # the session and the content types are cached after the first page
    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(url).status_code == 200
    rows(18)
    with django_assert_max_num_queries(len(few)):
        page = staff_client.get(url)
    assert page.content.decode().count("640 × 360") == 20

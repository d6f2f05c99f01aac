"""A file from Django's storage, answered with HTTP range requests (RFC 9110 §14).

Browsers ask for a video in ranges ("Range: bytes=…") to read its header, to seek, and to resume;
Safari does not play a video whose server ignores them. Django's FileResponse sends the whole
file, and the packages that add ranges to it (django-ranged-response, last released 2017) are
unmaintained; this is the small part of RFC 9110 a video needs: one range per request, 206 with
Content-Range, 416 for a range outside the file, If-Range. Several ranges in one request are
answered with the whole file, which RFC 9110 allows (a server may ignore Range).

In production the web server can serve MEDIA_ROOT itself (docs/deployment.md); nginx does ranges.
"""

import re

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import http_date, quote_etag

CHUNK = 64 * 1024
RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


def parse_range(header, size):
    """(start, end) inclusive for a single satisfiable byte range, None when the header is to be
    ignored (absent, malformed, several ranges), or "unsatisfiable"."""
    if not header or "," in header:
        return None
    match = RANGE.match(header)
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            return "unsatisfiable"
        return max(0, size - suffix), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None  # invalid: ignored, as RFC 9110 says
    if start >= size:
        return "unsatisfiable"
    return start, end


def ranged_file_response(request, storage, name, *, content_type, size, etag, last_modified, headers=None):
    """The file `name` of `storage` for this request: 200 with all of it, 206 with the range
    asked for, or 416. `etag` and `last_modified` (a datetime) identify this version of the file
    for If-Range and caches; `headers` are added to every answer (Cache-Control, …)."""
    etag = quote_etag(etag)
    modified = http_date(last_modified.timestamp())
    common = {"Accept-Ranges": "bytes", "ETag": etag, "Last-Modified": modified, **(headers or {})}
    wanted = parse_range(request.headers.get("Range"), size)
    if_range = request.headers.get("If-Range")
    if wanted is not None and if_range and if_range not in (etag, modified):
        wanted = None  # the client holds another version: it gets this one whole
    if wanted == "unsatisfiable":
        return HttpResponse(status=416, headers={**common, "Content-Range": f"bytes */{size}"})
    start, end = wanted if wanted else (0, size - 1)
    length = max(0, end - start + 1)
    body = _read(storage, name, start, length) if request.method != "HEAD" else iter(())
    response = StreamingHttpResponse(
        body, status=206 if wanted else 200, content_type=content_type,
        headers={**common, "Content-Length": str(length)})
    if wanted:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response


def _read(storage, name, start, length):
    with storage.open(name, "rb") as file:
        file.seek(start)
        while length > 0:
            chunk = file.read(min(CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk

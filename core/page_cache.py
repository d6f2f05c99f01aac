"""Anonymous public pages: kept in the server's cache and cacheable by any HTTP cache in front.

One mechanism, keyed by the content stamp (value and token: one state of one database). Any
content change bumps the stamp, so:

- a page is kept in the server's cache per address (scheme, host, language prefix, path and
  query) under the current stamp; the next request after a change renders anew and old
  entries simply expire;
- the same stamp and address make the page's ETag. A browser or a proxy (nginx, Varnish, a
  CDN) that asks again with If-None-Match gets `304 Not Modified` before the page is looked
  up or rendered: while the stamp stands, the page it holds is the page it would get;
- public responses say `Cache-Control: public, max-age=HTTP_CACHE_SECONDS`, so a proxy in
  front answers most requests itself and asks again (cheaply, see above) after that long.

Only anonymous GET/HEAD requests outside the admin and the partner workspace are public, and
only responses that set no cookie: pages with a form (CSRF token), a message or a session are
never shared between visitors. Everything else (logged-in partners and staff, POSTs, the
admin, the workspace and the account pages, forms) is marked `private, no-store`, here, in
one place, rather than view by view.
"""

import hashlib
import threading
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import (
    add_never_cache_headers, get_conditional_response, patch_cache_control, patch_vary_headers,
)
from django.utils.http import parse_etags

from .models import ContentStamp

# Downloads of the open data, besides /api/: they send CORS headers (opendata/exports.py).
OPEN_DATA_SUFFIXES = (".csv", ".json")
LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
# Pages with a language prefix and the API: these get an ETag and are kept in the server's cache.
CACHED_PREFIXES = LANGUAGE_PREFIXES + ("/api/",)
WORKSPACE = "partner"  # /<lang>/partner/…: the partner workspace and the account pages, always personal
ADMIN_PREFIX = "/admin/"
# What the server's cache keeps. PDFs (and workbooks) are public too but are kept on disk by core/pdf.py: a
# report PDF for each filter combination would crowd every worker's memory.
STORED_TYPES = ("text/html", "application/json", "text/csv", "application/atom+xml")
# A closed reporting round's workbook (XLSX) is kept on disk like the PDFs.
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PUBLIC_TYPES = STORED_TYPES + ("application/pdf", XLSX_TYPE)
# A proxy keeps one copy per value of these request headers. Cookie: a logged-in visitor (who
# is never given a public page) must not be served an anonymous one; Accept-Encoding: the page
# comes gzipped or not (GZipMiddleware sits below this middleware).
PUBLIC_VARY = ("Cookie", "Accept-Encoding")
# LocaleMiddleware adds Accept-Language wherever the path has no language prefix (/, /api/);
# a 304 answered before it runs must name the same headers as the 200 would (RFC 9110 15.4.5).
UNPREFIXED_VARY = ("Accept-Language",) + PUBLIC_VARY


class StampMemo:
    """The content state's identity, read from the database at most once per PAGE_CACHE_STAMP_SECONDS per process.

    Saves the one query a cached page would otherwise cost. The process that changes content
    forgets the memo at once (content_stamp.py); other workers notice within that interval.
    The identity is the stamp's value and token (ContentStamp.identity(), one query): it names
    one state of one database, so what the caches, browsers and proxies keep under it is never
    taken for another database's state, nor for this one's after a restore.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self.identity, self.read_at = None, 0.0

    def get(self):
        now = time.monotonic()
        if self.identity is None or now - self.read_at >= settings.PAGE_CACHE_STAMP_SECONDS:
            with self._lock:
                self.identity, self.read_at = ContentStamp.identity(), now
        return self.identity

    def forget(self):
        self.identity = None


stamp_memo = StampMemo()


def page_etag(request):
    """A weak ETag from the content state's identity and the page's full address.

    The address is scheme, host, language prefix, path and query. No page depends on the host
    (absolute links come from PORTAL_BASE_URL, core/base_url.py), but it stays in the key: what
    a request with another Host header got is never given to anyone else, whatever a template
    might one day take from the request.

    GET and HEAD, gzipped or not, share it: it names the page's content, not its bytes, which is
    what a weak ETag promises (RFC 9110 8.8.1) and what lets If-None-Match match after
    GZipMiddleware compressed the page. The bytes do differ: gzip's random padding, and a
    download's generation time.
    """
    address = request.build_absolute_uri()
    digest = hashlib.sha256(f"{stamp_memo.get()} {address}".encode("utf-8", "surrogateescape")).hexdigest()
    return f'W/"{digest[:32]}"'


def if_none_match(request, etag):
    """Whether If-None-Match names this ETag, by weak comparison (RFC 9110 13.1.2: W/ is ignored).

    `*` (any current representation) is left to get_conditional_response() after the view:
    before it runs, nobody knows whether the address has a page at all.
    """
    tags = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    opaque = etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == opaque for tag in tags if tag != "*")


def make_public(request, response, etag=None):
    patch_cache_control(response, public=True, max_age=settings.HTTP_CACHE_SECONDS)
    patch_vary_headers(response, PUBLIC_VARY if request.path.startswith(LANGUAGE_PREFIXES) else UNPREFIXED_VARY)
    if etag:
        response["ETag"] = etag
    return response


class AnonymousPageCacheMiddleware:
    """The one place that decides what may be kept, by whom, and answers If-None-Match (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Django's host validation first, for every request: a Host header outside ALLOWED_HOSTS
        # is a 400 (DisallowedHost) before anything is looked up in a cache or answered with a
        # 304. CommonMiddleware would check it too, but it runs below, after the cache.
        request.get_host()
        if not self.public_request(request):
            response = self.get_response(request)
            # Personal, or the admin's and the workspace's: neither a proxy nor the browser's
            # back button may keep it (the Django idiom: never_cache's headers).
            add_never_cache_headers(response)
            return response
        if not request.path.startswith(CACHED_PREFIXES):
            # "/" and other addresses without a language: LocaleMiddleware redirects them by the
            # language cookie and Accept-Language, and says so in Vary, so a proxy may keep the
            # redirect. Anything else here (/healthz/, a 404) is not for keeping.
            response = self.get_response(request)
            return self.finish(request, response)
        etag = page_etag(request)
        # The stamp is read before the page's content (page_etag): a change committed in between
        # can only make the page newer than its key and ETag, never older.
        if if_none_match(request, etag):
            # The asker holds this page at this stamp: say so without looking it up or rendering it.
            not_modified = make_public(request, HttpResponseNotModified(), etag)
            if request.path.startswith("/api/") or request.path.endswith(OPEN_DATA_SUFFIXES):
                # The open data answers any origin (opendata/); a browser application that
                # revalidates must be allowed to read the 304 as it read the 200.
                not_modified["Access-Control-Allow-Origin"] = "*"
            return not_modified
        store = settings.PAGE_CACHE_SECONDS > 0
        # GZipMiddleware (below) compresses for clients that accept gzip, so the cache keeps a
        # compressed and a plain copy, told apart by the same test GZipMiddleware applies.
        encoding = "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "identity"
        key = f"page:{request.method}:{encoding}:{etag}"
        entry = caches[settings.PAGE_CACHE_ALIAS].get(key) if store else None
        if entry is not None:
            response = HttpResponse(entry["content"], status=entry["status"])
            for header, value in entry["headers"]:
                response[header] = value
            response["X-Page-Cache"] = "hit"
            return self.finish(request, response, etag)
        response = self.get_response(request)
        if store and self.storable(response):
            # Kept without the caching headers, which finish() adds to every answer. A kept page
            # holds no secret (it sets no cookie), so gzip's fixed padding (BREACH) reveals nothing.
            caches[settings.PAGE_CACHE_ALIAS].set(key, {"content": response.content, "status": response.status_code,
                                                         "headers": list(response.headers.items())},
                                                  settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return self.finish(request, response, etag)

    def finish(self, request, response, etag=None):
        """A public request's response: public if anyone may be given it, else never kept — unless
        the view said itself how it may be kept (never_cache, a published video's file)."""
        if not self.public_response(response, etag):
            if response.cookies or not response.has_header("Cache-Control"):
                add_never_cache_headers(response)
            return response
        make_public(request, response, etag if response.status_code == 200 else None)
        if response.status_code != 200:
            return response
        # If-None-Match: * and If-Match, which need to know the page exists (RFC 9110 13.2.2).
        return get_conditional_response(request, etag=etag, response=response)

    @staticmethod
    def public_request(request):
        """An anonymous visitor's GET or HEAD, outside the admin and the partner workspace.

        Anonymous is decided by the cookies alone, without touching the database: no session
        (logged-in, or a session opened by a form) and no message waiting to be shown (which
        pages show messages is the templates' business). An emptied cookie is no cookie.
        """
        path = request.path
        return (
            request.method in ("GET", "HEAD")
            and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
            and not request.COOKIES.get(CookieStorage.cookie_name)
            and not path.startswith(ADMIN_PREFIX)
            and path.split("/")[2:3] != [WORKSPACE]
        )

    @staticmethod
    def public_response(response, etag):
        if response.cookies or response.has_header("Cache-Control"):
            # A cookie (CSRF, session, messages) is one visitor's; a view that said how it may be
            # cached (never_cache) keeps what it said.
            return False
        if response.status_code in (301, 302):
            return True  # a missing language prefix or slash: the same for every visitor
        return (
            etag is not None
            and response.status_code == 200
            and response.get("Content-Type", "").split(";")[0] in PUBLIC_TYPES
        )

    @staticmethod
    def storable(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
            and response.get("Content-Type", "").split(";")[0] in STORED_TYPES
        )

"""Anonymous public pages served from the cache, keyed by the content stamp.

A page is cached per URL (language prefix and query included) under the current
ContentStamp: any content change bumps the stamp, so the next request renders anew and
old entries simply expire. Only anonymous GET/HEAD requests are served from the cache,
and only responses that set no cookie are stored: pages with a form (CSRF token), a
message or a session are never shared between visitors. Logged-in partners and staff
never see a cached page.
"""

import hashlib
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

from .models import ContentStamp

CACHED_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES) + ("/api/",)
WORKSPACE = "partner"  # /<lang>/partner/…: the partner workspace, always personal


class StampMemo:
    """The content stamp, read from the database at most once per PAGE_CACHE_STAMP_SECONDS per process.

    Saves the one query a cached page would otherwise cost. The process that changes content
    forgets the memo at once (content_stamp.py); other workers notice within that interval.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self.value, self.read_at = None, 0.0
        self._derived = {}

    def get(self):
        now = time.monotonic()
        if self.value is None or now - self.read_at >= settings.PAGE_CACHE_STAMP_SECONDS:
            with self._lock:
                self.value, self.read_at = ContentStamp.current(), now
        return self.value

    def derived(self, key, compute, refresh=False):
        """compute(), kept in this process for as long as the content stamp stays the same.

        For small things every page needs and only content changes alter (filter choices,
        say). The stamp is read before computing, so a stored value is never older than its stamp.
        `refresh` recomputes at once: for a caller that found the value older than the data it
        reads (another worker changed content within the stamp's reading interval).
        """
        stamp = self.get()
        stored = self._derived.get(key)
        if not refresh and stored is not None and stored[0] == stamp:
            return stored[1]
        value = compute()
        self._derived[key] = (stamp, value)
        return value

    def forget(self):
        self.value = None
        self._derived = {}


stamp_memo = StampMemo()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        # The stamp is read before the page's content: a change committed in between can only
        # make the stored page newer than its key, never older.
        path_hash = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()
        key = f"page:{stamp_memo.get()}:{request.method}:{path_hash}"
        entry = cache.get(key)
        if entry is not None:
            response = HttpResponse(entry["content"], status=entry["status"])
            for header, value in entry["headers"]:
                response[header] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.cacheable_response(response):
            cache.set(key, {"content": response.content, "status": response.status_code,
                            "headers": list(response.headers.items())}, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def cacheable_request(request):
        path = request.path
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES  # anonymous, without touching the database
            and path.startswith(CACHED_PREFIXES)
            and path.split("/")[2:3] != [WORKSPACE]
        )

    @staticmethod
    def cacheable_response(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").split(";")[0] in ("text/html", "application/json", "text/csv",
                                                                    "application/atom+xml")
        )

"""PDF documents: rendered once per content state, language and parameters, then cached.

The cache key holds the ContentStamp's identity, so any content change makes the next
request render a fresh PDF and leaves the old one to expire. Rendering is deterministic, so
two requests that miss the cache at the same moment both produce a correct file; the later
write simply stores the same bytes again.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

from .base_url import absolute_url


PDF_CACHE = "pdf"


def pdf_cache_key(kind, language, params=""):
    """The key of a PDF: the content state's identity (value and token), not the stamp's value alone.

    The cache directory outlives a database: another database, or this one restored from a
    backup, counts the stamp to the same values with other content (ContentStamp).
    """
    from .page_cache import stamp_memo

    digest = hashlib.sha256(params.encode("utf-8")).hexdigest()[:16]
    return f"pdf:{kind}:{language}:{stamp_memo.get()}:{digest}"


def render_pdf(template_name, context, request, metadata=None):
    """HTML template → tagged PDF bytes (PDF/UA-1 where WeasyPrint supports it)."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    # Relative links resolve against the configured address, not the request's Host: the PDF is
    # cached for every visitor, whoever asked first (core/base_url.py).
    document = HTML(string=html, base_url=absolute_url("/"), url_fetcher=_static_only_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", custom_metadata=True, **(metadata or {}))


def _static_only_fetcher():
    """A fetcher that resolves /static/… from the static files and fetches nothing else.

    Rendering must never reach the network; every resource is a file we ship.
    """
    from django.contrib.staticfiles import finders
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            marker = settings.STATIC_URL
            if marker in url:
                name = url.split(marker, 1)[1].split("?", 1)[0]
                # Source files while developing; collected (hashed) files in production.
                found = finders.find(name) or (Path(settings.STATIC_ROOT) / name)
                if found and Path(found).is_file():
                    return super().fetch(Path(found).as_uri(), headers)
            raise ValueError(f"Refusing to fetch {url} while rendering a PDF")

    return StaticOnlyFetcher(allowed_protocols=["file"])


def cached_pdf(kind, params, generate):
    """The PDF bytes for (kind, language, params) at the current content state."""
    cache = caches[PDF_CACHE]
    key = pdf_cache_key(kind, get_language() or settings.LANGUAGE_CODE, params)
    data = cache.get(key)
    if data is None:
        data = generate()
        cache.set(key, data, timeout=None)
    return data


def pdf_response(data, filename):
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Length"] = str(len(data))
    return response

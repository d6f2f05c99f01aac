"""Django's GZipMiddleware, except for PDFs, workbooks and media files."""

from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware

from .page_cache import XLSX_TYPE

#: Already compressed by their own format (XLSX is a zip); gzip would cost time and, for a video
#: answered in ranges (core/ranges.py), break Content-Length and Content-Range, which count the
#: file's bytes.
UNCOMPRESSED_TYPES = ("application/pdf", XLSX_TYPE, "video/", "audio/")


class GZipMiddleware(DjangoGZipMiddleware):
    """Compresses HTML, JSON, CSV and Atom for clients that accept gzip; leaves PDFs alone.

    WeasyPrint compresses a PDF's streams itself: gzip took 1.4 ms for a 72 KB Leitlinien PDF
    and saved 6 %, on every request, as PDFs are not kept in the page cache.
    """

    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith(UNCOMPRESSED_TYPES):
            return response
        return super().process_response(request, response)

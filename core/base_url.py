"""The portal's absolute addresses: from settings.PORTAL_BASE_URL, never from a request.

The Host header is the client's to choose. A link built from it (request.build_absolute_uri,
get_current_site) goes wherever the asker says: a password-reset mail to the host a request
named, a cached page or PDF with that host's links to every later visitor. So every absolute
address the portal hands out (mails, feeds, hreflang alternates, the open data, PDFs) is this
setting plus a path; in development `make run` sets it to the address it serves on.

PORTAL_BASE_URL is an origin, `scheme://host[:port]`; paths come from reverse() and
get_absolute_url(), which add the script prefix of a portal served below a path (checks.py
refuses a base URL with a path of its own, which would then appear twice).
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url():
    """PORTAL_BASE_URL without a trailing slash, ready for a path to be appended."""
    return settings.PORTAL_BASE_URL.rstrip("/")


def absolute_url(path):
    """The absolute address of `path` (as reverse() gives it: starting with /)."""
    return base_url() + path


def origin():
    """(scheme, host[:port]) of the base URL, for APIs that take them apart (PasswordResetForm.save)."""
    parts = urlsplit(settings.PORTAL_BASE_URL)
    return parts.scheme, parts.netloc

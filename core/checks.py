"""System checks of the settings the shared mechanisms rely on."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def base_url_is_an_origin(app_configs, **kwargs):
    """Every absolute address is PORTAL_BASE_URL plus a path (core/base_url.py): it must be an origin.

    A path of its own would appear twice in every link of a portal served below a path (reverse()
    adds the script prefix); a query or fragment would end up in the middle of every link.
    """
    parts = urlsplit(settings.PORTAL_BASE_URL)
    if parts.scheme in ("http", "https") and parts.netloc and not parts.path.strip("/") and not parts.query \
            and not parts.fragment:
        return []
    return [Error(
        f"PORTAL_BASE_URL {settings.PORTAL_BASE_URL!r} is not of the form scheme://host[:port].",
        hint="Set it to the address the portal is reached at, without a path, e.g. https://integration.magdeburg.de.",
        id="core.E001",
    )]


@register(deploy=True)
def base_url_is_https(app_configs, **kwargs):
    """In production the links in mails, feeds and the open data are https (and not the development default)."""
    if urlsplit(settings.PORTAL_BASE_URL).scheme == "https":
        return []
    return [Warning(
        f"PORTAL_BASE_URL is {settings.PORTAL_BASE_URL!r}: mails, feeds, hreflang links and the open data "
        "would point there.",
        hint="Set PORTAL_BASE_URL to the public https address, e.g. https://integration.magdeburg.de.",
        id="core.W001",
    )]

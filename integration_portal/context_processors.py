from django.conf import settings
from django.urls import get_script_prefix
from django.utils.translation import get_language, get_language_bidi

from core.base_url import base_url

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def language_versions(path, current):
    """The same page in every language; `path` is the request's path below the script prefix.

    Public URLs are identical in all languages except for the /<lang>/ prefix, so the other
    versions are the prefix swapped; pages outside the prefixed URLs exist once.
    """
    base = get_script_prefix().rstrip("/")  # a portal served below a path (/integration/…)
    prefix = f"/{current}/"
    rest = path[len(prefix):] if path.startswith(prefix) else None
    return [
        {"code": code, "name": name, "url": f"{base}/{code}/{rest}" if rest is not None else base + path,
         "current": code == current, "dir": "rtl" if code in settings.LANGUAGES_BIDI else "ltr"}
        for code, name in settings.LANGUAGES
    ]


def portal(request):
    """Language versions of the current page (switcher and hreflang), the base URL, the text direction.

    `base_url` makes the hreflang alternates absolute: PORTAL_BASE_URL, not the request's scheme
    and Host, as a cached page is given to every visitor (core/base_url.py).
    """
    current = get_language() or settings.LANGUAGE_CODE
    versions = language_versions(request.get_full_path_info(), current)
    return {
        "base_url": base_url(),
        "language_versions": versions,
        "german_version_url": versions[0]["url"],
        "is_source_language": current == settings.LANGUAGE_CODE,
        "text_direction": "rtl" if get_language_bidi() else "ltr",
    }

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_bidi


def portal(request):
    """Language versions of the current page (switcher and hreflang) and text direction."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    versions = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current,
         "dir": "rtl" if code in settings.LANGUAGES_BIDI else "ltr"}
        for code, name in settings.LANGUAGES
    ]
    return {
        "language_versions": versions,
        "german_version_url": versions[0]["url"],
        "is_source_language": current == settings.LANGUAGE_CODE,
        "text_direction": "rtl" if get_language_bidi() else "ltr",
    }

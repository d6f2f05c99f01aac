"""reverse(), kept in each worker per language: the URLconf does not change while a worker runs.

A page reverses some thirty URLs (navigation, footer, one link per list row), and Django's
reverse() costs about 25 µs each: a tenth of a rendered list page. The memo's key holds the
active language (the /<lang>/ prefix) and the script prefix (a portal served below a path).
"""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

# The links of every page's header and footer, by the names templates use (`nav.start`).
NAVIGATION = {
    "start": "portal:start",
    "leitlinien": "handlungsfelder:leitlinien",
    "felder": "handlungsfelder:list",
    "massnahmen": "massnahmen:list",
    "dashboard": "massnahmen:dashboard",
    "netzwerk": "netzwerk:index",
    "impressum": "portal:impressum",
    "datenschutz": "portal:datenschutz",
    "barrierefreiheit": "portal:barrierefreiheit",
    "workspace": "massnahmen:workspace",
}


def url_for(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs) in the active language."""
    return _reverse(viewname, tuple(sorted(kwargs.items())), get_language(), get_script_prefix())


def navigation():
    """{name: URL} of NAVIGATION in the active language."""
    return _navigation(get_language(), get_script_prefix())


# Bounded: a link per measure and language would otherwise grow with the data (about 2 MB when full).
@lru_cache(maxsize=8192)
def _reverse(viewname, kwargs, language, script_prefix):
    return reverse(viewname, kwargs=dict(kwargs))


@lru_cache(maxsize=64)
def _navigation(language, script_prefix):
    return {name: reverse(viewname) for name, viewname in NAVIGATION.items()}

"""The project's URL patterns by the first segment of their path, for the permission-matrix tests."""

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver


def route_names(first_segment, api=False):
    """Names ("namespace:name") of every URL whose path, after its language prefix (and, with `api`,
    after api/), begins with `first_segment`: route_names("partner") is the workspace, not /api/partner/."""
    names = []
    prefixes = {code for code, _name in settings.LANGUAGES} | ({"api"} if api else set())

    def walk(patterns, namespace="", prefix=""):
        for pattern in patterns:
            route = str(pattern.pattern).removeprefix("^")  # a regular-expression route (re_path) too
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{pattern.namespace}:" if pattern.namespace else namespace, prefix + route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                segments = (prefix + route).split("/")
                if segments[0] in prefixes:
                    segments = segments[1:]
                if segments[0] == first_segment:
                    names.append(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return names

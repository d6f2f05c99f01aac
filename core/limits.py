"""Limits on anonymous work: how often one client may send a form or start an expensive job.

django-ratelimit counts requests in the cache (atomically, per window); this module only says
*who* a client is and *how much* each kind of work may be asked for, so every limited view
reads one policy:

- the client is the address django-axes sees (behind N proxies: AXES_PROXY_COUNT), so the login
  lockout and these limits agree on who is asking;
- the rates are settings (RATELIMITS), one per group, so deployments and tests can change them.

A request over its rate raises TooManyRequests (django-ratelimit's Ratelimited, with the seconds
until the window ends); the library's middleware hands it to settings.RATELIMIT_VIEW, which
answers 429 with Retry-After, in the reader's language. Nothing of the request is processed.
"""

from functools import wraps

from django.conf import settings
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited


class TooManyRequests(Ratelimited):
    def __init__(self, group, retry_after):
        super().__init__(group)
        self.group = group
        self.retry_after = max(1, retry_after)


def client(group, request):
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "unknown"


def rate(group, request):
    return settings.RATELIMITS[group]


def claim(request, group):
    """Count one unit of `group`'s work for this client; TooManyRequests when over its rate.

    For work that is limited only when it is expensive (a PDF not yet in the cache), the caller
    decides when to count.
    """
    usage = get_usage(request, group=group, key=client, rate=rate, increment=True)
    if usage is not None and usage["should_limit"]:
        raise TooManyRequests(group, usage["time_left"])


def limited_post(group):
    """A view decorator: a client's POSTs beyond the group's rate get 429; GETs are free."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                claim(request, group)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

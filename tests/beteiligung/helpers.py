from django.urls import reverse
from django.utils import translation

from beteiligung import spam
from handlungsfelder.models import Handlungsfeld
from netzwerk.models import Stadtteil


def submit_url(language):
    with translation.override(language):
        return reverse("beteiligung:submit")


def entry_post(client, language, title, text="Ein Text, der die Sache beschreibt.", address="198.51.100.20", **extra):
    """Open the form (for its signed challenge), solve the proof of work as the script does, send it."""
    url = submit_url(language)
    form = client.get(url, REMOTE_ADDR=address).context["form"]
    challenge = form["challenge"].value()
    data = {
        "kind": "idee", "handlungsfeld": Handlungsfeld.objects.get(number=5).pk,
        "stadtteil": Stadtteil.objects.get(slug="neustadt").pk, "title": title, "text": text,
        "challenge": challenge, "nonce": spam.solve(challenge, spam.pow_bits()), "website": "",
    }
    data.update(extra)
    return client.post(url, data, REMOTE_ADDR=address)

"""Spam checks of the submission form, without third parties (docs/security.md, "Spam").

- A honeypot field people never see or reach (a form robot fills it).
- A proof of work: the form carries a challenge the server signed (django.core.signing, with
  its timestamp). A small script from our own static files (static/js/proof-of-work.js) finds a
  number whose SHA-256 with the challenge starts with POW_BITS zero bits, which costs a browser
  about a second and a mass sender that second per entry. No image, nothing to see or to solve:
  keyboard and screen-reader users submit as everyone else.
- Without JavaScript (no answer to the challenge) the form is accepted when it took at least
  MIN_SECONDS_WITHOUT_SCRIPT to fill in; the per-client rate limit (core/limits.py) applies to
  every submission either way.
- A challenge is good for MAX_AGE_SECONDS and for one submission only.

`check(data)` returns None when a submission passes, else the reason to tell the reader.
"""

import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

SALT = "beteiligung.proof-of-work"
MAX_AGE_SECONDS = 2 * 60 * 60
MIN_SECONDS_WITHOUT_SCRIPT = 15


def pow_bits():
    return getattr(settings, "BETEILIGUNG_POW_BITS", 16)


def new_challenge():
    """A signed, timestamped random challenge for one form."""
    return signing.dumps(secrets.token_hex(12), salt=SALT)


def solves(challenge, nonce, bits):
    digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
    return int.from_bytes(digest, "big") >> (256 - bits) == 0 if bits else True


def solve(challenge, bits):
    """What the script does (for tests and the documentation)."""
    nonce = 0
    while not solves(challenge, nonce, bits):
        nonce += 1
    return str(nonce)


TOO_OLD = _("Das Formular war zu lange geöffnet. Bitte senden Sie es noch einmal ab – Ihr Text ist noch da.")
TOO_FAST = _(
    "Das ging zu schnell. Ohne JavaScript nehmen wir ein Formular erst an, wenn es mindestens "
    "%(seconds)s Sekunden geöffnet war (so halten wir automatische Einsendungen fern). Bitte warten Sie "
    "einen Moment und senden Sie es noch einmal ab."
)
BROKEN = _("Die Sicherheitsprüfung des Formulars ist fehlgeschlagen. Bitte laden Sie die Seite neu und senden "
           "Sie das Formular noch einmal ab.")
USED = _("Dieses Formular wurde schon abgesendet. Bitte laden Sie die Seite neu, wenn Sie noch etwas einbringen möchten.")
HONEYPOT = _("Ihre Einsendung sah aus wie eine automatische Einsendung und wurde nicht gespeichert. Wenn Sie ein "
             "Mensch sind: Bitte lassen Sie das Feld „Nicht ausfüllen“ leer.")


def check(challenge, nonce, honeypot):
    """None when the submission passes; else the message for the reader (lazy, in their language)."""
    if honeypot:
        return HONEYPOT
    try:
        signing.loads(challenge or "", salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        return TOO_OLD
    except signing.BadSignature:
        return BROKEN
    nonce = (nonce or "").strip()
    if nonce:
        if len(nonce) > 20 or not solves(challenge, nonce, pow_bits()):
            return BROKEN
    elif not _older_than(challenge, MIN_SECONDS_WITHOUT_SCRIPT):
        return TOO_FAST % {"seconds": MIN_SECONDS_WITHOUT_SCRIPT}
    # One submission per challenge: a replayed form (with its solved challenge) is refused.
    if not cache.add(f"beteiligung-pow:{hashlib.sha256(challenge.encode()).hexdigest()}", 1, MAX_AGE_SECONDS):
        return USED
    return None


def check_signature(challenge):
    """Whether a challenge is ours and still good (not whether it has been used)."""
    try:
        signing.loads(challenge, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return False
    return True


def _older_than(challenge, seconds):
    """Whether the (validly signed) challenge was made more than `seconds` ago."""
    try:
        signing.loads(challenge, salt=SALT, max_age=seconds)
    except signing.SignatureExpired:
        return True
    return False

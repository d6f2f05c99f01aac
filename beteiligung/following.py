"""What the portal writes to the people who follow something, in each follower's language.

Each kind of message (MESSAGES) builds one mail for one follow row from a subject id (a measure's
status change, an entry's moderation change, a hidden entry); beteiligung/tasks.py sends it
through the task queue.
Every mail says why it came and links to the address's own page, where it sees and ends what it
follows (Follow.manage_url()).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core.base_url import absolute_url
from core.models import OutboundMail
from massnahmen.models import StatusChange

from .models import Follow, Hiding, ModerationChange

CONFIRMATION = "bestaetigung"
MEASURE_STATUS = "massnahme_status"
ENTRY_STATE = "beitrag_stand"
ENTRY_HIDDEN = "beitrag_ausgeblendet"


def render_mail(follow, template, **context):
    """(subject, body) of `template` in the follower's language, with the links every mail carries."""
    with translation.override(follow.language):
        context = {
            "follow": follow, "target": follow.target, "title": follow.target_title(),
            "is_entry": follow.herausforderung_id is not None,
            # An entry not yet public (its author's follow) has no page to link to.
            "target_url": absolute_url(follow.target.get_absolute_url()) if follow.target_is_public() else "",
            "manage_url": absolute_url(follow.manage_url()),
            "confirm_days": settings.FOLLOW_CONFIRM_DAYS,
            **context,
        }
        subject = render_to_string(f"beteiligung/follow/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"beteiligung/follow/email/{template}.txt", context)
    return " ".join(subject.split()), body


def confirmation_mail(follow, subject_id=None):
    subject, body = render_mail(follow, "confirm", confirm_url=absolute_url(follow.confirmation_url()))
    return OutboundMail.Kind.FOLGEN_BESTAETIGEN, subject, body


def measure_status_mail(follow, subject_id):
    change = StatusChange.objects.filter(pk=subject_id, massnahme_id=follow.massnahme_id).first()
    if change is None or not follow.target_is_public():
        return None  # a measure no longer public (or a change of another): nothing to tell
    subject, body = render_mail(follow, "measure_status", change=change)
    return OutboundMail.Kind.BENACHRICHTIGUNG, subject, body


def entry_state_mail(follow, subject_id):
    change = ModerationChange.objects.filter(pk=subject_id, entry_id=follow.herausforderung_id).first()
    if change is None or not follow.target_is_public():
        return None
    subject, body = render_mail(follow, "entry_state", change=change)
    return OutboundMail.Kind.BENACHRICHTIGUNG, subject, body


def entry_hidden_mail(follow, subject_id):
    hiding = Hiding.objects.filter(entry_id=follow.herausforderung_id).first()
    if hiding is None or not follow.is_author:
        return None  # shown again meanwhile; and only its author is told
    subject, body = render_mail(follow, "entry_hidden", hiding=hiding)
    return OutboundMail.Kind.BENACHRICHTIGUNG, subject, body


# message name → builder(follow, subject_id) → (kind, subject, body), or None when nothing is to be sent
MESSAGES = {
    CONFIRMATION: confirmation_mail,
    MEASURE_STATUS: measure_status_mail,
    ENTRY_STATE: entry_state_mail,
    ENTRY_HIDDEN: entry_hidden_mail,
}


def followers_of(message, subject_id):
    """The ids of the confirmed follows a message about `subject_id` goes to, one each."""
    confirmed = Follow.objects.confirmed()
    if message == MEASURE_STATUS:
        follows = confirmed.filter(massnahme__status_changes=subject_id)
    elif message == ENTRY_STATE:
        follows = confirmed.filter(herausforderung__moderation_changes=subject_id)
    elif message == ENTRY_HIDDEN:
        follows = confirmed.filter(herausforderung=subject_id, is_author=True)
    else:
        raise ValueError(f"No followers for message {message!r}")
    return list(follows.order_by("pk").values_list("pk", flat=True))


def end_follows_of_hidden(entry_id):
    """A hidden entry has nothing more to tell: its followers' addresses are deleted, all but the
    author's, which goes once the author has been told (tasks.send_follow_mail)."""
    return Follow.objects.filter(herausforderung=entry_id, is_author=False).delete()[0]

"""Staff decide on measures partners proposed: approve (publish) or send back with a comment.

The steps themselves are Massnahme.approve() and Massnahme.send_back(); here they are applied to
an admin selection, and the proposer of a returned proposal gets an e-mail.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.base_url import absolute_url
from core.mail import send
from netzwerk.models import EditorProfile

from .models import ConcurrentEditError


def approve(reviewed):
    """Publish each (proposal, version staff saw); returns (approved, revised since staff saw them)."""
    approved, revised = [], []
    for proposal, seen_version in reviewed:
        try:
            with transaction.atomic():
                proposal.approve(seen_version)
        except ConcurrentEditError:
            revised.append(proposal)
        else:
            approved.append(proposal)
    return approved, revised


def send_back(reviewed, comment):
    """Return each (proposal, version staff saw) for revision; the proposer sees the comment and
    gets an e-mail. Returns (returned, revised since staff saw them)."""
    returned, revised = [], []
    for proposal, seen_version in reviewed:
        try:
            with transaction.atomic():
                proposal.send_back(comment, seen_version)
        except ConcurrentEditError:
            revised.append(proposal)
            continue
        returned.append(proposal)
        user = proposal.proposed_by
        if user and user.email:
            with translation.override(EditorProfile.language_of(user)):
                link = absolute_url(reverse("massnahmen:proposal-update", args=[proposal.pk]))
                context = {"proposal": proposal, "link": link}
                subject = render_to_string("massnahmen/email/proposal_returned_subject.txt", context).strip()
                body = render_to_string("massnahmen/email/proposal_returned.txt", context)
            transaction.on_commit(lambda s=subject, b=body, to=user.email: send("rueckgabe", s, b, [to]))
    return returned, revised

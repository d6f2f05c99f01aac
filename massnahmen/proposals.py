"""Staff decide on measures partners proposed: approve (publish) or send back with a comment.

The steps themselves are Massnahme.approve() and Massnahme.send_back(); here they are applied to
an admin selection, and the proposer of a returned proposal gets an e-mail.
"""

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.base_url import absolute_url
from netzwerk.models import EditorProfile


def approve(proposals):
    count = 0
    for proposal in proposals:
        proposal.approve()
        count += 1
    return count


def send_back(proposals, comment):
    """Return proposals for revision; the proposer sees the comment and gets an e-mail."""
    count = 0
    with transaction.atomic():
        for proposal in proposals:
            proposal.send_back(comment)
            count += 1
            user = proposal.proposed_by
            if user and user.email:
                with translation.override(EditorProfile.language_of(user)):
                    link = absolute_url(reverse("massnahmen:proposal-update", args=[proposal.pk]))
                    context = {"proposal": proposal, "link": link}
                    subject = render_to_string("massnahmen/email/proposal_returned_subject.txt", context).strip()
                    body = render_to_string("massnahmen/email/proposal_returned.txt", context)
                transaction.on_commit(lambda s=subject, b=body, to=user.email: send_mail(s, b, None, [to]))
    return count

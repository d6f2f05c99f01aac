"""Staff decide on measures partners proposed: approve (publish) or send back with a comment."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from netzwerk.models import EditorProfile

from .models import Freigabe


def approve(proposals):
    count = 0
    for proposal in proposals:
        proposal.freigabe = Freigabe.FREIGEGEBEN
        proposal.save(update_fields=["freigabe", "updated_at"])
        count += 1
    return count


def send_back(proposals, comment):
    """Return proposals for revision; the proposer sees the comment and gets an e-mail."""
    count = 0
    with transaction.atomic():
        for proposal in proposals:
            proposal.freigabe = Freigabe.ZURUECKGEGEBEN
            proposal.review_comment = comment
            proposal.save(update_fields=["freigabe", "review_comment", "updated_at"])
            count += 1
            user = proposal.proposed_by
            if user and user.email:
                with translation.override(EditorProfile.language_of(user)):
                    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("massnahmen:proposal-update", args=[proposal.pk])
                    context = {"proposal": proposal, "link": link}
                    subject = render_to_string("massnahmen/email/proposal_returned_subject.txt", context).strip()
                    body = render_to_string("massnahmen/email/proposal_returned.txt", context)
                transaction.on_commit(lambda s=subject, b=body, to=user.email: send_mail(s, b, None, [to]))
    return count

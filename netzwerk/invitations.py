"""Inviting partner editors: an account without a password and a one-time link to set one."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int, urlsafe_base64_encode

from core.base_url import absolute_url
from core.mail import send

from .models import EditorProfile, Invitation, PartnerMembership


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Like a password-reset token, but with its own salt and validity.

    The token hashes the password and last login, so it stops working once the
    password is set: one use only.
    """

    key_salt = "integrationsportal.netzwerk.InvitationTokenGenerator"

    def check_token(self, user, token):
        # The parent reads PASSWORD_RESET_TIMEOUT; an invitation has its own validity.
        if not (user and token):
            return False
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return self._num_seconds(self._now()) - timestamp <= settings.INVITATION_VALID_DAYS * 24 * 60 * 60


    def make_token_at(self, user, moment):
        """The token as issued at `moment`: it expires INVITATION_VALID_DAYS after it."""
        naive_local = timezone.localtime(moment).replace(tzinfo=None)  # as _now() counts
        return self._make_token_with_timestamp(user, self._num_seconds(naive_local), self.secret)


invitation_tokens = InvitationTokenGenerator()


def invitation_link(invitation):
    """The invitation's link, the same every time it is asked for (the mail's, the admin's copy).

    It is issued at the invitation's created_at, so it expires with the invitation; it stops
    working when the password is set or the account has logged in, and when resend() draws a new
    unusable password for the account.
    """
    user = invitation.user
    with translation.override(invitation.language):
        path = reverse("netzwerk:invitation", kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_tokens.make_token_at(user, invitation.created_at),
        })
    return absolute_url(path)


def mail_invitation(invitation):
    """E-mail the invitation's link, in the invitation's language, once the transaction commits."""
    with translation.override(invitation.language):
        context = {"invitation": invitation, "link": invitation_link(invitation), "partner": invitation.partner,
                   "days": settings.INVITATION_VALID_DAYS}
        subject = render_to_string("netzwerk/email/invitation_subject.txt", context).strip()
        body = render_to_string("netzwerk/email/invitation.txt", context)
    transaction.on_commit(lambda: send("einladung", subject, body, [invitation.email]))


@transaction.atomic
def invite(email, partner, language, invited_by):
    """Create (or reuse) the editor's account, grant access to `partner`, and e-mail the link."""
    email = email.strip().lower()
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email, email=email, is_active=True)
        user.set_unusable_password()
        user.save()
    PartnerMembership.objects.get_or_create(user=user, partner=partner)
    EditorProfile.objects.update_or_create(user=user, defaults={"language": language})
    invitation = Invitation.objects.create(
        email=email, partner=partner, language=language, user=user, invited_by=invited_by
    )
    mail_invitation(invitation)
    return invitation


class AlreadyAccepted(Exception):
    """An accepted invitation is not sent again: the person has set a password."""


@transaction.atomic
def resend(invitation, by):
    """Send the invitation again with a new link, valid INVITATION_VALID_DAYS from now.

    An account still without a password gets a new unusable one: every link sent before (they
    hash the password) stops working. An account that has a password keeps it, and so do its
    earlier links until they expire.
    """
    invitation = Invitation.objects.select_for_update().select_related("user", "partner").get(pk=invitation.pk)
    if invitation.accepted_at:
        raise AlreadyAccepted(invitation)
    user = invitation.user
    if not user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    invitation.created_at = timezone.now()
    invitation.invited_by = by
    invitation.save(update_fields=["created_at", "invited_by"])
    mail_invitation(invitation)
    return invitation


def accept(invitation_user):
    """Mark the user's open invitations as accepted (called after the password is set)."""
    Invitation.objects.filter(user=invitation_user, accepted_at__isnull=True).update(accepted_at=timezone.now())

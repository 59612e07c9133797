"""An invitation's link: signed, so only links we sent name an invitation.

Its own module because both the invitation services and the task that mails the
invitations need it.
"""

from __future__ import annotations

import secrets

from django.core import signing
from django.urls import reverse

from .models import Invitation

_LINK_SALT = "microcred.accounts.invitation"


def invitation_token(invitation: Invitation) -> str:
    """The secret part of the invitation's link. Signed with SECRET_KEY, so the stored nonce
    alone does not make a working link."""
    return signing.Signer(salt=_LINK_SALT).sign_object([invitation.pk, invitation.nonce])


def invitation_path(invitation: Invitation) -> str:
    return reverse("people:invitation", args=[invitation_token(invitation)])


def find_invitation(token: str) -> Invitation | None:
    """The invitation a link names, whatever its state, or None for a link that was never
    ours, was tampered with, or was replaced by a newer one."""
    try:
        pk, nonce = signing.Signer(salt=_LINK_SALT).unsign_object(token)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    invitation = (
        Invitation.objects.select_related("organization", "invited_by").filter(pk=pk).first()
    )
    if invitation is None or not secrets.compare_digest(str(nonce), invitation.nonce):
        return None
    return invitation

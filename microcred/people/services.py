"""Joining an organization from an invitation: the role, and what comes with it.

This sits above the apps it joins up: the role is the accounts app's, an assessor's place
in the issuer's pool the assessment app's; both change in one transaction.
"""

from __future__ import annotations

from django.db import transaction

from microcred.accounts import services as accounts
from microcred.accounts.models import Invitation, Role
from microcred.assessment import services as assessment


@transaction.atomic
def accept(invitation: Invitation, *, user):
    membership = accounts.accept_invitation(invitation, user=user)
    _join(invitation, user)
    return membership


@transaction.atomic
def sign_up(invitation: Invitation, *, name: str, password: str):
    user = accounts.sign_up_from_invitation(invitation, name=name, password=password)
    _join(invitation, user)
    return user


def _join(invitation: Invitation, user) -> None:
    if invitation.role == Role.ASSESSOR and invitation.pool:
        assessment.join_pool(
            user,
            invitation.organization,
            micro_credential_ids=invitation.pool.get("micro_credentials", []),
            capacity=invitation.pool.get("capacity"),
            by=invitation.invited_by,
        )

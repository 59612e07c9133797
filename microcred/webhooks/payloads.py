"""What each event says, and to which organizations.

Each organization hears only what its own pages already show it (microcred/permissions.py):

- `submission.decided` goes to the micro-credential's issuer, and names the submission by
  its reference, never its earner: the issuer's assessors review blind, and a message an
  issuer's system stores must not undo that.
- `award.issued` and `award.revoked` go to the issuer, without the earner, and to the
  districts and states the earner is an educator of (`is_educator_of`), with the earner's
  name and e-mail, which their admins see among their educators' awards
  (`can_view_educators`). The badge page's address is given only while the earner keeps
  the page public.
- `member.joined` goes to the organization joined, with the new member's name and e-mail,
  which its admins see on its members page (`can_manage_members`).

Data carries identifiers and public addresses, never evidence, scores or feedback.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings

from microcred.accounts.models import Membership, Organization, Role
from microcred.assessment.models import Decision
from microcred.credentials.models import Award

from .models import EventType


@dataclass(frozen=True)
class Message:
    organization_id: int
    data: dict


def _absolute(path: str) -> str:
    return settings.BASE_URL + path


def _iso(moment) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def _organization(organization: Organization) -> dict:
    return {"id": organization.slug, "name": organization.name, "kind": organization.kind}


def _person(user) -> dict:
    return {"name": user.name, "email": user.email}


def _award(award: Award) -> dict:
    subject = award.version.micro_credential if award.version_id else award.stack
    return {
        "award": {
            "id": str(award.public_id),
            "kind": award.kind,
            "title": award.title,
            "awarded_at": _iso(award.awarded_at),
            "revoked_at": _iso(award.revoked_at),
            "url": _absolute(award.get_absolute_url()) if award.is_public else None,
        },
        "achievement": {"id": subject.slug, "url": _absolute(subject.get_absolute_url())},
        "issuer": _organization(award.issuer),
    }


def _educator_organizations(earner_ids) -> dict[int, set[int]]:
    """For each earner, the districts and states they are an educator of."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = Membership.objects.filter(
        user_id__in=earner_ids,
        role=Role.EARNER,
        is_active=True,
        organization__kind__in=(Organization.Kind.DISTRICT, Organization.Kind.STATE),
    ).values_list("user_id", "organization_id", "organization__parent_id")
    for user_id, organization_id, parent_id in rows:
        found[user_id].add(organization_id)
        if parent_id is not None:
            found[user_id].add(parent_id)
    return found


def award_messages(award_ids) -> list[Message]:
    awards = list(
        Award.objects.filter(pk__in=award_ids).select_related(
            "issuer", "earner", "version__micro_credential", "stack"
        )
    )
    educators = _educator_organizations({award.earner_id for award in awards})
    messages = []
    for award in awards:
        data = _award(award)
        messages.append(Message(award.issuer_id, data))
        for organization_id in sorted(educators[award.earner_id] - {award.issuer_id}):
            messages.append(Message(organization_id, data | {"earner": _person(award.earner)}))
    return messages


def decision_messages(decision_ids) -> list[Message]:
    decisions = Decision.objects.filter(pk__in=decision_ids).select_related(
        "submission__enrollment__version__micro_credential__issuer"
    )
    messages = []
    for decision in decisions:
        submission = decision.submission
        micro_credential = submission.enrollment.version.micro_credential
        data = {
            "submission": {
                "id": submission.reference,
                "attempt": submission.attempt,
                "outcome": decision.outcome,
                "by_tie_break": decision.by_tie_break,
                "decided_at": _iso(decision.decided_at),
            },
            "achievement": {
                "id": micro_credential.slug,
                "url": _absolute(micro_credential.get_absolute_url()),
            },
            "issuer": _organization(micro_credential.issuer),
        }
        messages.append(Message(micro_credential.issuer_id, data))
    return messages


def membership_messages(membership_ids) -> list[Message]:
    memberships = Membership.objects.filter(pk__in=membership_ids, is_active=True).select_related(
        "user", "organization"
    )
    return [
        Message(
            membership.organization_id,
            {
                "organization": _organization(membership.organization),
                "role": membership.role,
                "member": _person(membership.user),
            },
        )
        for membership in memberships
    ]


def ping_data(organization: Organization) -> dict:
    return {"organization": _organization(organization), "test": True}


BUILDERS = {
    EventType.SUBMISSION_DECIDED: decision_messages,
    EventType.AWARD_ISSUED: award_messages,
    EventType.AWARD_REVOKED: award_messages,
    EventType.MEMBER_JOINED: membership_messages,
}

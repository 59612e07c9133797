"""Reads of duplicate flags worth naming: the admins' list and one flag side by side."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.catalog.models import EvidenceType
from microcred.submissions.models import Evidence, Submission

from . import text_similarity as texts
from .models import OPEN_FLAG_STATES, Flag, FlagAction, FlagStatus, MatchKind

# The flag page marks shared runs in at most this much of each text; the rest is shown
# plain, so a huge answer cannot make the page slow.
MARK_CHARS = 200_000


def _issuers_of(user) -> QuerySet[Organization] | None:
    """Issuers whose flags this user sees; None means every issuer (platform staff)."""
    if permissions.is_platform_staff(user):
        return None
    return Organization.objects.filter(
        kind=Organization.Kind.ISSUER,
        pk__in=permissions.organizations_with_role(user, *permissions.AUTHOR_ROLES),
    )


def flags_for(user, *, status: str = "open") -> QuerySet[Flag]:
    """The flags an admin handles: their issuers' flags, less those on a submission the
    admin reviews. `status` is "open" (open or waiting for explanations), "cleared" or
    "all"."""
    flags = Flag.objects.select_related(
        "submission", "other", "micro_credential__current_version", "closed_by"
    )
    issuers = _issuers_of(user)
    if issuers is not None:
        flags = flags.filter(micro_credential__issuer__in=issuers)
    # Assignments are read through their relation to submissions: assessment sits above
    # submissions, so it is not imported here.
    reviewing = Submission.objects.filter(
        Q(pk=OuterRef("submission_id")) | Q(pk=OuterRef("other_id")),
        assignments__assessor__user_id=user.pk,
    )
    flags = flags.exclude(Exists(reviewing))
    if status == "open":
        flags = flags.filter(status__in=OPEN_FLAG_STATES)
    elif status == "cleared":
        flags = flags.filter(status=FlagStatus.CLEARED)
    return flags.order_by("-created_at", "-id")


def open_flag_count(user) -> int:
    return flags_for(user, status="open").count()


def flag_for_page(pk: int) -> Flag | None:
    return (
        Flag.objects.select_related(
            "micro_credential__issuer",
            "micro_credential__current_version",
            "submission__enrollment__earner",
            "submission__enrollment__version",
            "other__enrollment__earner",
            "other__enrollment__version",
            "closed_by",
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class Side:
    submission: Submission
    earner_name: str
    school: str
    collaborators: list[str]


@dataclass
class Piece:
    evidence: Evidence
    segments: list[tuple[str, bool]]


@dataclass
class Pair:
    kind: str
    kind_label: str
    similarity: float
    distance: int | None
    left: Piece
    right: Piece

    @property
    def pieces(self) -> tuple[Piece, Piece]:
        return (self.left, self.right)


def marked(text: str, other: str) -> list[tuple[str, bool]]:
    """The text in segments, each True where a run of words is shared with the other."""
    head, tail = text[:MARK_CHARS], text[MARK_CHARS:]
    segments: list[tuple[str, bool]] = []
    at = 0
    for start, end in texts.shared_runs(head, other[:MARK_CHARS]):
        if start > at:
            segments.append((head[at:start], False))
        segments.append((head[start:end], True))
        at = end
    if at < len(head):
        segments.append((head[at:], False))
    if tail:
        segments.append((tail, False))
    return segments


def _side(submission: Submission) -> Side:
    earner = submission.enrollment.earner
    return Side(
        submission=submission,
        earner_name=earner.name or earner.email,
        school=earner.school,
        collaborators=[
            ", ".join(p for p in (c.name, c.email) if p)
            + (f" (first written as “{c.declared_as}”)" if c.declared_as else "")
            for c in submission.collaborators.all()
        ],
    )


def _piece(evidence: Evidence, other: Evidence) -> Piece:
    if evidence.kind in (EvidenceType.TEXT, EvidenceType.REFLECTION):
        return Piece(evidence, marked(evidence.text, other.text))
    return Piece(evidence, [])


def flag_page(flag: Flag) -> dict:
    """What the flag page shows: both sides, each matching pair of evidence with the
    shared parts marked, the earners' explanations and the flag's history."""
    matches = list(flag.matches.select_related("evidence__requirement", "other_evidence"))
    pairs = [
        Pair(
            kind=m.kind,
            kind_label=MatchKind(m.kind).label,
            similarity=m.similarity,
            distance=m.distance,
            left=_piece(m.evidence, m.other_evidence),
            right=_piece(m.other_evidence, m.evidence),
        )
        for m in matches
    ]
    events = list(flag.events.select_related("actor"))
    return {
        "sides": [_side(flag.submission), _side(flag.other)],
        "pairs": pairs,
        "events": events,
        "explanations": [e for e in events if e.action == FlagAction.EXPLAINED],
    }


def explanation_page(flag: Flag, user) -> dict:
    """What one earner sees of a flag: their own submission and the question, never the
    other earner or their evidence."""
    mine = flag.submission if flag.submission.enrollment.earner_id == user.pk else flag.other
    events = list(flag.events.all())
    question = next(
        (e.note for e in reversed(events) if e.action == FlagAction.EXPLANATION_REQUESTED), ""
    )
    answer = next(
        (e for e in events if e.action == FlagAction.EXPLAINED and e.actor_id == user.pk), None
    )
    return {"submission": mine, "question": question, "answer": answer}

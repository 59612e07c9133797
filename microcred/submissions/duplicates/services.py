"""Checking submitted evidence against other earners' evidence, and handling the flags.

A check runs once per submitted attempt, in a background task. It fingerprints the
attempt's own evidence (the only evidence it reads), looks the fingerprints' band keys up
among those of every earlier attempt at the same micro-credential, scores the few
candidates from their stored fingerprints and raises a flag per matching submission.

Left out on purpose: the earner's own earlier attempts (a resubmission carries its
evidence over), and earners either submission names as a collaborator (they declared the
shared work). A flag never changes a submission's state and never blocks its review: it
is a question for a person, the issuer's admin, who clears it or asks both earners to
explain.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.accounts import selectors as accounts_selectors
from microcred.accounts.models import User
from microcred.catalog.models import EvidenceType, MicroCredential
from microcred.notifications.services import notify, notify_each
from microcred.submissions.models import Collaborator, Evidence, Submission
from microcred.submissions.states import State

from . import picture_similarity as pictures
from . import text_similarity as texts
from .models import (
    Band,
    Check,
    Fingerprint,
    Flag,
    FlagAction,
    FlagEvent,
    FlagStatus,
    Match,
    MatchKind,
)

# Written evidence shorter than this is not compared: "See the attached plan." is the
# same in every submission and says nothing about copying.
MIN_WORDS = 30
# A pair of texts is flagged at this estimated Jaccard similarity of their word runs, or
# when this share of the shorter text's runs is found in the other.
MIN_JACCARD = 0.4
MIN_CONTAINMENT = 0.7
# Candidates scored per check, the most band hits first: bounds the time of a check even
# when thousands of attempts share a common picture.
MAX_CANDIDATES = 2_000
MAX_NOTE_CHARS = 5_000


class FlagClosed(Exception):
    """The flag was cleared already; the message says by whom and when."""

    def __init__(self, flag: Flag):
        self.flag = flag
        closer = flag.closed_by.name if flag.closed_by else _("an admin")
        super().__init__(
            _("This flag was already cleared by %(who)s on %(when)s.")
            % {"who": closer, "when": timezone.localtime(flag.closed_at).strftime("%Y-%m-%d %H:%M")}
        )


class AlreadyRequested(Exception):
    pass


class AlreadyExplained(Exception):
    pass


@dataclass
class _New:
    fingerprint: Fingerprint
    signature: tuple[int, ...] | None = None
    keys: tuple[int, ...] = ()


# --- the check ------------------------------------------------------------------------


def check_submission(submission_id: int) -> Check | None:
    """Compare a submitted attempt with the others at its micro-credential; once only.

    Returns the check's record, or None for an attempt that was never submitted.
    """
    with transaction.atomic():
        submission = (
            Submission.objects.select_related("enrollment")
            .filter(pk=submission_id)
            .exclude(state=State.DRAFT)
            .first()
        )
        if submission is None:
            return None
        # Checks of one micro-credential queue up on its row: two copies submitted at the
        # same moment would otherwise each look before the other's fingerprints commit,
        # and neither would be flagged.
        MicroCredential.objects.select_for_update().filter(
            pk=submission.enrollment.micro_credential_id
        ).first()
        done = Check.objects.filter(submission=submission).first()
        if done is not None:
            return done
        new = _fingerprint(submission)
        candidates = _candidates(submission, new)
        flags = _raise_flags(submission, new, candidates)
        return Check.objects.create(
            submission=submission,
            fingerprints=len(new),
            candidates=len(candidates),
            flags=flags,
        )


def _fingerprint(submission: Submission) -> list[_New]:
    enrollment = submission.enrollment
    made: list[_New] = []
    known_pictures = {}
    evidence = list(Evidence.objects.filter(submission=submission))
    shas = [e.sha256 for e in evidence if e.kind == EvidenceType.FILE and e.sha256]
    if shas:
        # A picture hashed before (an earlier attempt's carried-over file) is not read again.
        known_pictures = dict(
            Fingerprint.objects.filter(sha256__in=shas, picture_hash__isnull=False)
            .values_list("sha256", "picture_hash")
            .distinct()
        )
    for piece in evidence:
        fingerprint = Fingerprint(
            evidence=piece,
            submission=submission,
            micro_credential_id=enrollment.micro_credential_id,
            earner_id=enrollment.earner_id,
            scheme=texts.SCHEME,
        )
        keys: list[int] = []
        signature = None
        if piece.kind in (EvidenceType.TEXT, EvidenceType.REFLECTION):
            tokens = texts.words(piece.text)
            if len(tokens) < MIN_WORDS:
                continue
            text_fp = texts.fingerprint(piece.text)
            signature = text_fp.signature
            fingerprint.minhash = text_fp.packed()
            fingerprint.shingles = text_fp.shingles
            keys = text_fp.band_keys()
        elif piece.kind == EvidenceType.FILE and piece.sha256:
            fingerprint.sha256 = piece.sha256
            keys = [pictures.file_band_key(piece.sha256)]
            if piece.content_type in pictures.PICTURE_TYPES:
                value = known_pictures.get(piece.sha256)
                if value is None:
                    value = _read_picture(piece)
                fingerprint.picture_hash = value
                if value is not None:
                    keys += pictures.band_keys(value)
        else:
            continue
        made.append(_New(fingerprint, signature, tuple(dict.fromkeys(keys))))
    Fingerprint.objects.bulk_create([entry.fingerprint for entry in made])
    Band.objects.bulk_create(
        [
            Band(
                fingerprint_id=entry.fingerprint.pk,
                micro_credential_id=enrollment.micro_credential_id,
                key=key,
            )
            for entry in made
            for key in entry.keys
        ]
    )
    return made


def _read_picture(piece: Evidence) -> int | None:
    if not piece.file:
        return None
    try:
        with piece.file.open("rb") as stream:
            return pictures.picture_hash(stream)
    except OSError:  # the stored file is missing or unreadable; its content hash stands
        return None


def _candidates(submission: Submission, new: list[_New]) -> list[dict]:
    """Earlier fingerprints at this micro-credential sharing a band key with the new ones,
    other earners' only."""
    if not new:
        return []
    mc_id = submission.enrollment.micro_credential_id
    keys = list({key for entry in new for key in entry.keys})
    hits = (
        # The new fingerprints are left out by their own ids, so that the lookup reads the
        # covering index alone (dup_band_lookup_cover) and joins nothing.
        Band.objects.filter(micro_credential_id=mc_id, key__in=keys)
        .exclude(fingerprint_id__in=[entry.fingerprint.pk for entry in new])
        .values("fingerprint_id")
        .annotate(hits=Count("fingerprint_id"))
        .order_by("-hits", "fingerprint_id")[:MAX_CANDIDATES]
    )
    ids = [row["fingerprint_id"] for row in hits]
    return list(
        Fingerprint.objects.filter(pk__in=ids)
        .exclude(earner_id=submission.enrollment.earner_id)
        .values(
            "id",
            "evidence_id",
            "submission_id",
            "earner_id",
            "minhash",
            "shingles",
            "sha256",
            "picture_hash",
        )
    )


def _score(new: _New, old: dict) -> tuple[str, float, int | None] | None:
    """The kind of match and its similarity, or None when the pair does not match."""
    mine = new.fingerprint
    if new.signature is not None and old["minhash"] is not None:
        jaccard = texts.similarity(new.signature, texts.unpack(old["minhash"]))
        share = texts.containment(jaccard, mine.shingles, old["shingles"])
        if jaccard >= MIN_JACCARD or share >= MIN_CONTAINMENT:
            return MatchKind.TEXT, round(max(share, jaccard), 3), None
        return None
    if mine.sha256 and mine.sha256 == old["sha256"]:
        return MatchKind.FILE, 1.0, None
    if mine.picture_hash is not None and old["picture_hash"] is not None:
        distance = pictures.distance(mine.picture_hash, old["picture_hash"])
        if distance <= pictures.MAX_DISTANCE:
            return MatchKind.PICTURE, round(1 - distance / 64, 3), distance
    return None


def _declared_together(submission: Submission, others: set[int]) -> set[int]:
    """The other submissions whose earner and this one's declared working together,
    declared on either side."""
    earners = dict(
        Submission.objects.filter(pk__in=[*others, submission.pk]).values_list(
            "pk", "enrollment__earner_id"
        )
    )
    emails = dict(User.objects.filter(pk__in=set(earners.values())).values_list("pk", "email"))
    declared: dict[int, set] = defaultdict(set)
    for sub_id, user_id, email in Collaborator.objects.filter(
        submission_id__in=earners
    ).values_list("submission_id", "user_id", "email"):
        declared[sub_id].update(x for x in (user_id, (email or "").lower()) if x)

    def names(sub_id: int, earner_of: int) -> bool:
        earner = earners[earner_of]
        return earner in declared[sub_id] or (emails.get(earner) or "").lower() in declared[sub_id]

    return {other for other in others if names(submission.pk, other) or names(other, submission.pk)}


def _raise_flags(submission: Submission, new: list[_New], candidates: list[dict]) -> int:
    found: dict[int, list[tuple]] = defaultdict(list)
    for old in candidates:
        for entry in new:
            scored = _score(entry, old)
            if scored is not None:
                found[old["submission_id"]].append((entry.fingerprint.evidence_id, old, *scored))
    if not found:
        return 0
    excused = _declared_together(submission, set(found))
    raised = 0
    for other_id, matches in found.items():
        if other_id in excused:
            continue
        flag, created = _flag_for(submission, other_id, max(m[3] for m in matches))
        Match.objects.bulk_create(
            [
                Match(
                    flag=flag,
                    kind=kind,
                    evidence_id=evidence_id,
                    other_evidence_id=old["evidence_id"],
                    similarity=similarity,
                    distance=distance,
                )
                for evidence_id, old, kind, similarity, distance in matches
            ],
            ignore_conflicts=True,
        )
        if created:
            raised += 1
            _tell_admins(flag)
    return raised


def _flag_for(submission: Submission, other_id: int, similarity: float) -> tuple[Flag, bool]:
    existing = Flag.objects.filter(
        Q(submission=submission, other_id=other_id) | Q(submission_id=other_id, other=submission)
    ).first()
    if existing is not None:
        return existing, False
    flag = Flag.objects.create(
        micro_credential_id=submission.enrollment.micro_credential_id,
        submission=submission,
        other_id=other_id,
        similarity=similarity,
    )
    FlagEvent.objects.create(flag=flag, action=FlagAction.RAISED)
    return flag, True


def _issuer_admins(flag: Flag) -> list[User]:
    """The issuer's admins, less any who review one of the two submissions: the flag is
    not theirs to see (permissions.can_handle_duplicate_flag)."""
    issuer_id = MicroCredential.objects.values_list("issuer_id", flat=True).get(
        pk=flag.micro_credential_id
    )
    return list(
        accounts_selectors.admins(issuer_id).exclude(
            # Through the relation: assessment sits above submissions.
            assessor_profile__assignments__submission_id__in=[flag.submission_id, flag.other_id]
        )
    )


def _tell_admins(flag: Flag) -> None:
    notify(
        _issuer_admins(flag),
        subject=_("Possible duplicate evidence: %(a)s and %(b)s")
        % {"a": flag.submission.reference, "b": flag.other.reference},
        body=_(
            "Two earners' evidence for the same micro-credential is nearly the same. Review "
            "goes on as usual; open the flag to compare them, then clear it or ask both "
            "earners to explain."
        ),
        url=reverse("duplicates:flag", args=[flag.pk]),
    )


# --- what admins and earners do with a flag ---------------------------------------------


def _locked(flag: Flag) -> Flag:
    return (
        # Only the flag's row is locked; the admin who closed it may be absent (an outer
        # join PostgreSQL cannot lock).
        Flag.objects.select_for_update(of=("self",))
        .select_related("closed_by", "micro_credential")
        .get(pk=flag.pk)
    )


def _note(note: str, *, required: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationError(required)
    if len(note) > MAX_NOTE_CHARS:
        raise ValidationError(
            _("Keep it under %(limit)s characters.") % {"limit": f"{MAX_NOTE_CHARS:,}"}
        )
    return note


@transaction.atomic
def clear(flag: Flag, *, by, note: str) -> Flag:
    """Close a flag as needing nothing more, saying why. The submissions are untouched."""
    current = _locked(flag)
    if not permissions.can_handle_duplicate_flag(by, current):
        raise PermissionDenied
    if current.status == FlagStatus.CLEARED:
        raise FlagClosed(current)
    note = _note(note, required=_("Say why the flag is cleared."))
    now = timezone.now()
    Flag.objects.filter(pk=current.pk).update(
        status=FlagStatus.CLEARED, closed_at=now, closed_by=by
    )
    FlagEvent.objects.create(flag=current, actor=by, action=FlagAction.CLEARED, note=note)
    flag.status, flag.closed_at, flag.closed_by = FlagStatus.CLEARED, now, by
    return flag


@transaction.atomic
def request_explanation(flag: Flag, *, by, note: str) -> Flag:
    """Ask both earners to explain; neither learns who the other is."""
    current = _locked(flag)
    if not permissions.can_handle_duplicate_flag(by, current):
        raise PermissionDenied
    if current.status == FlagStatus.CLEARED:
        raise FlagClosed(current)
    if current.status == FlagStatus.EXPLANATION_REQUESTED:
        raise AlreadyRequested(_("Both earners have already been asked to explain."))
    note = _note(note, required=_("Write the question the earners will read."))
    Flag.objects.filter(pk=current.pk).update(status=FlagStatus.EXPLANATION_REQUESTED)
    FlagEvent.objects.create(
        flag=current, actor=by, action=FlagAction.EXPLANATION_REQUESTED, note=note
    )
    attempts = Submission.objects.filter(pk__in=[current.submission_id, current.other_id])
    notify_each(
        [
            {
                "user": attempt.enrollment.earner,
                "subject": _("Please explain the evidence in submission %(reference)s")
                % {"reference": attempt.reference},
                "body": _(
                    "Part of your evidence for %(title)s is nearly the same as evidence another "
                    "earner submitted. Your submission's review goes on as usual. The issuer "
                    "asks: %(note)s"
                )
                % {"title": attempt.enrollment.version.title, "note": note},
                "url": reverse("duplicates:explain", args=[current.pk]),
            }
            for attempt in attempts.select_related("enrollment__earner", "enrollment__version")
        ]
    )
    flag.status = FlagStatus.EXPLANATION_REQUESTED
    return flag


@transaction.atomic
def explain(flag: Flag, *, by, text: str) -> FlagEvent:
    """An earner's answer to the request, kept on the flag for the admins."""
    current = _locked(flag)
    if not permissions.is_earner_in_duplicate_flag(by, current):
        raise PermissionDenied
    if current.status == FlagStatus.CLEARED:
        raise FlagClosed(current)
    if current.status != FlagStatus.EXPLANATION_REQUESTED:
        raise PermissionDenied
    text = _note(text, required=_("Write your explanation."))
    try:
        with transaction.atomic():
            event = FlagEvent.objects.create(
                flag=current, actor=by, action=FlagAction.EXPLAINED, note=text
            )
    except IntegrityError as exc:
        raise AlreadyExplained(_("You have already sent your explanation.")) from exc
    notify(
        _issuer_admins(current),
        subject=_("An earner explained flagged evidence"),
        body=_("One of the earners in a duplicate-evidence flag has answered."),
        url=reverse("duplicates:flag", args=[current.pk]),
    )
    return event

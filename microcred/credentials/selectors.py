"""Reads of awards and issuers' credential settings, shaped for pages."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from django.db.models import Count, F, Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.catalog.models import Cohort, MicroCredentialVersion, StackItem

from .formats import ob3
from .issuing import identity
from .models import AuditAction, Award, BulkIssue, CredentialAudit, SigningKey


def awards_with_subjects():
    return Award.objects.select_related(
        "earner", "issuer", "version__micro_credential", "stack", "revoked_by"
    )


def earned_awards(earner):
    """An earner's awards, newest first, for the backpack."""
    return awards_with_subjects().filter(earner=earner)


@dataclass
class EarnedAwards:
    """An earner's awards keyed by what they were earned for."""

    by_micro_credential: dict[int, Award]
    by_stack: dict[int, Award]


def earned_awards_index(earner) -> EarnedAwards:
    """Every award of an earner in one query, for linking each earned micro-credential and
    stack to its badge page."""
    by_micro_credential: dict[int, Award] = {}
    by_stack: dict[int, Award] = {}
    if not earner.is_authenticated:
        return EarnedAwards(by_micro_credential, by_stack)
    awards = (
        Award.objects.filter(earner=earner)
        .annotate(micro_credential_id=F("version__micro_credential_id"))
        # What the share links need too: the title, the issuer's name, who sees the page.
        .select_related("issuer", "version", "stack")
        .defer("credential_json", "credential_jwt", "issuer__description")
        .order_by("-awarded_at", "-pk")
    )
    for award in awards:
        if award.stack_id is not None:  # a stack's award (award_kind_matches_subject)
            by_stack.setdefault(award.stack_id, award)
        else:
            by_micro_credential.setdefault(award.micro_credential_id, award)
    return EarnedAwards(by_micro_credential, by_stack)


# -- The badge page ----------------------------------------------------------------------


def badge(public_id) -> Award:
    """An award with what its badge page shows about the achievement."""
    return (
        Award.objects.select_related(
            "earner",
            "issuer__identity",
            "version__micro_credential__issuer",
            "stack__issuer",
        )
        .prefetch_related(
            "version__alignments",
            Prefetch(
                "stack__items",
                queryset=StackItem.objects.select_related(
                    "micro_credential__current_version"
                ).order_by("position", "pk"),
            ),
        )
        .get(public_id=public_id)
    )


def signed_credential(award: Award) -> dict | None:
    return json.loads(award.credential_json) if award.credential_json else None


def achievement_of(award: Award, credential: dict | None) -> dict:
    """The Achievement as the signed credential states it; before signing, as it will."""
    if credential is not None:
        subject = credential.get("credentialSubject")
        if isinstance(subject, dict) and isinstance(subject.get("achievement"), dict):
            return subject["achievement"]
    if award.stack is not None:
        return ob3.stack_achievement(award.stack)
    # Not a stack's, so a micro-credential's: the check constraint award_kind_matches_subject.
    return ob3.micro_credential_achievement(cast("MicroCredentialVersion", award.version))


def evidence_of(credential: dict | None) -> list[dict]:
    """The evidence a signed credential states, as plain strings for a page:
    [{"name", "url", "narrative", "description"}]."""
    found = (credential or {}).get("evidence") or []
    shown = []
    for entry in found if isinstance(found, list) else []:
        if not isinstance(entry, dict):
            continue
        url = _text(entry.get("id"))
        shown.append(
            {
                "name": _text(entry.get("name")),
                "url": url if url.startswith(("https://", "http://")) else "",
                "narrative": _text(entry.get("narrative")),
                "description": _text(entry.get("description")),
            }
        )
    return shown


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def criteria_outline(narrative: str) -> list[dict]:
    """A criteria narrative (the Markdown subset OB 3.0 allows and ob3 writes: headings,
    bullet items, paragraphs) as blocks a template shows without marking anything safe:
    [{"kind": "heading" | "items" | "paragraph", "text": str, "items": [str]}]."""
    blocks: list[dict] = []
    for raw in (narrative or "").splitlines():
        line = _BOLD.sub(r"\1", raw.strip())
        if not line:
            continue
        if line.startswith("#"):
            blocks.append({"kind": "heading", "text": line.lstrip("#").strip()})
        elif line[:2] in ("- ", "* "):
            if not blocks or blocks[-1]["kind"] != "items":
                blocks.append({"kind": "items", "items": []})
            blocks[-1]["items"].append(line[2:].strip())
        else:
            blocks.append({"kind": "paragraph", "text": line})
    return blocks


def alignments_of(achievement: dict) -> list[dict]:
    found = achievement.get("alignment") or []
    return [a for a in found if isinstance(a, dict) and a.get("targetName")]


# -- The verifier page ---------------------------------------------------------------------


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def credential_summary(document: dict | None) -> dict | None:
    """What a credential says it is, for a person reading a verification result. Every
    value is a plain string (empty when the credential does not say), whatever the JSON
    holds."""
    if not isinstance(document, dict):
        return None
    issuer = document.get("issuer")
    subject = document.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    summary = {
        "name": _text(achievement.get("name")) or _text(document.get("name")),
        "description": _text(achievement.get("description")),
        "issuer_name": _text(issuer.get("name")) if isinstance(issuer, dict) else "",
        "issuer_id": _text(issuer.get("id")) if isinstance(issuer, dict) else _text(issuer),
        "subject_name": _text(subject.get("name")),
        "valid_from": _text(document.get("validFrom")) or _text(document.get("issuanceDate")),
        "valid_until": _text(document.get("validUntil")) or _text(document.get("expirationDate")),
    }
    return summary if any(summary.values()) else None


# -- The issuer admin's page ---------------------------------------------------------------


def _cohort_progress(organization) -> dict[int, dict]:
    """Awarded and signed counts per cohort, in one query."""
    rows = (
        Award.objects.filter(issuer=organization, submission__enrollment__cohort__isnull=False)
        .values(cohort_id=F("submission__enrollment__cohort_id"))
        .annotate(total=Count("pk"), signed=Count("pk", filter=Q(signed_at__isnull=False)))
    )
    return {row["cohort_id"]: {"total": row["total"], "signed": row["signed"]} for row in rows}


def cohort_progress(cohort: Cohort) -> dict:
    """How many of a cohort's awards exist and how many are signed."""
    return _cohort_progress(cohort.micro_credential.issuer).get(
        cohort.pk, {"total": 0, "signed": 0}
    )


# A bulk issue none of whose awards was claimed or signed for this long, and whose run
# did not report in either, has stopped (its worker died): three signing leases, so a
# living signer, which renews its claim every few seconds, is never taken for stopped.
STALL_AFTER = timedelta(seconds=60)


def bulk_truth(bulk: BulkIssue) -> dict:
    """A bulk issue as its awards tell it, whatever its status says: how many of the
    cohort's Met submissions are still without a signed award, and when anything last
    moved."""
    from microcred.submissions.models import Submission
    from microcred.submissions.states import State

    met = Submission.objects.filter(enrollment__cohort_id=bulk.cohort_id, state=State.MET)
    awards = Award.objects.filter(submission__in=met)
    counts = awards.aggregate(
        total=Count("pk"),
        signed=Count("pk", filter=Q(signed_at__isnull=False)),
        claimed=Max("claimed_at"),
        last_signed=Max("signed_at"),
    )
    expected = met.count()
    return {
        "expected": expected,
        "total": counts["total"],
        "signed": counts["signed"],
        "remaining": expected - counts["signed"],
        "moved_at": _latest(
            bulk.updated_at, bulk.created_at, counts["claimed"], counts["last_signed"]
        ),
    }


def bulk_is_stalled(bulk: BulkIssue, truth: dict | None = None) -> bool:
    truth = truth or bulk_truth(bulk)
    return truth["remaining"] > 0 and truth["moved_at"] < timezone.now() - STALL_AFTER


def _latest(*moments):
    return max(m for m in moments if m is not None)


def cohort_issuance(cohort: Cohort) -> dict:
    """One cohort's latest bulk issue and how far its signing has come."""
    latest = BulkIssue.objects.filter(cohort=cohort).order_by("-created_at", "-pk").first()
    return _issuance(cohort, latest)


def _issuance(cohort, latest: BulkIssue | None) -> dict:
    if latest is None:
        progress = cohort_progress(cohort)
        return {
            "cohort": cohort,
            "bulk": None,
            "total": progress["total"],
            "signed": progress["signed"],
            "running": False,
            "stalled": False,
        }
    truth = bulk_truth(latest)
    unfinished = truth["remaining"] > 0 and latest.status != BulkIssue.Status.DONE
    stalled = unfinished and bulk_is_stalled(latest, truth)
    return {
        "cohort": cohort,
        "bulk": latest,
        "total": max(truth["expected"], truth["total"]),
        "signed": truth["signed"],
        "running": unfinished and not stalled,
        "stalled": stalled,
    }


def issuer_overview(organization) -> dict:
    cohorts = list(
        Cohort.objects.filter(micro_credential__issuer=organization)
        .select_related("micro_credential__current_version", "micro_credential__issuer")
        .annotate(
            met=Count("enrollments__submissions", filter=Q(enrollments__submissions__state="met"))
        )
        .order_by("-starts_on", "pk")
    )
    latest: dict[int, BulkIssue] = {}
    for bulk in BulkIssue.objects.filter(cohort__in=cohorts).order_by("-created_at", "-pk"):
        latest.setdefault(bulk.cohort_id, bulk)
    keys = list(SigningKey.objects.filter(organization=organization).order_by("-created_at"))
    return {
        "organization": organization,
        "did": identity.did(organization) if _has_identifier(organization, keys) else "",
        "method": getattr(getattr(organization, "identity", None), "method", "web"),
        "method_locked": Award.objects.filter(
            issuer=organization, signed_at__isnull=False
        ).exists(),
        "keys": keys,
        "active_key_types": sorted({k.key_type for k in keys if k.retired_at is None}),
        "awards": awards_with_subjects().filter(issuer=organization)[:50],
        "award_count": Award.objects.filter(issuer=organization).count(),
        "issuance": [_issuance(c, latest.get(c.pk)) for c in cohorts],
        "clients": organization.api_clients.filter(revoked_at__isnull=True),
        # What people did: every award is issued and signed, and those rows would crowd
        # out the rotations, revocations and choices an admin looks here for.
        "audit": CredentialAudit.objects.filter(organization=organization)
        .exclude(action__in=[AuditAction.ISSUED, AuditAction.SIGNED])
        .select_related("actor", "award__version", "award__stack", "key")
        .order_by("-at", "-pk")[:20],
    }


def _has_identifier(organization, keys) -> bool:
    """A did:key issuer has no identifier until its first key exists."""
    method = getattr(getattr(organization, "identity", None), "method", "web")
    return method != "key" or any(k.key_type == "ed25519" for k in keys)


# -- Open Badges 2.0 ---------------------------------------------------------------------------


def revoked_award_ids(organization) -> list:
    """The public ids of every award the issuer revoked, oldest revocation first."""
    return list(
        Award.objects.filter(issuer=organization, revoked_at__isnull=False)
        .order_by("revoked_at", "pk")
        .values_list("public_id", flat=True)
    )


def issued_awards(
    issuers,
    *,
    micro_credential: str = "",
    earner_email: str = "",
    after=None,
    before=None,
    revoked: bool | None = None,
):
    """The awards of these issuers, newest first, without their signed documents: by the
    micro-credential's short name, the earner's e-mail address, when awarded (from `after`,
    up to `before`) and whether revoked."""
    awards = (
        awards_with_subjects().filter(issuer__in=issuers).defer("credential_json", "credential_jwt")
    )
    if micro_credential:
        awards = awards.filter(version__micro_credential__slug=micro_credential)
    if earner_email:
        awards = awards.filter(earner__email__iexact=earner_email)
    if after is not None:
        awards = awards.filter(awarded_at__gte=after)
    if before is not None:
        awards = awards.filter(awarded_at__lt=before)
    if revoked is not None:
        awards = awards.filter(revoked_at__isnull=not revoked)
    return awards.order_by("-awarded_at", "-pk")


def awards_for_export(*, issuer: str | None = None):
    """Every award with what its Open Badges 2.0 documents need, optionally of one issuer."""
    awards = Award.objects.select_related(
        "earner", "issuer", "version__micro_credential__issuer", "stack__issuer"
    ).order_by("pk")
    return awards.filter(issuer__slug=issuer) if issuer else awards


def ob2_unavailable_reason(award: Award) -> str | None:
    """Why the award's Open Badges 2.0 badge would not verify for anyone it is given to,
    or None when it would. A 2.0 assertion has no signature: it verifies by being served
    at its `id` (OB 2.0 §"Hosted verification"), so one that answers 404 or says revoked
    fails 1EdTech's 2.0 validator."""
    if award.is_revoked:
        return _("it is revoked, so its hosted assertion says so and no longer verifies.")
    if not award.is_public:
        return _(
            "its badge page is private, so its hosted assertion answers 404 to anyone but "
            "the earner and the issuer's admins, and a 2.0 badge verifies only by that "
            "assertion."
        )
    return None


def signed_under() -> str | None:
    """The base URL the platform's credentials were signed under, read from the first
    signed one: its `id` is that base followed by its badge page's path. None before any
    credential is signed."""
    award = (
        Award.objects.filter(signed_at__isnull=False)
        .exclude(credential_json="")
        .order_by("signed_at", "pk")
        .only("public_id", "credential_json")
        .first()
    )
    if award is None:
        return None
    credential_id = json.loads(award.credential_json).get("id", "")
    path = award.get_absolute_url()
    return credential_id.removesuffix(path) if credential_id.endswith(path) else None

"""Everything the platform holds about a person, in one ZIP file they download.

The archive is written to a temporary file on disk, a row and a file at a time (rows are
read with `.iterator()`, files copied in chunks), so an account with thousands of
submissions and gigabytes of evidence costs the server disk for a moment, never memory;
`bench/own_data_export.py` measures it. Reviews carry the letter the earner knows each
assessor by (A, B, C), never who the assessor is: review stays blind after the decision.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import IO

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.utils import timezone

from microcred.accounts.models import Membership, MembershipChange
from microcred.assessment.models import Assignment, CriterionScore, Decision, PoolMember, Review
from microcred.backpack.models import Enrollment
from microcred.coaching.models import CoachingComment
from microcred.connect import selectors as connect_selectors
from microcred.connect.models import HeldCredential
from microcred.credentials.models import Award
from microcred.notifications.models import Notification
from microcred.payments.models import InvoiceRequest, Payment, SponsorshipRequest
from microcred.submissions.models import Collaborator, Evidence, StateChange, Submission
from microcred.support.models import Ticket, TicketMessage

from .models import JoinRequest

FORMAT_VERSION = 1
CHUNK = 1024 * 1024


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _write_json(archive: zipfile.ZipFile, name: str, value) -> None:
    with archive.open(name, "w") as out:
        out.write(json.dumps(value, indent=2, ensure_ascii=False, default=_plain).encode())


def _write_list(archive: zipfile.ZipFile, name: str, rows: Iterable[dict]) -> int:
    """A JSON array written one item at a time, so a long list never sits in memory. The
    rows may add files to the archive as they are made (evidence, credentials), so the
    array goes to a temporary file first and into the archive once it is complete."""
    count = 0
    with tempfile.TemporaryFile() as spool:
        spool.write(b"[")
        for row in rows:
            spool.write((b",\n" if count else b"\n") + _dumps(row))
            count += 1
        spool.write(b"\n]\n" if count else b"]\n")
        spool.seek(0)
        with archive.open(name, "w", force_zip64=True) as out:
            shutil.copyfileobj(spool, out, CHUNK)
    return count


def _dumps(row: dict) -> bytes:
    return json.dumps(row, ensure_ascii=False, default=_plain).encode()


def filename(user) -> str:
    return f"microcred-my-data-{timezone.localdate().isoformat()}.zip"


def export(user, *, by) -> IO[bytes]:
    """The person's data as a ZIP in a temporary file, rewound, for the caller to stream
    and close."""
    if by.pk != user.pk:
        raise PermissionDenied
    out = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115 (handed to the response)
    try:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            _write(zf, user)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out


def _write(zf: zipfile.ZipFile, user) -> None:
    counts = {
        "memberships": _write_list(zf, "memberships.json", _memberships(user)),
        "role_history": _write_list(zf, "role_history.json", _role_history(user)),
        "join_requests": _write_list(zf, "join_requests.json", _join_requests(user)),
        "enrollments": _write_list(zf, "enrollments.json", _enrollments(user)),
        "submissions": _write_list(zf, "submissions.json", _submissions(user, zf)),
        "reviews_received": _write_list(zf, "reviews_received.json", _reviews(user)),
        "awards": _write_list(zf, "awards.json", _awards(user, zf)),
        "held_credentials": _write_list(zf, "held_credentials.json", _held(user, zf)),
        "connected_apps": _write_list(zf, "connected_apps.json", _apps(user)),
        "notifications": _write_list(zf, "notifications.json", _notifications(user)),
        "payments": _write_list(zf, "payments.json", _payments(user)),
        "tickets": _write_list(zf, "tickets.json", _tickets(user)),
        "assessor_pools": _write_list(zf, "assessor_pools.json", _pools(user)),
    }
    _write_json(zf, "account.json", _account(user))
    _write_json(
        zf,
        "README.json",
        {
            "format": FORMAT_VERSION,
            "made_at": timezone.now(),
            "what": "Everything microcred holds about the account below, as JSON, with the "
            "evidence files you uploaded under evidence/ and each credential as it "
            "was signed under credentials/.",
            "files": counts,
        },
    )


def _account(user) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "school": user.school,
        "language": user.language,
        "joined": user.date_joined,
        "last_sign_in": user.last_login,
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_factor_methods": [
            {"type": a.type, "added": a.created_at}
            for a in Authenticator.objects.filter(user=user).order_by("pk")
        ],
    }


def _memberships(user):
    for m in Membership.objects.filter(user=user).select_related("organization").iterator():
        yield {
            "organization": m.organization.name,
            "kind": m.organization.kind,
            "role": m.role,
            "active": m.is_active,
            "since": m.created_at,
        }


def _role_history(user):
    rows = (
        MembershipChange.objects.filter(Q(subject=user) | Q(email__iexact=user.email))
        .select_related("organization")
        .order_by("at", "pk")
    )
    for c in rows.iterator():
        yield {
            "organization": c.organization.name,
            "action": c.action,
            "role": c.role,
            "reason": c.reason,
            "at": c.at,
        }


def _join_requests(user):
    for r in JoinRequest.objects.filter(user=user).select_related("district").iterator():
        yield {
            "district": r.district.name,
            "school": r.school,
            "note": r.note,
            "status": r.status,
            "asked": r.created_at,
            "answered": r.decided_at,
        }


def _enrollments(user):
    rows = Enrollment.objects.filter(earner=user).select_related("version", "cohort")
    for e in rows.iterator():
        yield {
            "id": e.pk,
            "micro_credential": e.version.title,
            "version": e.version.number,
            "cohort": e.cohort.name if e.cohort_id else None,
            "status": e.status,
            "started": e.started_at,
            "earned": e.earned_at,
        }


def _submissions(user, zf: zipfile.ZipFile):
    rows = (
        Submission.objects.filter(enrollment__earner=user)
        .select_related("enrollment__version")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.select_related("requirement")),
            Prefetch("collaborators", queryset=Collaborator.objects.order_by("pk")),
            Prefetch("state_changes", queryset=StateChange.objects.order_by("at", "pk")),
            Prefetch(
                "coaching_comments",
                queryset=CoachingComment.objects.select_related("requirement").order_by(
                    "created_at", "pk"
                ),
            ),
        )
        .order_by("created_at", "pk")
    )
    for s in rows.iterator(chunk_size=200):
        yield {
            "reference": s.reference,
            "micro_credential": s.enrollment.version.title,
            "attempt": s.attempt,
            "state": s.state,
            "created": s.created_at,
            "submitted": s.submitted_at,
            "decided": s.decided_at,
            "collaborated": s.collaborated,
            "collaboration_note": s.collaboration_note,
            "collaborators": [
                {"name": c.name, "email": c.email, "contribution": c.contribution}
                for c in s.collaborators.all()
            ],
            "evidence": [_evidence(piece, s, zf) for piece in s.evidence.all()],
            "history": [
                {
                    "event": c.event,
                    "from": c.from_state,
                    "to": c.to_state,
                    "at": c.at,
                    "by_you": c.actor_id == user.pk,
                }
                for c in s.state_changes.all()
            ],
            "coaching_comments": [
                {
                    "requirement": c.requirement.title,
                    "from": c.voice,
                    "comment": c.body,
                    "at": c.created_at,
                }
                for c in s.coaching_comments.all()
            ],
        }


def _evidence(piece: Evidence, submission: Submission, zf: zipfile.ZipFile) -> dict:
    entry = {
        "requirement": piece.requirement.title,
        "kind": piece.kind,
        "text": piece.text,
        "link": piece.url,
        "file_name": piece.original_name,
        "content_type": piece.content_type,
        "size": piece.size,
        "sha256": piece.sha256,
        "added": piece.created_at,
        "removed": piece.removed_at,
        "removed_because": piece.removed_because,
    }
    if piece.file and not piece.removed_at:
        inside = f"evidence/{submission.reference}/{piece.pk}-{_safe(piece.original_name)}"
        # Stored, not deflated: photos, videos and PDFs are compressed already, and
        # deflating hundreds of megabytes would only cost time.
        member = zipfile.ZipInfo(inside, date_time=piece.created_at.timetuple()[:6])
        member.compress_type = zipfile.ZIP_STORED
        try:
            with piece.file.open("rb") as source, zf.open(member, "w", force_zip64=True) as out:
                shutil.copyfileobj(source, out, CHUNK)
        except FileNotFoundError:
            entry["file_missing"] = True
        else:
            entry["file"] = inside
    return entry


def _safe(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "._- " else "_" for ch in name).strip()
    return cleaned[:120] or "file"


def _reviews(user):
    """Reviews of the earner's submissions: scores and words, each under the letter the
    earner knows its assessor by. Anchors and calibration never reach an earner."""
    assignments = (
        Assignment.objects.filter(
            submission__enrollment__earner=user, anchor__isnull=True, review__isnull=False
        )
        .select_related("submission", "review")
        .prefetch_related(
            Prefetch(
                "review__scores",
                queryset=CriterionScore.objects.select_related("criterion").order_by("pk"),
            )
        )
        .order_by("submission__created_at", "label", "pk")
    )
    for a in assignments.iterator(chunk_size=200):
        review: Review = a.review
        yield {
            "submission": a.submission.reference,
            "assessor": f"Assessor {a.label}",
            "purpose": a.purpose,
            "overall_comment": review.overall_comment,
            "submitted": review.submitted_at,
            "criteria": [
                {"criterion": s.criterion.name, "met": s.met, "feedback": s.feedback}
                for s in review.scores.all()
            ],
        }
    for d in Decision.objects.filter(submission__enrollment__earner=user).select_related(
        "submission"
    ):
        yield {
            "submission": d.submission.reference,
            "decision": d.outcome,
            "by_tie_break": d.by_tie_break,
            "decided": d.decided_at,
        }


def _awards(user, zf: zipfile.ZipFile):
    rows = Award.objects.filter(earner=user).select_related(
        "issuer", "version", "stack", "submission"
    )
    for a in rows.iterator(chunk_size=200):
        entry = {
            "id": str(a.public_id),
            "title": a.title,
            "kind": a.kind,
            "issuer": a.issuer.name,
            "submission": a.submission.reference if a.submission_id else None,
            "awarded": a.awarded_at,
            "page_public": a.is_public,
            "evidence_in_credential": a.include_evidence,
            "revoked": a.revoked_at,
            "revocation_reason": a.revocation_reason,
        }
        if a.credential_json:
            entry["credential"] = f"credentials/{a.public_id}.json"
            with zf.open(entry["credential"], "w") as out:
                out.write(a.credential_json.encode())
        if a.credential_jwt:
            entry["credential_jwt"] = f"credentials/{a.public_id}.jwt"
            with zf.open(entry["credential_jwt"], "w") as out:
                out.write(a.credential_jwt.encode())
        yield entry


def _held(user, zf: zipfile.ZipFile):
    """Credentials other issuers signed, which a connected app put in the backpack: each
    as it arrived."""
    for held in HeldCredential.objects.filter(earner=user).iterator(chunk_size=200):
        entry = {
            "id": held.credential_id,
            "name": held.name,
            "issuer": held.issuer_name or held.issuer_id,
            "received": held.received_at,
        }
        name = f"held/{held.pk}.{'json' if held.credential_json else 'jwt'}"
        entry["credential"] = name
        with zf.open(name, "w") as out:
            out.write((held.credential_json or held.compact_jws).encode())
        yield entry


def _apps(user):
    for app in connect_selectors.connected_apps(user):
        yield {"name": app.application.name, "may": app.scopes, "last_access": app.last_used}


def _notifications(user):
    for n in Notification.objects.filter(user=user).order_by("created_at", "pk").iterator():
        yield {
            "subject": n.subject,
            "message": n.body,
            "link": n.url,
            "at": n.created_at,
            "read": n.read_at,
        }


def _payments(user):
    rows = Payment.objects.filter(enrollment__earner=user).select_related(
        "enrollment__version", "payee"
    )
    for p in rows.iterator():
        yield {
            "for": p.enrollment.version.title,
            "to": p.payee.name,
            "method": p.method,
            "status": p.status,
            "amount": p.amount,
            "currency": p.currency,
            "reference": p.reference,
            "at": p.created_at,
            "paid": p.paid_at,
            "refunded": p.refunded_at,
        }
    for i in InvoiceRequest.objects.filter(enrollment__earner=user).select_related(
        "enrollment__version"
    ):
        yield {
            "invoice_for": i.enrollment.version.title,
            "status": i.status,
            "amount": i.amount,
            "currency": i.currency,
            "purchase_order": i.purchase_order,
            "bill_to": i.bill_to,
            "at": i.created_at,
        }
    for r in SponsorshipRequest.objects.filter(enrollment__earner=user).select_related(
        "district", "enrollment__version"
    ):
        yield {
            "sponsorship_for": r.enrollment.version.title,
            "district": r.district.name,
            "status": r.status,
            "note": r.note,
            "answer": r.answer_note,
            "at": r.created_at,
        }


def _tickets(user):
    for t in Ticket.objects.filter(earner=user).select_related("submission").iterator():
        yield {
            "subject": t.subject,
            "submission": t.submission.reference,
            "status": t.status,
            "opened": t.created_at,
            "solved": t.solved_at,
            "messages": [
                {
                    "from": m.side,
                    "by_you": m.author_id == user.pk,
                    "message": m.body,
                    "at": m.created_at,
                }
                for m in TicketMessage.objects.filter(ticket=t).order_by("created_at", "pk")
            ],
        }


def _pools(user):
    for m in PoolMember.objects.filter(assessor__user=user).select_related("issuer"):
        yield {
            "issuer": m.issuer.name,
            "joined": m.joined_at,
            "paused": m.paused_at,
            "removed": m.removed_at,
        }

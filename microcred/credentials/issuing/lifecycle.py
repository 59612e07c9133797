"""The one place that writes an award's lifecycle fields.

An award is issued unsigned, signed by a worker, signed again when its earner shows or
hides their evidence, and may be revoked; what its page and credential show is the
earner's choice at any time. The moves are data (TRANSITIONS), each is looked up before it
is made and recorded in the append-only CredentialAudit inside the caller's transaction,
so the audit rows and the moves commit together. Callers lock the award first where two
people could move it at once (revoking, changing what it shows).

The lifecycle fields: `signed_at`, `credential_json`, `credential_jwt` (signing),
`revoked_at`, `revocation_reason`, `revoked_by` (revoking), `is_public` and
`include_evidence` (what the award shows).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import signals
from ..models import AuditAction, Award, CredentialAudit

Event = AuditAction


class AwardState:
    UNSIGNED = "unsigned"
    SIGNED = "signed"
    REVOKED = "revoked"


State = AwardState

# Changing what an award shows is a move in every state, and leaves the state as it was.
_SHOWING = {
    (state, Event.PRIVACY): state for state in (State.UNSIGNED, State.SIGNED, State.REVOKED)
}

TRANSITIONS: dict[tuple[str | None, str], str] = {
    (None, Event.ISSUED): State.UNSIGNED,
    (State.UNSIGNED, Event.SIGNED): State.SIGNED,
    # Revoked before a worker reached it: it is signed all the same, so that the earner's
    # record is whole, and its status entry says revoked.
    (State.REVOKED, Event.SIGNED): State.REVOKED,
    # Evidence shown or hidden: signed again under the same id and status entry.
    (State.SIGNED, Event.SIGNED_AGAIN): State.SIGNED,
    (State.UNSIGNED, Event.REVOKED): State.REVOKED,
    (State.SIGNED, Event.REVOKED): State.REVOKED,
    **_SHOWING,
}


class IllegalMove(Exception):
    def __init__(self, state, event):
        self.state, self.event = state, event
        super().__init__(f"An award that is {state} cannot be moved by {event}.")


def state_of(award: Award) -> str:
    if award.revoked_at is not None:
        return State.REVOKED
    return State.SIGNED if award.signed_at is not None else State.UNSIGNED


def _check(state: str | None, event: str) -> str:
    target = TRANSITIONS.get((state, event))
    if target is None:
        raise IllegalMove(state, event)
    return target


def _audit(award_rows: Iterable[tuple[int, int]], event: str, *, by=None, reason: str = ""):
    """One audit row per (award id, issuer id)."""
    actor_id = by.pk if by is not None and by.is_authenticated else None
    CredentialAudit.objects.bulk_create(
        CredentialAudit(
            organization_id=issuer_id, award_id=pk, actor_id=actor_id, action=event, reason=reason
        )
        for pk, issuer_id in award_rows
    )


# -- Issuing ---------------------------------------------------------------------------------


def issue(**fields) -> Award:
    """A new, unsigned award."""
    _check(None, Event.ISSUED)
    award = Award.objects.create(**fields)
    _audit([(award.pk, award.issuer_id)], Event.ISSUED)
    signals.issued.send(sender=Award, award_ids=[award.pk])
    return award


def issue_rows(rows: list[dict]) -> None:
    """Many new, unsigned awards at once, given as every column of each (for a cohort)."""
    from microcred.submissions.workflow import insert_rows

    _check(None, Event.ISSUED)
    if not rows:
        return
    insert_rows(Award, rows)
    made = list(
        Award.objects.filter(public_id__in=[row["public_id"] for row in rows]).values_list(
            "pk", "issuer_id"
        )
    )
    _audit(made, Event.ISSUED)
    signals.issued.send(sender=Award, award_ids=[pk for pk, _issuer in made])


# -- Signing ---------------------------------------------------------------------------------


def store_signed(awards: Sequence[Award], token) -> int:
    """Write the signed credentials of a claimed batch in one statement per row, each
    only where the claim is still ours (a worker taken for dead may still come back)."""
    for award in awards:
        _check(state_of(award), Event.SIGNED)
    table = connection.ops.quote_name(Award._meta.db_table)
    now = Award._meta.get_field("signed_at").get_db_prep_value(timezone.now(), connection)
    claim = Award._meta.get_field("signing_claim").get_db_prep_value(token, connection)
    rows = [(a.credential_json, a.credential_jwt, now, a.pk, claim) for a in awards]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET credential_json = %s, credential_jwt = %s, signed_at = %s "  # noqa: S608 (our table)
            "WHERE id = %s AND signing_claim = %s AND signed_at IS NULL",
            rows,
        )
        stored = cursor.rowcount
        # The rows this claim signed: a retaken row carries the new signer's claim.
        mine = Award.objects.filter(
            pk__in=[a.pk for a in awards], signing_claim=token, signed_at__isnull=False
        )
        _audit(mine.values_list("pk", "issuer_id"), Event.SIGNED)
    return stored if stored is not None and stored >= 0 else len(rows)


# -- What the earner shows -------------------------------------------------------------------


def show(
    current: Award, *, by, is_public: bool, include_evidence: bool, signed: Award | None = None
) -> dict:
    """Set what a locked award shows; `signed` carries the credential signed again for a
    change of evidence. Returns the fields written (none when nothing changed)."""
    state = state_of(current)
    _check(state, Event.PRIVACY)
    fields = {}
    if current.is_public != is_public:
        fields["is_public"] = is_public
    if current.include_evidence != include_evidence:
        fields["include_evidence"] = include_evidence
    if not fields:
        return fields
    if signed is not None:
        _check(state, Event.SIGNED_AGAIN)
        fields |= {
            "credential_json": signed.credential_json,
            "credential_jwt": signed.credential_jwt,
            "signed_at": timezone.now(),
        }
    Award.objects.filter(pk=current.pk).update(**fields)
    shown = [
        _("page public") if is_public else _("page private"),
        _("evidence shown") if include_evidence else _("evidence hidden"),
    ]
    reason = ", ".join(shown) + (_("; signed again") if signed is not None else "")
    _audit([(current.pk, current.issuer_id)], Event.PRIVACY, by=by, reason=reason)
    return fields


def hide_evidence(awards, *, by, reason: str) -> int:
    """Stop showing evidence on these awards without signing them again: for evidence that
    no longer exists (its earner deleted their account). A signed credential keeps what it
    was signed with; signing it again would need the evidence that is gone."""
    showing = awards.filter(include_evidence=True)
    rows = list(showing.values_list("pk", "issuer_id", "revoked_at", "signed_at"))
    for _pk, _issuer, revoked_at, signed_at in rows:
        _check(
            State.REVOKED if revoked_at else State.SIGNED if signed_at else State.UNSIGNED,
            Event.PRIVACY,
        )
    hidden = Award.objects.filter(pk__in=[row[0] for row in rows]).update(include_evidence=False)
    _audit([(pk, issuer_id) for pk, issuer_id, *_rest in rows], Event.PRIVACY, by=by, reason=reason)
    return hidden


# -- Revoking --------------------------------------------------------------------------------


def revoke(current: Award, *, by, reason: str) -> None:
    """Revoke a locked award; its status entry is the caller's to set."""
    _check(state_of(current), Event.REVOKED)
    now = timezone.now()
    Award.objects.filter(pk=current.pk).update(
        revoked_at=now, revocation_reason=reason, revoked_by=by
    )
    current.revoked_at, current.revocation_reason, current.revoked_by = now, reason, by
    _audit([(current.pk, current.issuer_id)], Event.REVOKED, by=by, reason=reason)
    signals.revoked.send(sender=Award, award_id=current.pk)

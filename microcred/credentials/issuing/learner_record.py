"""Learner records: an earner's awards gathered in one signed CLR 2.0 ClrCredential.

Comprehensive Learner Record 2.0 (https://www.imsglobal.org/spec/clr/v2p0/), §"ClrCredential"
and §"ClrSubject": the record's subject holds every chosen award's OB 3.0 credential as
signed by its issuer (`verifiableCredential`, byte for byte as stored, so each one still
verifies on its own), the achievements they are for (`achievement`) and how those relate
(`association`: a stack `isParentOf` each of its parts, each part `isChildOf` the stack).

A record spans issuers, so no issuer can sign it. The platform signs it under an issuer
identity of its own (settings.CREDENTIALS_RECORD_ISSUER_SLUG), an organization with its
own keys and did:web document, made on first use: a verifier checks the record's proof
against the platform's key and each credential inside against its issuer's key. A record
is made when it is asked for and is not stored; every download is a new record with its
own id.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.accounts.models import Organization

from ..formats import documents, ob3
from ..models import Award, AwardKind
from .signing import Signer

CONTEXT = [documents.VC_V2, documents.CLR_V2, documents.OB_V3, documents.OB_EXTENSIONS]
TYPES = ["VerifiableCredential", "ClrCredential"]
SCHEMA = [{"id": documents.CLR_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}]
# More than this many ids in one request is not a choice a person made.
MAX_CHOSEN = 1000


class RecordError(Exception):
    """A learner record that cannot be made; the message says why."""


@dataclass
class SignedRecord:
    document: dict
    json: str
    jwt: str
    count: int

    @property
    def filename_stem(self) -> str:
        return "learner-record-" + self.document["id"].rsplit(":", 1)[-1]


# -- The platform's issuer identity ----------------------------------------------------------


def record_issuer() -> Organization:
    """The organization that signs learner records, made on first use."""
    slug = settings.CREDENTIALS_RECORD_ISSUER_SLUG
    found = Organization.objects.filter(slug=slug).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Organization.objects.create(
                slug=slug,
                kind=Organization.Kind.ISSUER,
                name=settings.CREDENTIALS_RECORD_ISSUER_NAME,
                description=_(
                    "The platform itself, which signs learner records that gather "
                    "credentials from many issuers."
                ),
            )
    except IntegrityError:
        # Made by another request at the same moment.
        return Organization.objects.get(slug=slug)


# -- Which awards ----------------------------------------------------------------------------


def recordable_awards(earner):
    """An earner's awards that can go into a record: signed and not revoked."""
    return (
        Award.objects.filter(earner=earner, signed_at__isnull=False, revoked_at__isnull=True)
        .select_related("version__micro_credential", "stack", "issuer")
        .order_by("awarded_at", "pk")
    )


def chosen_awards(earner, chosen: list[str] | None) -> tuple[list[Award], bool]:
    """The awards an earner chose (all of them when `chosen` is None) and whether that is
    fewer than all (the record's `partial`). Raises RecordError for an empty choice, an id
    that is not one, or awards that are not the earner's signed, unrevoked ones; which ids
    exist is never told."""
    every = list(recordable_awards(earner))
    if chosen is None:
        if not every:
            raise RecordError(
                _("You have no signed credential yet; a record gathers signed credentials.")
            )
        return every, False
    if not chosen:
        raise RecordError(_("Choose at least one credential for the record."))
    if len(chosen) > MAX_CHOSEN:
        raise RecordError(_("That is more credentials than anyone has; choose again."))
    wanted = set()
    for value in chosen:
        try:
            wanted.add(uuid.UUID(str(value).strip()))
        except ValueError as exc:
            raise RecordError(
                _("“%(value)s” is not a credential id.") % {"value": str(value)[:64]}
            ) from exc
    by_id = {award.public_id: award for award in every}
    if unknown := wanted - by_id.keys():
        raise RecordError(
            _(
                "%(count)d of the chosen credentials are not among your signed, unrevoked "
                "credentials."
            )
            % {"count": len(unknown)}
        )
    picked = [award for award in every if award.public_id in wanted]
    return picked, len(picked) < len(every)


# -- The record ----------------------------------------------------------------------------


def _identifier(earner, salt: str) -> list[dict]:
    digest = hashlib.sha256((earner.email.lower() + salt).encode()).hexdigest()
    return [
        {
            "type": "IdentityObject",
            "hashed": True,
            "identityHash": f"sha256${digest}",
            "identityType": "emailAddress",
            "salt": salt,
        }
    ]


def _achievement(credential: dict) -> dict:
    return credential["credentialSubject"]["achievement"]


def associations(awards: list[Award], credentials: list[dict]) -> list[dict]:
    """A stack is the parent of each of its parts that the record holds, and each such
    part the child of the stack (CLR 2.0 §"Association")."""
    achievement_by_micro_credential = {}
    for award, credential in zip(awards, credentials, strict=True):
        if award.kind == AwardKind.MICRO_CREDENTIAL:
            achievement_by_micro_credential[award.version.micro_credential_id] = _achievement(
                credential
            )["id"]
    found = []
    for award, credential in zip(awards, credentials, strict=True):
        if award.kind != AwardKind.STACK:
            continue
        stack_id = _achievement(credential)["id"]
        for item in award.stack.items.order_by("position", "pk"):
            part_id = achievement_by_micro_credential.get(item.micro_credential_id)
            if part_id is None:
                continue
            found.append(_association("isParentOf", stack_id, part_id))
            found.append(_association("isChildOf", part_id, stack_id))
    return found


def _association(kind: str, source: str, target: str) -> dict:
    return {"type": "Association", "associationType": kind, "sourceId": source, "targetId": target}


def unsigned_record(earner, awards: list[Award], *, partial: bool) -> dict:
    """The unsigned ClrCredential of these awards."""
    record_uuid = uuid.uuid4()
    credentials = [json.loads(award.credential_json) for award in awards]
    achievements: dict[str, dict] = {}
    for credential in credentials:
        achievement = _achievement(credential)
        achievements.setdefault(achievement["id"], achievement)
    subject = {
        "type": ["ClrSubject"],
        "identifier": _identifier(earner, record_uuid.hex),
        "achievement": list(achievements.values()),
        "verifiableCredential": credentials,
    }
    if links := associations(awards, credentials):
        subject["association"] = links
    now = ob3.timestamp(timezone.now())
    return {
        "@context": list(CONTEXT),
        "id": f"urn:uuid:{record_uuid}",
        "type": list(TYPES),
        "issuer": ob3.issuer_profile(record_issuer()),
        "name": _("Learner record of %(name)s") % {"name": earner.name or earner.email},
        "description": _(
            "Micro-credentials and stacks earned by %(name)s, each signed by its issuer."
        )
        % {"name": earner.name or earner.email},
        "partial": partial,
        "validFrom": now,
        "awardedDate": now,
        "credentialSubject": subject,
        "credentialSchema": [dict(entry) for entry in SCHEMA],
    }


def learner_record(earner, *, by, chosen: list[str] | None = None) -> SignedRecord:
    """A signed learner record of the earner's chosen awards (all, when none are named),
    as JSON with a Data Integrity proof and as a VC-JWT. `by` is None for the platform's
    own exports."""
    if by is not None and not permissions.can_download_record(by, earner):
        raise PermissionDenied
    awards, partial = chosen_awards(earner, chosen)
    document = unsigned_record(earner, awards, partial=partial)
    signed, text, token = Signer(fast=False).sign_document(document, record_issuer())
    return SignedRecord(document=signed, json=text, jwt=token, count=len(awards))

"""Turning awards into signed credentials, one at a time or a batch at a time.

A `Signer` holds what every credential of a batch shares: the issuers' unsealed keys,
their profiles, each achievement (built once per version or stack), and the hash of the
proof options (the same `created` and key for the whole batch). What differs per award —
identifier, dates, status entry — is put in, canonicalized and signed.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import defaultdict
from typing import Any

from django.urls import reverse
from django.utils import timezone

from ..formats import canonical, data_integrity, ob3, vc_jwt
from ..models import Award, AwardKind, KeyType, SigningKey
from . import identity, issuer_keys, keys

log = logging.getLogger(__name__)
_ANY_ID = uuid.UUID(int=0)


class Signer:
    def __init__(self, *, fast: bool = True):
        self.created = ob3.timestamp(timezone.now())
        self.fast = fast
        self._keys: dict[tuple[int, str], tuple[SigningKey, object, str]] = {}
        self._achievements: dict[tuple[str, int], dict] = {}
        self._options: dict[tuple[str, str], bytes] = {}
        self._shapes = canonical.Shapes() if fast else None
        self._urls: dict[tuple, str] = {}
        self.stats = defaultdict(int)

    # -- what a batch shares -----------------------------------------------------------

    def key(self, organization, key_type: str) -> tuple[SigningKey, Any, str]:
        """The organization's key of this type, its private key (of the class the type
        names) and its verification method."""
        cache_key = (organization.pk, key_type)
        if cache_key not in self._keys:
            key = issuer_keys.active_key(organization, key_type)
            self._keys[cache_key] = (
                key,
                keys.unseal(key.sealed_private),
                identity.verification_method_id(key, organization),
            )
        return self._keys[cache_key]

    def achievement(self, award: Award) -> dict:
        if award.kind == AwardKind.STACK:
            cache_key = ("stack", award.stack_id)
            if cache_key not in self._achievements:
                self._achievements[cache_key] = ob3.stack_achievement(award.stack)
        else:
            cache_key = ("version", award.version_id)
            if cache_key not in self._achievements:
                self._achievements[cache_key] = ob3.micro_credential_achievement(award.version)
        return self._achievements[cache_key]

    def options_digest(self, context: list, verification_method: str) -> bytes:
        cache_key = (json.dumps(context), verification_method)
        if cache_key not in self._options:
            self._options[cache_key] = data_integrity.options_hash(
                data_integrity.proof_options(
                    verification_method=verification_method,
                    created=self.created,
                    context=context,
                )
            )
        return self._options[cache_key]

    # -- one credential ----------------------------------------------------------------

    def unsigned(self, award: Award, *, evidence: list[dict] | None = None) -> dict:
        achievement = self.achievement(award)
        results = ob3.results_met(achievement) if award.kind == AwardKind.MICRO_CREDENTIAL else []
        status_url = None
        if award.status_list_id is not None:
            status_url = ob3.absolute(
                reverse("credentials:status_list", args=[award.status_list_id])
            )
        return ob3.credential(
            award,
            achievement=achievement,
            results=results,
            evidence=evidence,
            status_list_url=status_url,
        )

    def canonical(self, document: dict) -> str:
        if self._shapes is not None:
            text = self._shapes.canonize(document)
            if text is not None:
                self.stats["fast"] += 1
                return text
        self.stats["full"] += 1
        return canonical.canonize(document)

    def sign_document(self, document: dict, organization) -> tuple[dict, str, str]:
        """A credential signed with a Data Integrity proof, its JSON and its VC-JWT."""
        _key, private, method = self.key(organization, KeyType.ED25519)
        signed = data_integrity.sign(
            document,
            private,
            verification_method=method,
            created=self.created,
            canonical_document=self.canonical(document),
            options_digest=self.options_digest(document["@context"], method),
        )
        text = json.dumps(signed, ensure_ascii=False, separators=(",", ":"))
        _jkey, jwt_private, jwt_method = self.key(organization, KeyType.P256)
        token = vc_jwt.encode(signed, jwt_private, kid=jwt_method, serialized=text)
        return signed, text, token

    def sign(self, award: Award, *, evidence: list[dict] | None = None) -> None:
        """Put the signed credential on this award instance; credentials.issuing.lifecycle stores
        it (and stamps when)."""
        document = self.unsigned(award, evidence=evidence)
        _signed, award.credential_json, award.credential_jwt = self.sign_document(
            document, award.issuer
        )

    def check_sample(self, award: Award) -> bool:
        """Whether the reused shape gives exactly the full algorithm's bytes for this
        award; on a mismatch the batch goes on by the full path."""
        if self._shapes is None:
            return True
        document = self.unsigned(award)
        fast = self._shapes.canonize(document)
        full = canonical.canonize(document)
        if fast is not None and fast != full:
            log.error("Reused canonical shape differs from the full algorithm; falling back.")
            self._shapes = None
            return False
        return True

"""The keys an issuer signs with: made on first use, each new one written to the
credential audit."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from ..models import AuditAction, CredentialAudit, KeyType, SigningKey
from . import keys


def active_key(organization, key_type: str) -> SigningKey:
    """The key that signs for an issuer now, made on first use."""
    key = SigningKey.objects.filter(
        organization=organization, key_type=key_type, retired_at__isnull=True
    ).first()
    if key is not None:
        return key
    try:
        with transaction.atomic():
            return new_key(organization, key_type, by=None)
    except IntegrityError:
        # Another worker made it at the same moment.
        return SigningKey.objects.get(
            organization=organization, key_type=key_type, retired_at__isnull=True
        )


def new_key(organization, key_type: str, *, by, action=AuditAction.KEY_CREATED, reason=""):
    if key_type == KeyType.ED25519:
        private = keys.new_ed25519()
        public = keys.ed25519_multikey(private.public_key())
    else:
        private = keys.new_p256()
        public = keys.p256_multikey(private.public_key())
    key = SigningKey.objects.create(
        organization=organization,
        key_type=key_type,
        public_multibase=public,
        sealed_private=keys.seal(private),
    )
    CredentialAudit.objects.create(
        organization=organization, actor=by, action=action, key=key, reason=reason
    )
    return key

"""An issuer's status lists (W3C Bitstring Status List v1.0): entries for new awards,
and the signed list credential that verifiers read."""

from __future__ import annotations

import json

from django.db import transaction
from django.utils import timezone

from ..formats import data_integrity, ob3, status_list
from ..models import KeyType, StatusList
from .signing import Signer


@transaction.atomic
def allocate(organization, count: int = 1) -> list[tuple[StatusList, int]]:
    """Status list entries for `count` new awards of an issuer; the list row lock, held
    to the end of the caller's transaction, orders concurrent awards."""
    entries = []
    while count:
        current = (
            StatusList.objects.select_for_update()
            .filter(organization=organization, allocated__lt=status_list.SIZE)
            .order_by("pk")
            .first()
        )
        if current is None:
            current = StatusList.objects.create(organization=organization, bits=status_list.empty())
            current = StatusList.objects.select_for_update().get(pk=current.pk)
        take = min(count, status_list.SIZE - current.allocated)
        entries += [
            (current, status_list.index_for(position))
            for position in range(current.allocated, current.allocated + take)
        ]
        StatusList.objects.filter(pk=current.pk).update(allocated=current.allocated + take)
        count -= take
    return entries


def status_list_credential(status: StatusList) -> str:
    """The signed BitstringStatusListCredential, signed again when its bits changed."""
    if status.credential_json:
        return status.credential_json
    return sign_status_list(status)


def sign_status_list(status: StatusList) -> str:
    url = ob3.absolute(status.get_absolute_url())
    document = {
        "@context": [ob3.documents.VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": ob3.identity.did(status.organization),
        "validFrom": ob3.timestamp(status.updated_at or timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": status.purpose,
            "encodedList": status_list.encode(bytes(status.bits)),
        },
    }
    signer = Signer(fast=False)
    _key, private, method = signer.key(status.organization, KeyType.ED25519)
    signed = data_integrity.sign(
        document, private, verification_method=method, created=signer.created
    )
    text = json.dumps(signed, separators=(",", ":"))
    StatusList.objects.filter(pk=status.pk).update(credential_json=text)
    status.credential_json = text
    return text

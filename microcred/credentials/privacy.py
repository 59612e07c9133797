"""What an earner shows of an award: the badge page, and their evidence.

Evidence is part of the signed credential (OB 3.0 `evidence`), so showing or hiding it
is not a display setting: the credential is signed again, with or without it, under the
same id and status entry, and from then on the badge page, its downloads and new learner
records give out the new one. Copies given out before stay valid, since both are signed
and neither is revoked; hiding evidence cannot take back a file someone already has.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from microcred import permissions

from . import services
from .models import Award
from .signing import Signer


@transaction.atomic
def set_privacy(award: Award, *, by, is_public: bool, include_evidence: bool) -> Award:
    if not permissions.can_change_privacy(by, award):
        raise PermissionDenied
    # Locked first, on its own: PostgreSQL refuses FOR UPDATE across the nullable joins
    # that signing reads with.
    Award.objects.select_for_update().filter(pk=award.pk).values_list("pk").get()
    current = services._awards_for_signing().get(pk=award.pk)
    fields = {"is_public": bool(is_public)}
    if current.include_evidence != include_evidence:
        fields["include_evidence"] = current.include_evidence = bool(include_evidence)
        if current.signed_at is not None and current.revoked_at is None:
            evidence = services._evidence_by_award([current]).get(current.pk)
            Signer(fast=False).sign(current, evidence=evidence if include_evidence else None)
            fields |= {
                "credential_json": current.credential_json,
                "credential_jwt": current.credential_jwt,
                "signed_at": timezone.now(),
            }
    Award.objects.filter(pk=award.pk).update(**fields)
    for name, value in fields.items():
        setattr(award, name, value)
    return award

"""The demo's shared credentials: every award signed, so that its badge page, share links
and downloads and the learner record are there at once; on the first demo earner's
backpack, one badge page private and one credential with its evidence shown."""

from __future__ import annotations

from django.utils.text import slugify

from microcred.credentials.issuing import batch_signing, services
from microcred.credentials.models import Award

from .content import digital_citizenship as dc

EARNER = "earner"
# (micro-credential, page public, evidence shown)
CHOICES = (
    (dc.FAIR_USE, False, False),
    (dc.EVALUATING_SOURCES, True, True),
)


def show(people: dict, *, new_people: set[str]) -> None:
    earner = people.get(EARNER)
    # Only for an earner made in this run: a second run keeps what the earner chose since.
    if earner is not None and EARNER in new_people:
        for micro_credential, public, evidence in CHOICES:
            award = Award.objects.filter(
                earner=earner, version__micro_credential__slug=slugify(micro_credential.title)
            ).first()
            if award is not None:
                services.set_privacy(award, by=earner, is_public=public, include_evidence=evidence)
    batch_signing.sign_pending()

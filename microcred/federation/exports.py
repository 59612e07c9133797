"""The published catalog as documents: CTDL graphs and Open Badges 3.0 Achievements.

The Achievements are the ones signed credentials carry (`credentials.formats.ob3`), so what a
catalog reader sees is what an earner's credential says.
"""

from __future__ import annotations

from django.urls import reverse

from microcred.credentials.formats import documents, ob3

from . import ctdl, selectors

OB3_CONTEXT = [documents.VC_V2, documents.OB_V3]


def ctdl_catalog() -> dict:
    return ctdl.graph(
        selectors.published_versions(),
        selectors.published_stacks(),
        the_id=ctdl.absolute(reverse("federation:ctdl_catalog")),
    )


def ctdl_issuer(issuer) -> dict:
    return ctdl.graph(
        selectors.published_versions(issuer=issuer),
        selectors.published_stacks(issuer=issuer),
        the_id=ctdl.organization_id(issuer),
    )


def ctdl_micro_credential(version) -> dict:
    return ctdl.graph([version], [], the_id=ctdl.credential_id(version))


def ctdl_stack(stack) -> dict:
    return ctdl.graph([], [stack], the_id=ctdl.stack_id(stack))


def ob3_micro_credential(version) -> dict:
    return {"@context": list(OB3_CONTEXT), **ob3.micro_credential_achievement(version)}


def ob3_stack(stack) -> dict:
    return {"@context": list(OB3_CONTEXT), **ob3.stack_achievement(stack)}


def ob3_catalog() -> list[dict]:
    return [ob3_micro_credential(v) for v in selectors.published_versions()] + [
        ob3_stack(s) for s in selectors.published_stacks()
    ]

"""Open Badges 2.0 hosted documents of awards, for backpacks that predate 3.0.

Each award is an `Assertion` with `verification: {"type": "hosted"}`
(https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html#Assertion):
its `id` is the stable URL it is served from, and a verifier trusts it because it is
hosted on the issuer's own origin. The `BadgeClass` and the `Issuer` profile are served
at their own URLs. Revocation shows in the assertion itself (`revoked`,
`revocationReason`) and in the issuer's `RevocationList`.

The documents are made on request from the award and its achievement, the same facts
the signed Open Badges 3.0 credential states; nothing is stored.
"""

from __future__ import annotations

import json

from django.urls import reverse

from ..models import Award, AwardKind
from . import ob3

CONTEXT = "https://w3id.org/openbadges/v2"
CONTENT_TYPE = "application/ld+json"

# The reason an issuer gives for revoking is for the earner (the badge page shows it only
# to them and the issuer's admins); the public documents say only that it was revoked.
PUBLIC_REVOCATION_REASON = "Revoked by the issuer."


def assertion_url(award: Award) -> str:
    return ob3.absolute(reverse("credentials:ob2_assertion", args=[award.public_id]))


def baked_image_url(award: Award, suffix: str = "png") -> str:
    name = "ob2_baked_png" if suffix == "png" else "ob2_baked_svg"
    return ob3.absolute(reverse(f"credentials:{name}", args=[award.public_id]))


def issuer_url(organization) -> str:
    return ob3.absolute(reverse("credentials:ob2_issuer", args=[organization.slug]))


def revocation_list_url(organization) -> str:
    return ob3.absolute(reverse("credentials:ob2_revocations", args=[organization.slug]))


def badge_class_url(award: Award) -> str:
    if award.kind == AwardKind.STACK:
        return ob3.absolute(reverse("credentials:ob2_stack_badge", args=[award.stack.slug]))
    version = award.version
    return ob3.absolute(
        reverse(
            "credentials:ob2_badge",
            args=[version.micro_credential.slug, version.number],
        )
    )


def badge_class_image_url(badge_class_id: str) -> str:
    # Served beside the BadgeClass, always as PNG: 2.0 allows only PNG and SVG images,
    # and an author may have uploaded a JPEG.
    return badge_class_id.rsplit("/", 1)[0] + "/image.png"


def issuer(organization) -> dict:
    """The issuer's `Profile` (typed `Issuer`), naming where its revocation list is."""
    profile = {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_url(organization),
        "name": organization.name,
        "url": organization.website or ob3.absolute(organization.get_absolute_url()),
        "revocationList": revocation_list_url(organization),
    }
    if organization.email:
        profile["email"] = organization.email
    if organization.description:
        profile["description"] = organization.description
    return profile


def badge_class(achievement: dict, *, the_id: str, organization) -> dict:
    """A `BadgeClass` from the Open Badges 3.0 Achievement of the same thing."""
    criteria = achievement.get("criteria") or {}
    document = {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": the_id,
        "name": achievement["name"],
        # 2.0 requires a description; a stack written without one is described by its name.
        "description": achievement.get("description") or achievement["name"],
        "image": badge_class_image_url(the_id),
        "criteria": {key: criteria[key] for key in ("id", "narrative") if criteria.get(key)},
        "issuer": issuer_url(organization),
    }
    alignments = [
        {
            key: value
            for key, value in (
                ("targetName", entry.get("targetName")),
                ("targetUrl", entry.get("targetUrl")),
                ("targetFramework", entry.get("targetFramework")),
                ("targetCode", entry.get("targetCode")),
            )
            if value
        }
        for entry in achievement.get("alignment", [])
    ]
    if alignments:
        document["alignment"] = alignments
    if achievement.get("tag"):
        document["tags"] = list(achievement["tag"])
    return document


def micro_credential_badge_class(version) -> dict:
    organization = version.micro_credential.issuer
    the_id = ob3.absolute(
        reverse("credentials:ob2_badge", args=[version.micro_credential.slug, version.number])
    )
    return badge_class(
        ob3.micro_credential_achievement(version), the_id=the_id, organization=organization
    )


def stack_badge_class(stack) -> dict:
    the_id = ob3.absolute(reverse("credentials:ob2_stack_badge", args=[stack.slug]))
    return badge_class(ob3.stack_achievement(stack), the_id=the_id, organization=stack.issuer)


def recipient(award: Award) -> dict:
    """The same salted SHA-256 of the earner's e-mail that the 3.0 credential carries,
    read from the credential as signed once it is: an earner who deleted their account
    has no address left to hash, and their assertion must keep matching their badge."""
    identifier = _signed_identifier(award) or ob3.identifier(award)[0]
    return {
        "type": "email",
        "hashed": True,
        "salt": identifier["salt"],
        "identity": identifier["identityHash"],
    }


def _signed_identifier(award: Award) -> dict | None:
    if not award.credential_json:
        return None
    subject = json.loads(award.credential_json).get("credentialSubject") or {}
    found = subject.get("identifier") or []
    return found[0] if found and isinstance(found[0], dict) else None


def evidence(entries: list[dict]) -> list[dict]:
    """Open Badges 3.0 Evidence entries, as 2.0 `Evidence` objects."""
    found = []
    for entry in entries:
        item = {"type": "Evidence"}
        for key in ("id", "narrative", "name", "description"):
            if entry.get(key):
                item[key] = entry[key]
        found.append(item)
    return found


def assertion(award: Award, *, evidence_entries: list[dict] | None = None) -> dict:
    """The hosted `Assertion` of an award, as its URL serves it now."""
    document = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_url(award),
        "recipient": recipient(award),
        "badge": badge_class_url(award),
        "issuedOn": ob3.timestamp(award.awarded_at),
        "verification": {"type": "hosted"},
        "image": baked_image_url(award),
    }
    if evidence_entries:
        document["evidence"] = evidence(evidence_entries)
    if award.is_revoked:
        document["revoked"] = True
        document["revocationReason"] = PUBLIC_REVOCATION_REASON
    return document


def revocation_list(organization, revoked_public_ids) -> dict:
    """The issuer's `RevocationList`: every assertion it ever revoked."""
    revoked = [
        {
            "id": ob3.absolute(reverse("credentials:ob2_assertion", args=[public_id])),
            "revocationReason": PUBLIC_REVOCATION_REASON,
        }
        for public_id in revoked_public_ids
    ]
    return {
        "@context": CONTEXT,
        "type": "RevocationList",
        "id": revocation_list_url(organization),
        "issuer": issuer_url(organization),
        "revokedAssertions": revoked,
    }


def hosted_assertion(award: Award) -> dict:
    """The assertion with the earner's evidence when, and only when, they allow it."""
    from ..issuing.batch_signing import evidence_of

    return assertion(award, evidence_entries=evidence_of(award) if award.include_evidence else None)

"""Open Badges 3.0 credentials of awards: the unsigned OpenBadgeCredential.

Property names follow the OB 3.0 data model (https://www.imsglobal.org/spec/ob/v3p0/,
§B "Data Models"): an AchievementCredential whose AchievementSubject holds the Achievement
(criteria from the rubric, image, alignments, credit) and one Result per rubric criterion.
Plain-JSON serialization rules apply (§"Serialization"): sets are arrays, no nulls, no
empty arrays, the issuer Profile embedded.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from microcred.catalog.models import MicroCredentialVersion, Stack

from ..issuing import identity
from ..models import Award, AwardKind
from . import documents

CONTEXT = [documents.VC_V2, documents.OB_V3, documents.OB_EXTENSIONS]
TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
SCHEMA = [{"id": documents.OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}]


def absolute(path: str) -> str:
    return settings.BASE_URL + path


def timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC to the second, the form `validFrom` and `created` are given in."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def credential_id(award: Award) -> str:
    return absolute(reverse("credentials:badge", args=[award.public_id]))


def issuer_profile(organization) -> dict:
    profile = {
        "id": identity.did(organization),
        "type": ["Profile"],
        "name": organization.name,
        "url": organization.website or absolute(organization.get_absolute_url()),
    }
    if organization.email:
        profile["email"] = organization.email
    if organization.description:
        profile["description"] = organization.description
    return profile


def achievement_id(version: MicroCredentialVersion) -> str:
    return absolute(
        reverse(
            "credentials:achievement",
            args=[version.micro_credential.slug, version.number],
        )
    )


def _image(field, caption: str) -> dict | None:
    if not field:
        return None
    return {"id": absolute(field.url), "type": "Image", "caption": caption}


def _credit_sentence(version: MicroCredentialVersion) -> str:
    if version.credit_amount is None or not version.credit_unit:
        return ""
    sentence = _("Earns %(amount)s %(unit)s") % {
        "amount": f"{version.credit_amount.normalize():f}",
        "unit": version.credit_unit,
    }
    if version.credit_authority:
        sentence += _(", approved by %(authority)s") % {"authority": version.credit_authority}
    return sentence + "."


def micro_credential_achievement(version: MicroCredentialVersion) -> dict:
    """The Achievement of one published version, the same in every award of it."""
    the_id = achievement_id(version)
    requirements = list(version.requirements.all())
    narrative = [version.competency.strip(), ""]
    result_descriptions = []
    for requirement in requirements:
        narrative.append(f"## {requirement.title}")
        narrative.append(requirement.instructions.strip())
        for criterion in requirement.criteria.all():
            narrative.append(f"- **{criterion.name}** — {criterion.met_description.strip()}")
            result_descriptions.append(
                {
                    "id": f"{the_id}#criterion-{criterion.pk}",
                    "type": ["ResultDescription"],
                    "name": criterion.name,
                    "resultType": "RubricCriterionLevel",
                    "requiredLevel": f"{the_id}#criterion-{criterion.pk}-met",
                    "rubricCriterionLevel": [
                        {
                            "id": f"{the_id}#criterion-{criterion.pk}-met",
                            "type": ["RubricCriterionLevel"],
                            "name": "Met",
                            "description": criterion.met_description.strip(),
                        }
                    ],
                }
            )
        narrative.append("")
    if credit := _credit_sentence(version):
        narrative.append(credit)
    achievement = {
        "id": the_id,
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": version.title,
        "description": version.competency.strip(),
        "criteria": {
            "id": absolute(version.micro_credential.get_absolute_url()),
            "narrative": "\n".join(narrative).strip(),
        },
        "creator": issuer_profile(version.micro_credential.issuer),
        "version": str(version.number),
        "inLanguage": "en",
    }
    if image := _image(version.image, version.title):
        achievement["image"] = image
    alignments = [_alignment(a, the_id) for a in version.alignments.all()]
    if alignments:
        achievement["alignment"] = alignments
    if version.credit_amount is not None:
        achievement["creditsAvailable"] = float(version.credit_amount)
    if result_descriptions:
        achievement["resultDescription"] = result_descriptions
    tags = [topic.name for topic in version.topics.all()]
    if tags:
        achievement["tag"] = tags
    return achievement


def _alignment(alignment, fallback_url: str) -> dict:
    entry = {
        "type": ["Alignment"],
        "targetName": alignment.name,
        # targetUrl is required (OB 3.0 Alignment); without a link of its own an alignment
        # points at the achievement that claims it.
        "targetUrl": alignment.url or fallback_url,
        "targetFramework": alignment.framework,
    }
    if alignment.case_identifier:
        # Picked from an imported CASE framework: the target is that CFItem, named by its
        # CASE identifier (OB 3.0 Alignment targetType "CFItem"; targetUrl is its URI).
        entry["targetType"] = "CFItem"
        entry["targetCode"] = alignment.case_identifier
    elif alignment.code:
        entry["targetCode"] = alignment.code
    return entry


def stack_achievement(stack: Stack) -> dict:
    the_id = absolute(stack.get_absolute_url())
    parts = [
        str(item.micro_credential)
        for item in stack.items.select_related("micro_credential__current_version")
    ]
    narrative = [
        _("Earn every micro-credential of this stack:"),
        *[f"- {title}" for title in parts],
    ]
    if stack.endorsement:
        narrative += ["", _("Leads to: %(endorsement)s") % {"endorsement": stack.endorsement}]
    achievement = {
        "id": the_id,
        "type": ["Achievement"],
        "achievementType": "ext:MicroCredentialStack",
        "name": stack.title,
        "description": stack.description.strip(),
        "criteria": {"id": the_id, "narrative": "\n".join(narrative)},
        "creator": issuer_profile(stack.issuer),
        "inLanguage": "en",
    }
    if image := _image(stack.image, stack.title):
        achievement["image"] = image
    alignments = [_alignment(a, the_id) for a in stack.alignments.all()]
    if alignments:
        achievement["alignment"] = alignments
    return achievement


def identifier(award: Award) -> list[dict]:
    """The earner named by a salted hash of their e-mail (OB 3.0 IdentityObject)."""
    salt = award.public_id.hex
    digest = hashlib.sha256((award.earner.email.lower() + salt).encode()).hexdigest()
    return [
        {
            "type": "IdentityObject",
            "hashed": True,
            "identityHash": f"sha256${digest}",
            "identityType": "emailAddress",
            "salt": salt,
        }
    ]


def credential(
    award: Award,
    *,
    achievement: dict,
    the_id: str | None = None,
    issuer: dict | None = None,
    results: list[dict] | None = None,
    evidence: list[dict] | None = None,
    status_list_url: str | None = None,
) -> dict:
    """The unsigned OpenBadgeCredential of an award."""
    the_id = the_id or credential_id(award)
    subject = {
        "type": ["AchievementSubject"],
        "identifier": identifier(award),
        "achievement": achievement,
    }
    if results:
        subject["result"] = results
    if award.kind == AwardKind.MICRO_CREDENTIAL and award.version.credit_amount is not None:
        subject["creditsEarned"] = float(award.version.credit_amount)
    awarded = timestamp(award.awarded_at)
    document = {
        "@context": list(CONTEXT),
        "id": the_id,
        "type": list(TYPES),
        "issuer": issuer or issuer_profile(award.issuer),
        "validFrom": awarded,
        "awardedDate": awarded,
        "name": achievement["name"],
        "credentialSubject": subject,
        "credentialSchema": [dict(entry) for entry in SCHEMA],
    }
    if "image" in achievement:
        document["image"] = dict(achievement["image"])
    if evidence:
        document["evidence"] = evidence
    if status_list_url is not None and award.status_index is not None:
        document["credentialStatus"] = {
            "id": f"{status_list_url}#{award.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(award.status_index),
            "statusListCredential": status_list_url,
        }
    return document


def results_met(achievement: dict) -> list[dict]:
    """Every rubric criterion at its Met level: what a Met decision means."""
    return [
        {
            "type": ["Result"],
            "resultDescription": description["id"],
            "achievedLevel": description["requiredLevel"],
            "value": "Met",
        }
        for description in achievement.get("resultDescription", [])
    ]

"""The published catalog in CTDL, Credential Engine's Credential Transparency Description
Language (terms: https://credreg.net/ctdl/terms, competencies:
https://credreg.net/ctdlasn/terms).

Each document is a JSON-LD graph in the form the Credential Registry publishes: the
micro-credential (`ceterms:MicroCredential`) or stack (`ceterms:OpenBadge`), its issuer
(`ceterms:CredentialOrganization`) and its competency (`ceasn:Competency`, with the
issuer's `ceasn:CompetencyFramework`). CTDL-ASN's text properties are
language maps (`{"en": …}`), CTDL's plain strings, as the registry's schemas have them.
Every node validates against the registry's JSON
schemas shipped in `data/` (see `data/SOURCES.md`); `tests/test_ctdl.py` checks that.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from microcred.accounts.models import Organization
from microcred.catalog.models import MicroCredentialVersion, Stack

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
# Credential Engine's concept schemes, named by their CURIEs as the registry writes them.
STATUS_ACTIVE = "credentialStat:Active"
AGENT_TYPE = "orgType:CertificationBody"
AGENT_SECTOR = "agentSector:PrivateNonProfit"
AGGREGATE_COST = "costType:AggregateCost"


def absolute(path: str) -> str:
    return settings.BASE_URL + path


def ctid(address: str) -> str:
    """A CTID (`ce-` and a UUID) that stays the same for the same public address, so a
    re-export or re-publish updates the registry's record rather than adding one."""
    return f"ce-{uuid.uuid5(uuid.NAMESPACE_URL, address)}"


def _concept(framework_name: str, target: str, name: str) -> dict:
    return {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:frameworkName": framework_name,
        "ceterms:targetNode": target,
        "ceterms:targetNodeName": name,
    }


def organization_id(organization: Organization) -> str:
    return absolute(reverse("federation:ctdl_issuer", args=[organization.slug]))


def organization(issuer: Organization) -> dict:
    page = absolute(issuer.get_absolute_url())
    node = {
        "@type": "ceterms:CredentialOrganization",
        "@id": organization_id(issuer),
        "ceterms:ctid": ctid(page),
        "ceterms:name": issuer.name,
        "ceterms:description": issuer.description or issuer.name,
        "ceterms:subjectWebpage": issuer.website or page,
        "ceterms:agentType": [_concept("Organization Type", AGENT_TYPE, "Certification Body")],
        "ceterms:agentSectorType": [
            _concept("Agent Sector", AGENT_SECTOR, "Private Not-For-Profit")
        ],
    }
    if issuer.email:
        node["ceterms:email"] = [issuer.email]
    return node


def competency_framework_id(issuer: Organization) -> str:
    return organization_id(issuer) + "#competencies"


def competency_framework(issuer: Organization, competencies: list[dict]) -> dict:
    """The issuer's micro-credential competencies, gathered as one framework."""
    the_id = competency_framework_id(issuer)
    return {
        "@type": "ceasn:CompetencyFramework",
        "@id": the_id,
        "ceterms:ctid": ctid(the_id),
        "ceasn:name": {"en": f"{issuer.name}: micro-credential competencies"},
        "ceasn:description": {"en": issuer.description or issuer.name},
        "ceasn:inLanguage": ["en"],
        "ceasn:publisher": [organization_id(issuer)],
        "ceasn:hasTopChild": [c["@id"] for c in competencies],
    }


def credential_id(version: MicroCredentialVersion) -> str:
    return absolute(
        reverse("federation:ctdl_micro_credential", args=[version.micro_credential.slug])
    )


def stack_id(stack: Stack) -> str:
    return absolute(reverse("federation:ctdl_stack", args=[stack.slug]))


def competency(version: MicroCredentialVersion) -> dict:
    the_id = credential_id(version) + "#competency"
    issuer = version.micro_credential.issuer
    node = {
        "@type": "ceasn:Competency",
        "@id": the_id,
        "ceterms:ctid": ctid(the_id),
        "ceasn:competencyText": {"en": version.competency.strip()},
        "ceasn:competencyLabel": {"en": version.title},
        "ceasn:inLanguage": ["en"],
        "ceasn:isPartOf": [competency_framework_id(issuer)],
        "ceasn:isTopChildOf": [competency_framework_id(issuer)],
    }
    standards = [a.url for a in version.alignments.all() if a.url]
    if standards:
        node["ceasn:exactAlignment"] = standards
    return node


def _alignment(alignment) -> dict:
    """A standard as a CredentialAlignmentObject; one picked from a CASE framework names
    its CFItem's URI as the target node and its identifier."""
    entry = {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:frameworkName": alignment.framework,
        "ceterms:targetNodeName": alignment.name,
    }
    if alignment.url:
        entry["ceterms:targetNode"] = alignment.url
    if alignment.code:
        entry["ceterms:codedNotation"] = alignment.code
    if alignment.case_identifier:
        entry["ceterms:targetNodeDescription"] = f"CASE CFItem {alignment.case_identifier}"
    return entry


def _duration(hours: Decimal) -> str:
    """Hours as an ISO 8601 duration (PT7H30M), the form `ceterms:exactDuration` takes."""
    minutes = round(hours * 60)
    whole, rest = divmod(int(minutes), 60)
    return f"PT{whole}H{rest}M" if rest else f"PT{whole}H"


def micro_credential(version: MicroCredentialVersion) -> dict:
    mc = version.micro_credential
    page = absolute(mc.get_absolute_url())
    the_id = credential_id(version)
    issuer = organization_id(mc.issuer)
    node = {
        "@type": "ceterms:MicroCredential",
        "@id": the_id,
        "ceterms:ctid": ctid(page),
        "ceterms:name": version.title,
        "ceterms:description": (version.summary or version.competency).strip(),
        "ceterms:subjectWebpage": page,
        "ceterms:availableOnlineAt": [page],
        "ceterms:credentialStatusType": _concept("Credential Status", STATUS_ACTIVE, "Active"),
        "ceterms:ownedBy": [issuer],
        "ceterms:offeredBy": [issuer],
        "ceterms:inLanguage": ["en"],
        "ceterms:versionIdentifier": [
            {
                "@type": "ceterms:IdentifierValue",
                "ceterms:name": "version",
                "ceterms:identifierValueCode": str(version.number),
            }
        ],
        # What an earner must show, and how it is judged: the key method and its
        # components, assessed against the rubric by trained assessors.
        "ceterms:requires": [
            {
                "@type": "ceterms:ConditionProfile",
                "ceterms:name": "Evidence judged against the rubric",
                "ceterms:description": "\n\n".join(
                    part.strip()
                    for part in (version.key_method, version.method_components)
                    if part.strip()
                )
                or version.competency.strip(),
                "ceterms:submissionOf": [r.title for r in version.requirements.all()],
                "ceterms:targetCompetency": [
                    {
                        "@type": "ceterms:CredentialAlignmentObject",
                        "ceterms:targetNode": credential_id(version) + "#competency",
                        "ceterms:targetNodeName": version.title,
                        "ceterms:targetNodeDescription": version.competency.strip(),
                        "ceterms:framework": competency_framework_id(mc.issuer),
                    },
                    *[_alignment(a) for a in version.alignments.all()],
                ],
            }
        ],
    }
    if version.fee is not None:
        node["ceterms:estimatedCost"] = [
            {
                "@type": "ceterms:CostProfile",
                "ceterms:costDetails": page,
                "ceterms:description": "The assessment fee, due when evidence is submitted.",
                "ceterms:currency": version.currency,
                "ceterms:price": float(version.fee),
                "ceterms:directCostType": [_concept("Cost Type", AGGREGATE_COST, "Aggregate Cost")],
            }
        ]
    if version.estimated_hours:
        node["ceterms:estimatedDuration"] = [
            {
                "@type": "ceterms:DurationProfile",
                "ceterms:description": "Time to gather and submit the evidence.",
                "ceterms:exactDuration": _duration(version.estimated_hours),
            }
        ]
    if version.image:
        node["ceterms:image"] = absolute(version.image.url)
    keywords = [topic.name for topic in version.topics.all()]
    if keywords:
        node["ceterms:keyword"] = keywords
    stacks = [s for s in mc.stacks.all() if s.is_published]
    if stacks:
        node["ceterms:isPartOf"] = [stack_id(s) for s in stacks]
    return node


def open_badge(stack: Stack) -> dict:
    page = absolute(stack.get_absolute_url())
    issuer = organization_id(stack.issuer)
    node = {
        "@type": "ceterms:OpenBadge",
        "@id": stack_id(stack),
        "ceterms:ctid": ctid(page),
        "ceterms:name": stack.title,
        "ceterms:description": stack.description.strip(),
        "ceterms:subjectWebpage": page,
        "ceterms:credentialStatusType": _concept("Credential Status", STATUS_ACTIVE, "Active"),
        "ceterms:ownedBy": [issuer],
        "ceterms:offeredBy": [issuer],
        "ceterms:inLanguage": ["en"],
    }
    parts = [
        item.micro_credential
        for item in stack.items.all()
        if item.micro_credential.current_version_id is not None
    ]
    if parts:
        node["ceterms:hasPart"] = [
            absolute(reverse("federation:ctdl_micro_credential", args=[mc.slug])) for mc in parts
        ]
        node["ceterms:requires"] = [
            {
                "@type": "ceterms:ConditionProfile",
                "ceterms:description": "Earn every micro-credential of the stack.",
                "ceterms:targetCredential": node["ceterms:hasPart"],
                "ceterms:targetCompetency": [_alignment(a) for a in stack.alignments.all()],
            }
        ]
        if not node["ceterms:requires"][0]["ceterms:targetCompetency"]:
            del node["ceterms:requires"][0]["ceterms:targetCompetency"]
    if stack.image:
        node["ceterms:image"] = absolute(stack.image.url)
    return node


def graph(versions, stacks, *, the_id: str) -> dict:
    """One JSON-LD document of credentials with their issuers and competencies."""
    issuers: dict[int, Organization] = {}
    competencies: dict[int, list[dict]] = {}
    credentials = []
    for version in versions:
        issuer = version.micro_credential.issuer
        issuers[issuer.pk] = issuer
        competencies.setdefault(issuer.pk, []).append(competency(version))
        credentials.append(micro_credential(version))
    for stack in stacks:
        issuers[stack.issuer.pk] = stack.issuer
        credentials.append(open_badge(stack))
    nodes = [organization(issuer) for issuer in issuers.values()]
    for pk, items in competencies.items():
        nodes.append(competency_framework(issuers[pk], items))
        nodes.extend(items)
    return {"@context": CONTEXT, "@id": the_id, "@graph": credentials + nodes}

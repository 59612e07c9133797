"""The structure the W3C Verifiable Credentials Data Model requires of a credential or a
presentation, checked before anything is canonicalized or signed.

JSON-LD processing catches undefined terms and redefined protected terms; it does not
catch a `credentialStatus` without a `type`, an `id` that is not a URL, an empty subject
or a date that is not a date, all of which VCDM 2.0 forbids (https://www.w3.org/TR/
vc-data-model-2.0/, §4 and §5). Each check raises `Refused` with a message naming the
property, so the VC API answers 400 with it and nothing malformed is ever signed.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime

from django.utils.translation import gettext as _
from pyld import jsonld

from ..issuing import keys
from . import documents


class Refused(ValueError):
    """A credential or presentation the data model does not allow; the message says where."""


# "URL" in the data model's sense (§4.4): an absolute IRI, a scheme and no whitespace.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")
# XML Schema 1.1 dateTimeStamp: a dateTime whose time zone is required (§4.9).
_DATE_TIME_STAMP = re.compile(
    r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)
# VC 1.1's issuanceDate and expirationDate are xsd:dateTime, whose time zone is optional.
_DATE_TIME = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")

# Deeper than this, a document is refused before it is read any further: every JSON-LD
# step recurses once or more per level, and no credential format nests a tenth as deep.
MAX_DEPTH = 64

# Properties whose objects must each say their `type` (§4.5, §4.10, §4.11, §5.4–§5.6).
TYPED = ("credentialStatus", "credentialSchema", "refreshService", "termsOfUse", "evidence")

# The published bytes of resources whose digest a credential may declare in
# `relatedResource` (§5.3), as {url: [{algorithm: hex digest}]}, one entry per published
# revision. Nothing is fetched to check a digest; a resource not listed here is taken as
# declared. The first revision of the base context is the one whose SHA-256 the data
# model names (§"Base Context": "24a18c90…"; w3c/vc-data-model commit 8d0ee107); the
# second is the one served since 2025-02-24 (commit 08b83e46), shipped in `contexts/`.
PUBLISHED_DIGESTS: dict[str, list[dict[str, str]]] = {
    documents.VC_V2: [
        {
            "sha256": "24a18c90e9856d526111f29376e302d970b2bd10182e33959995b0207d7043b9",
            "sha384": (
                "35239c36999d2155312091af194a1edb61634d6ad789a5e5"
                "b19f2aebdd762dd9d1dcaada40eda7ef921c6b8c0ae107a0"
            ),
            "sha512": (
                "cb1336dfa8670d80d03344b3b0cc25faf4d45201823c35f39bb1afe5a9f911f6"
                "15ff4ec80ec5f2f89e33d14e96bec8be78e38df35b918c9cd5f3b3449bd6c88f"
            ),
        },
        {
            "sha256": "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
            "sha384": (
                "97f1eb8e5042356c805fdd61afa2c557663785e0794dcafa"
                "21e138fd38def18cb360133c221aa31d6896a6bf3e65b614"
            ),
            "sha512": (
                "5d55452bd2dcf8a29f5a290473eb242b1c5fb77d4e68f1a0aa87baa4dba26948"
                "52d65ec63d48ac04a99d956f9f7153b9406f84d2d04c74869b02c239a1d81305"
            ),
        },
    ],
}
# Multihash codes (https://github.com/multiformats/multicodec) and raw digest lengths.
_MULTIHASH = {0x12: "sha256", 0x20: "sha384", 0x13: "sha512"}
_BY_LENGTH = {32: "sha256", 48: "sha384", 64: "sha512"}


# -- Pieces ------------------------------------------------------------------------------


def is_url(value) -> bool:
    return isinstance(value, str) and bool(_URL.match(value))


def too_deep(value, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON nests deeper than `limit` objects and arrays (without recursing)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _types(value) -> list:
    return value if isinstance(value, list) else [value]


def _check_contexts(document: dict, what: str, *, first: tuple[str, ...]) -> str:
    contexts = document.get("@context")
    if contexts is None:
        raise Refused(_("The %(what)s has no @context.") % {"what": what})
    if not isinstance(contexts, list) or not contexts:
        raise Refused(_("The %(what)s's @context must be a list.") % {"what": what})
    if contexts[0] not in first:
        raise Refused(
            _("The %(what)s's first @context must be %(url)s.") % {"what": what, "url": first[0]}
        )
    for item in contexts[1:]:
        if isinstance(item, dict):
            continue
        if not is_url(item):
            raise Refused(
                _("An item of the %(what)s's @context is neither a URL nor an object: %(item)s")
                % {"what": what, "item": repr(item)[:80]}
            )
        if not documents.is_shipped(item):
            raise Refused(
                _(
                    "The JSON-LD context %(url)s is not one this platform knows; "
                    "it is never fetched."
                )
                % {"url": item}
            )
    return contexts[0]


def _check_type(value, what: str, required: str | None = None) -> None:
    if value is None:
        raise Refused(_("%(what)s has no type.") % {"what": what})
    types = _types(value)
    if not types or not all(isinstance(t, str) and t for t in types):
        raise Refused(_("The type of %(what)s must be one or more strings.") % {"what": what})
    if required and required not in types:
        raise Refused(
            _("The type of %(what)s must include %(type)s.") % {"what": what, "type": required}
        )


def _check_id(item: dict, what: str) -> None:
    if "id" in item and not is_url(item["id"]):
        raise Refused(_("The id of %(what)s must be a single URL.") % {"what": what})


def _check_language_values(value, what: str) -> None:
    # §11.1: a string, a language value object, or a list of them.
    for entry in _as_list(value):
        if isinstance(entry, str):
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("@value"), str):
            raise Refused(
                _("%(what)s must be a string or a language value object.") % {"what": what}
            )
        extra = set(entry) - {"@value", "@language", "@direction"}
        if extra:
            raise Refused(
                _(
                    "The language value of %(what)s has other keys than @value, @language and "
                    "@direction: %(keys)s"
                )
                % {"what": what, "keys": ", ".join(sorted(extra))}
            )
        if "@language" in entry and not isinstance(entry["@language"], str):
            raise Refused(_("The @language of %(what)s must be a string.") % {"what": what})
        if "@direction" in entry and entry["@direction"] not in ("ltr", "rtl"):
            raise Refused(_("The @direction of %(what)s must be ltr or rtl.") % {"what": what})


def _names(item: dict, where: str) -> None:
    for name in ("name", "description"):
        if name in item:
            _check_language_values(item[name], f"{where}{name}")


def _moment(document: dict, name: str, pattern: re.Pattern) -> datetime | None:
    if name not in document:
        return None
    value = document[name]
    if not isinstance(value, str) or not pattern.match(value):
        raise Refused(
            _(
                "%(name)s must be an XML Schema date and time with a time zone, such as "
                "2025-01-31T09:00:00Z."
            )
            % {"name": name}
        )
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise Refused(_("%(name)s is not a real date and time.") % {"name": name}) from exc
    return moment if moment.tzinfo is not None else None


def _check_typed(document: dict) -> None:
    for name in TYPED:
        if name not in document:
            continue
        for entry in _as_list(document[name]):
            if not isinstance(entry, dict):
                raise Refused(
                    _("%(name)s must be an object or a list of objects.") % {"name": name}
                )
            _check_id(entry, name)
            _check_type(entry.get("type"), name)
            if name == "credentialSchema" and "id" not in entry:
                raise Refused(_("credentialSchema must have an id, the schema's URL."))


# -- relatedResource (§5.3) ----------------------------------------------------------------


def _sri_digests(value) -> list[tuple[str, bytes]]:
    """digestSRI: one or more `sha256-`, `sha384-` or `sha512-` base64 digests."""
    found = []
    for expression in str(value).split():
        algorithm, _dash, encoded = expression.partition("-")
        if algorithm not in ("sha256", "sha384", "sha512") or not encoded:
            raise Refused(
                _("relatedResource digestSRI %(value)s is not an SRI digest.")
                % {"value": expression}
            )
        # Subresource Integrity reads the base64 of CSP, which allows the URL-safe alphabet.
        try:
            standard = encoded.rstrip("=").replace("-", "+").replace("_", "/")
            raw = base64.b64decode(standard + "=" * (-len(standard) % 4), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise Refused(
                _("relatedResource digestSRI %(value)s is not base64.") % {"value": expression}
            ) from exc
        if len(raw) * 8 != int(algorithm[3:]):
            raise Refused(
                _("relatedResource digestSRI %(value)s has the wrong length.")
                % {"value": expression}
            )
        found.append((algorithm, raw))
    return found


def _multibase_digest(value) -> tuple[str, bytes]:
    """digestMultibase: a multibase (base64url `u` or base58btc `z`) digest, as a bare
    digest or a multihash."""
    try:
        if isinstance(value, str) and value.startswith("u"):
            raw = base64.urlsafe_b64decode(value[1:] + "=" * (-len(value[1:]) % 4))
        elif isinstance(value, str) and value.startswith("z"):
            raw = keys.multibase_decode(value)
        else:
            raise ValueError(value)
    except (ValueError, binascii.Error, keys.KeyFormatError) as exc:
        raise Refused(
            _("relatedResource digestMultibase %(value)s is not a multibase digest.")
            % {"value": str(value)[:80]}
        ) from exc
    if len(raw) >= 2 and raw[0] in _MULTIHASH and raw[1] == len(raw) - 2:
        return _MULTIHASH[raw[0]], raw[2:]
    if len(raw) in _BY_LENGTH:
        return _BY_LENGTH[len(raw)], raw
    raise Refused(
        _("relatedResource digestMultibase %(value)s is not a SHA-2 digest.")
        % {"value": str(value)[:80]}
    )


def _check_related(value) -> None:
    seen = set()
    for entry in _as_list(value):
        if not isinstance(entry, dict):
            raise Refused(_("Each relatedResource must be an object with an id and a digest."))
        if not is_url(entry.get("id")):
            raise Refused(_("Each relatedResource must have an id that is a URL."))
        if entry["id"] in seen:
            raise Refused(
                _("relatedResource names %(id)s twice; each id must be unique.")
                % {"id": entry["id"]}
            )
        seen.add(entry["id"])
        if "digestSRI" not in entry and "digestMultibase" not in entry:
            raise Refused(
                _("relatedResource %(id)s has neither digestSRI nor digestMultibase.")
                % {"id": entry["id"]}
            )
        digests = []
        for sri in _as_list(entry.get("digestSRI", [])):
            digests += _sri_digests(sri)
        for multibase in _as_list(entry.get("digestMultibase", [])):
            digests.append(_multibase_digest(multibase))
        _match_published(entry["id"], digests)


def _match_published(url: str, digests: list[tuple[str, bytes]]) -> None:
    revisions = PUBLISHED_DIGESTS.get(url)
    if not revisions:
        return
    for algorithm, raw in digests:
        if not any(revision.get(algorithm) == raw.hex() for revision in revisions):
            raise Refused(
                _(
                    "The %(algorithm)s digest declared for relatedResource %(id)s does not match "
                    "the resource as published."
                )
                % {"algorithm": algorithm, "id": url}
            )


# -- Credentials and presentations ---------------------------------------------------------


def check_credential(document: dict, *, versions: tuple[str, ...] = (documents.VC_V2,)) -> str:
    """Raise Refused unless `document` has the structure of a credential of the data model
    named by one of `versions` (its first @context); return that context."""
    if too_deep(document):
        raise Refused(_("The credential nests deeper than %(n)d levels.") % {"n": MAX_DEPTH})
    version = _check_contexts(document, _("credential"), first=versions)
    _check_type(document.get("type"), _("the credential"), "VerifiableCredential")
    _check_id(document, _("the credential"))
    if "issuer" in document:
        issuer = document["issuer"]
        if not is_url(issuer.get("id") if isinstance(issuer, dict) else issuer):
            raise Refused(_("The issuer must be a URL or an object whose id is a URL."))
        if isinstance(issuer, dict):
            _names(issuer, "issuer.")
    if "credentialSubject" not in document:
        raise Refused(_("The credential has no credentialSubject."))
    subjects = _as_list(document["credentialSubject"])
    if not subjects:
        raise Refused(_("The credentialSubject is empty."))
    for subject in subjects:
        if not isinstance(subject, dict) or not subject:
            raise Refused(_("Each credentialSubject must be an object making at least one claim."))
        _check_id(subject, "credentialSubject")
    _names(document, "")
    if version == documents.VC_V2:
        starts = _moment(document, "validFrom", _DATE_TIME_STAMP)
        ends = _moment(document, "validUntil", _DATE_TIME_STAMP)
    else:
        starts = _moment(document, "issuanceDate", _DATE_TIME)
        ends = _moment(document, "expirationDate", _DATE_TIME)
    if starts and ends and ends < starts:
        raise Refused(_("The credential's validity ends before it starts."))
    _check_typed(document)
    if "relatedResource" in document:
        _check_related(document["relatedResource"])
    return version


def check_references(canonical_text: str) -> None:
    """Raise Refused when the canonical N-Quads hold a reference that was neither a term
    of the contexts nor a URL: a type like `InvalidType` that no context defines.

    pyld resolves such a reference against its placeholder base IRI, where JSON-LD
    processors without a base leave it relative and drop it (and in "safe mode" refuse
    the document); signing it would give a proof no other implementation reproduces.
    """
    found = re.search("<" + re.escape(jsonld.DEFAULT_BASE_IRI) + r"([^>]*)>", canonical_text)
    if found:
        raise Refused(
            _("%(name)s is neither defined by the credential's contexts nor a URL.")
            % {"name": repr(found.group(1))}
        )


ENVELOPED = "EnvelopedVerifiableCredential"


def check_presentation(document: dict) -> str:
    """Raise Refused unless `document` has the structure of a verifiable presentation;
    return its first @context."""
    if too_deep(document):
        raise Refused(_("The presentation nests deeper than %(n)d levels.") % {"n": MAX_DEPTH})
    version = _check_contexts(document, _("presentation"), first=(documents.VC_V2, documents.VC_V1))
    _check_type(document.get("type"), _("the presentation"), "VerifiablePresentation")
    _check_id(document, _("the presentation"))
    if "holder" in document:
        holder = document["holder"]
        if not is_url(holder.get("id") if isinstance(holder, dict) else holder):
            raise Refused(_("The holder must be a URL or an object whose id is a URL."))
    for entry in _as_list(document.get("verifiableCredential", [])):
        # VCDM 2.0 §4.13: objects only; a JWT travels as an EnvelopedVerifiableCredential.
        # A VC 1.1 presentation may still hold a JWT as a string.
        if isinstance(entry, str) and version == documents.VC_V1:
            continue
        if not isinstance(entry, dict):
            raise Refused(
                _(
                    "Each verifiableCredential of the presentation must be an object; a JWT is "
                    "given as an EnvelopedVerifiableCredential."
                )
            )
        if ENVELOPED in _types(entry.get("type")) and not (
            isinstance(entry.get("id"), str) and entry["id"].startswith("data:")
        ):
            raise Refused(_("An EnvelopedVerifiableCredential's id must be a data: URL."))
    return version


def enveloped_token(entry: dict) -> str | None:
    """The JWT inside an EnvelopedVerifiableCredential (`data:application/vc+jwt,<jwt>`),
    or None when it holds anything else."""
    media, _comma, token = entry.get("id", "").partition(",")
    if media.split(";")[0] not in ("data:application/vc+jwt", "data:application/vc-ld+jwt"):
        return None
    return token.strip() or None

"""Verifying credentials: ours and other issuers', as JSON with Data Integrity proofs or as
VC-JWT, Open Badges 3.0 on VC Data Model 2.0 or 1.1.

The steps follow Open Badges 3.0 §"Verification" (https://www.imsglobal.org/spec/ob/v3p0/
#verification): the JSON Schema, the proof, the status, the validity dates. Every step
yields a `Check` with a reason a person can read; nothing raises to the caller, so a page,
the API and the command all answer the same way to the same bytes.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from datetime import UTC, datetime

import jsonschema
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from microcred import null_characters

from ..formats import (
    baking,
    canonical,
    data_integrity,
    documents,
    schema,
    status_list,
    vc_jwt,
    vcdm_checks,
)
from . import baked_verify, resolver
from .cache import remembered, verified_status_list
from .results import Check, Result

_JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
OB_CONTEXT = re.compile(r"^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)?\.json$")


def _one_verification(verifier):
    """Everything a verification reads (keys, DID documents, status lists) is read once
    in it, however many credentials it holds (`resolver.one_verification`)."""

    @functools.wraps(verifier)
    def wrapper(*args, **kwargs):
        with resolver.one_verification():
            return verifier(*args, **kwargs)

    return wrapper


# -- Reading what was given --------------------------------------------------------------


@_one_verification
def verify_text(raw: bytes | str) -> Result:
    """A credential or presentation as it arrives: JSON, a compact JWT, either in a file,
    or a baked badge image (PNG or SVG)."""
    result = Result()
    if len(raw) > settings.CREDENTIALS_MAX_VERIFY_BYTES:
        result.add(
            "format",
            False,
            _("This is larger than %(size)s; no credential is that large.")
            % {"size": f"{settings.CREDENTIALS_MAX_VERIFY_BYTES // 1024 // 1024} MB"},
        )
        return result
    if baking.image_type(raw if isinstance(raw, bytes) else raw.encode("utf-8")):
        return verify_image(raw if isinstance(raw, bytes) else raw.encode("utf-8"))
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            result.add("format", False, _("This is not text: neither JSON nor a JWT."))
            return result
    text = raw.strip()
    if _JWT.match(text):
        return verify_jwt(text)
    try:
        document = json.loads(text)
    except ValueError as exc:
        result.add("format", False, _("This is not valid JSON (%(reason)s).") % {"reason": exc})
        return result
    if isinstance(document, str) and _JWT.match(document.strip()):
        return verify_jwt(document.strip())
    if not isinstance(document, dict):
        result.add("format", False, _("A credential is a JSON object."))
        return result
    if "VerifiablePresentation" in _types(document):
        return verify_presentation(document)
    return verify_credential(document)


def verify_image(raw: bytes) -> Result:
    try:
        baked = baking.read(raw)
    except baking.BakingError as exc:
        result = Result()
        result.add("format", False, str(exc))
        return result
    if baked.credential:
        result = verify_text(baked.credential)
        result.checks.insert(
            0,
            Check(
                "baked",
                True,
                _("An Open Badges 3.0 credential baked into a %(type)s image.")
                % {"type": baked.image_type},
            ),
        )
        return result
    if baked.assertion or baked.assertion_url:
        return baked_verify.verify_assertion(baked)
    result = Result()
    result.add(
        "format",
        False,
        _(
            "This %(type)s image carries no badge: it holds neither an Open Badges assertion nor "
            "a credential."
        )
        % {"type": baked.image_type},
    )
    return result


def _types(document: dict) -> list[str]:
    value = document.get("type", [])
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


# -- One credential -----------------------------------------------------------------------


@_one_verification
@remembered
def verify_credential(document: dict, *, result: Result | None = None) -> Result:
    result = result or Result()
    result.credential = document
    if not _envelope(document, result):
        return result
    _schema(document, result)
    is_record = _record_structure(document, result)
    if is_record and _over_cap(document, result):
        return result
    proofs = data_integrity.proofs_of(document)
    if not proofs:
        result.add("signature", False, _("The credential carries no proof."))
        return result
    _data_integrity(document, proofs, result)
    _status(document, result)
    _dates(document, result)
    if is_record:
        _record_credentials(document, result)
    return result


# -- Learner records (CLR 2.0) --------------------------------------------------------------
# https://www.imsglobal.org/spec/clr/v2p0/ — the record's own proof is the platform's (or
# another publisher's); every credential in `credentialSubject.verifiableCredential` is
# then verified on its own, as 1EdTech's CLR validator does, and reported one by one.

ASSOCIATION_TYPES = (
    "exactMatchOf",
    "isChildOf",
    "isParentOf",
    "isPartOf",
    "isPeerOf",
    "isRelatedTo",
    "precedes",
    "replacedBy",
)


def _record_structure(document: dict, result: Result) -> bool:
    """Whether this is a ClrCredential; if it is, its structure is checked as the CLR 2.0
    data model requires (the `record` check)."""
    if "ClrCredential" not in _types(document):
        return False
    result.kind = "record"
    subject = document.get("credentialSubject")
    problem = None
    if documents.CLR_V2 not in document["@context"] and not any(
        isinstance(u, str) and u.startswith("https://purl.imsglobal.org/spec/clr/v2p0/")
        for u in document["@context"]
    ):
        problem = _("The record does not name the CLR 2.0 context.")
    elif not isinstance(document.get("name"), str) or not document["name"].strip():
        problem = _("The record has no name.")
    elif not isinstance(subject, dict):
        problem = _("The record's credentialSubject is not one object.")
    elif "ClrSubject" not in _types(subject):
        problem = _("The record's subject is not a ClrSubject.")
    elif not subject.get("id") and not subject.get("identifier"):
        problem = _("The record names its learner neither by id nor by identifier.")
    elif not _entries(subject.get("verifiableCredential")):
        problem = _("The record holds no credential.")
    else:
        problem = _associations_problem(subject.get("association", []))
    if problem:
        result.add("record", False, problem)
        return True
    count = len(_entries(subject["verifiableCredential"]))
    result.add(
        "record",
        True,
        ngettext(
            "A Comprehensive Learner Record (CLR 2.0) of %(n)d credential.",
            "A Comprehensive Learner Record (CLR 2.0) of %(n)d credentials.",
            count,
        )
        % {"n": count},
    )
    # The CLR 2.0 JSON Schema (a JSON-LD one) allows one value where there could be
    # several; 1EdTech's validator reads it as a one-item array and says so.
    singles = [
        name
        for name in ("verifiableCredential", "association")
        if isinstance(subject.get(name), dict)
    ]
    if singles:
        result.add(
            "record",
            False,
            _(
                "credentialSubject %(names)s holds a single value where plain JSON has an "
                "array; it is read as a one-item array, as JSON-LD and the CLR 2.0 schema allow."
            )
            % {"names": ", ".join(singles)},
            warning=True,
        )
    return True


def _entries(value) -> list:
    """A JSON-LD set as a list: one value is a set of one, anything else of none."""
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, dict) else []


def _associations_problem(associations) -> str | None:
    if isinstance(associations, dict):
        associations = [associations]
    if not isinstance(associations, list):
        return _("The record's associations are not a list.")
    for association in associations:
        if (
            not isinstance(association, dict)
            or association.get("type") != "Association"
            or association.get("associationType") not in ASSOCIATION_TYPES
            or not isinstance(association.get("sourceId"), str)
            or not isinstance(association.get("targetId"), str)
        ):
            return _(
                "An association of the record is not an Association with a known "
                "associationType, a sourceId and a targetId."
            )
    return None


def too_many_message(count: int) -> str:
    return _(
        "This holds %(count)d credentials; this verifier checks at most %(limit)d at once. "
        "Verify them in smaller presentations, or each on its own."
    ) % {"count": count, "limit": settings.CREDENTIALS_MAX_PER_PRESENTATION}


def _over_cap(document: dict, result: Result) -> bool:
    """A record holding more credentials than the verifier checks at once is refused
    before any proof is checked: each costs a canonicalization and a signature check."""
    subject = document.get("credentialSubject")
    entries = _entries(subject.get("verifiableCredential")) if isinstance(subject, dict) else []
    if len(entries) > settings.CREDENTIALS_MAX_PER_PRESENTATION:
        return not result.add("credentials", False, too_many_message(len(entries)))
    return False


def _record_credentials(document: dict, result: Result) -> None:
    if _over_cap(document, result):
        return
    subject = document.get("credentialSubject")
    entries = _entries(subject.get("verifiableCredential")) if isinstance(subject, dict) else []
    for item in entries:
        if isinstance(item, str) and _JWT.match(item.strip()):
            result.credentials.append(verify_jwt(item.strip()))
        elif isinstance(item, dict):
            result.credentials.append(verify_credential(item))
        else:
            inner = Result()
            inner.add("format", False, _("An entry of verifiableCredential is not a credential."))
            result.credentials.append(inner)


def _envelope(document: dict, result: Result) -> bool:
    if null_characters.contains(document):
        return result.add("format", False, null_characters.refused_message())
    contexts = document.get("@context")
    if not isinstance(contexts, list) or not contexts:
        return result.add("format", False, _("The credential has no @context list."))
    if contexts[0] not in (documents.VC_V2, documents.VC_V1):
        return result.add(
            "format",
            False,
            _("The first @context is %(found)s, not the W3C credentials context.")
            % {"found": contexts[0]},
        )
    for url in contexts:
        if isinstance(url, str) and not documents.is_shipped(url):
            return result.add(
                "format",
                False,
                _(
                    "The JSON-LD context %(url)s is not one this verifier knows; it is never "
                    "fetched."
                )
                % {"url": url},
            )
    if "VerifiableCredential" not in _types(document):
        return result.add("format", False, _("The type does not include VerifiableCredential."))
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if not isinstance(issuer_id, str) or not issuer_id:
        return result.add("format", False, _("The credential names no issuer."))
    is_badge = any(isinstance(u, str) and OB_CONTEXT.match(u) for u in contexts)
    if "ClrCredential" in _types(document):
        described = _("A Comprehensive Learner Record (CLR 2.0).")
    elif is_badge:
        described = _("An Open Badges 3.0 credential.")
    else:
        described = _("A verifiable credential.")
    return result.add("format", True, described)


def _schema(document: dict, result: Result) -> None:
    declared = document.get("credentialSchema") or []
    declared = declared if isinstance(declared, list) else [declared]
    wants_ours = any(isinstance(s, dict) and s.get("id") == documents.OB_SCHEMA for s in declared)
    if not wants_ours:
        return
    if document["@context"][0] == documents.VC_V1:
        result.add(
            "schema",
            False,
            _("Credentials on VC Data Model 1.1 are read without the 3.0 JSON Schema."),
            warning=True,
        )
        return
    errors = schema.ob_errors(document)
    if not errors:
        result.add("schema", True, _("It follows the Open Badges 3.0 JSON Schema."))
        return
    # OB 3.0 §"Serialization": JSON-LD compacted form may give a single value where plain
    # JSON has an array (a single `proof` object is what VC libraries emit). 1EdTech's
    # validator then tries the JSON-LD reading and downgrades the plain schema's errors
    # to warnings (JsonSchemasProbe); anything else the schema says stays an error. The
    # quick check above serves every credential that follows the schema; this reading
    # needs the detailed errors of the pure-Python validator.
    detailed = _schema_errors(document)
    singles, remaining = _json_ld_reading(document, detailed) if detailed else ([], errors)
    if remaining:
        first = remaining[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top)"
        result.add(
            "schema",
            False,
            _("It does not follow the Open Badges 3.0 JSON Schema at %(where)s: %(why)s")
            % {"where": where, "why": first.message[:300]},
        )
        return
    result.add(
        "schema",
        False,
        _(
            "It follows the Open Badges 3.0 JSON Schema as JSON-LD reads it, not as plain "
            "JSON: %(where)s holds a single value where plain JSON has an array."
        )
        % {"where": ", ".join(singles)},
        warning=True,
    )


def _schema_errors(document: dict) -> list:
    validator = jsonschema.Draft201909Validator(
        documents.ob_schema(), format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    return sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))


def _json_ld_reading(document: dict, errors: list) -> tuple[list[str], list]:
    """The places that hold a single value where the schema wants an array, and the
    errors left once each of them is read as a one-item array."""
    reading = copy.deepcopy(document)
    singles: list[str] = []
    for _round in range(20):  # each round wraps at least one value; documents are finite
        paths = {
            tuple(error.absolute_path)
            for error in _all_errors(errors)
            if error.validator == "type"
            and "array"
            in (
                error.validator_value
                if isinstance(error.validator_value, list)
                else [error.validator_value]
            )
            and not isinstance(error.instance, list)
            and error.absolute_path
        }
        if not paths:
            break
        for path in sorted(paths, key=len, reverse=True):
            parent = reading
            for step in list(path)[:-1]:
                parent = parent[step]
            parent[path[-1]] = [parent[path[-1]]]
            singles.append("/".join(str(p) for p in path))
        errors = _schema_errors(reading)
    return singles, errors


def _all_errors(errors: list):
    for error in errors:
        yield error
        yield from _all_errors(error.context or [])


def _issuer_id(document: dict) -> str:
    issuer = document.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _data_integrity(document: dict, proofs: list, result: Result) -> None:
    """Every proof of a proof set must verify, each link of a proof chain over the proofs
    it names (VC Data Integrity §2.1.1, §2.1.2); at least one must be by the issuer's key."""
    failures: list[str] = []
    others: list[str] = []
    issuer_signed = False
    for number, proof in enumerate(proofs, start=1):
        try:
            method_url, method, key = _proof_key(proof)
            previous = _previous_proofs(proof, proofs)
            data_integrity.verify(document, proof, key, previous=previous)
        except (
            data_integrity.ProofError,
            resolver.ResolutionError,
            resolver.keys.KeyFormatError,
            documents.UnknownDocument,
        ) as exc:
            failures.append(_proof_failure(number, proofs, proof, str(exc)))
            continue
        except canonical.CanonicalizationError as exc:
            why = _("The credential is not valid JSON-LD: %(why)s") % {"why": exc}
            failures.append(_proof_failure(number, proofs, proof, why))
            continue
        if method.get("controller") != _issuer_id(document):
            others.append(
                _("The signing key belongs to %(controller)s, not to the issuer %(issuer)s.")
                % {"controller": method.get("controller"), "issuer": _issuer_id(document)}
            )
            continue
        issuer_signed = True
        _issuer_key_check(result, method_url, method)
    if failures:
        result.add("signature", False, " ".join(dict.fromkeys(failures)))
    elif not issuer_signed:
        result.add("signature", False, " ".join(dict.fromkeys(others)) or _("No proof verified."))
    elif len(proofs) > 1:
        result.add(
            "signature",
            True,
            _("All %(n)d signatures are valid (%(suite)s).")
            % {"n": len(proofs), "suite": data_integrity.CRYPTOSUITE},
        )
    else:
        result.add(
            "signature",
            True,
            _("The signature is valid (%(suite)s).") % {"suite": data_integrity.CRYPTOSUITE},
        )


def _proof_key(proof) -> tuple[str, dict, object]:
    data_integrity.check_shape(proof)
    method_url = proof["verificationMethod"]
    method = resolver.verification_method(method_url)
    return method_url, method, resolver.public_key(method)


def _previous_proofs(proof: dict, proofs: list) -> list[dict] | None:
    """The proofs a link of a proof chain names in `previousProof`, which it signed over."""
    wanted = proof.get("previousProof")
    if wanted is None:
        return None
    wanted = wanted if isinstance(wanted, list) else [wanted]
    found = []
    for proof_id in wanted:
        match = next((p for p in proofs if isinstance(p, dict) and p.get("id") == proof_id), None)
        if not isinstance(proof_id, str) or match is None:
            raise data_integrity.ProofError(
                _("The proof names a previous proof %(id)s that the credential does not hold.")
                % {"id": proof_id}
            )
        found.append(match)
    return found


def _proof_failure(number: int, proofs: list, proof, why: str) -> str:
    if len(proofs) == 1:
        return why
    method = proof.get("verificationMethod") if isinstance(proof, dict) else None
    return _("Proof %(n)d of %(count)d (%(key)s) does not verify: %(why)s") % {
        "n": number,
        "count": len(proofs),
        "key": method if isinstance(method, str) else _("no key named"),
        "why": why,
    }


def _issuer_key_check(result: Result, method_url: str, method: dict) -> None:
    if method.get("pinned"):
        result.pinned_keys.append(method_url)
        message = _("Signed with %(key)s, a key of the issuer pinned by this platform's operator.")
    else:
        message = _("Signed with %(key)s, a key of the issuer.")
    result.add("issuer key", True, message % {"key": method_url})


def _status(document: dict, result: Result) -> None:
    entries = document.get("credentialStatus")
    if entries is None:
        result.add("status", True, _("The credential has no status list; it cannot be revoked."))
        return
    entries = entries if isinstance(entries, list) else [entries]
    for entry in entries:
        if not isinstance(entry, dict):
            result.add("status", False, _("The credential status is not an object."))
            return
        kind = entry.get("type")
        try:
            if kind == "BitstringStatusListEntry":
                revoked = _bitstring(entry, document)
            elif kind == "1EdTechRevocationList":
                revoked = _revocation_list(entry, document)
            else:
                result.add(
                    "status",
                    False,
                    _("The status type %(type)s is not one this verifier reads.") % {"type": kind},
                    warning=True,
                )
                continue
        except (resolver.ResolutionError, status_list.StatusListError, ValueError) as exc:
            result.add("status", False, _("The status could not be read: %(why)s") % {"why": exc})
            return
        if revoked:
            result.revoked = True
            result.add("status", False, _("The issuer has revoked this credential."))
            return
    result.add("status", True, _("Not revoked."))


def _bitstring(entry: dict, document: dict) -> bool:
    if entry.get("statusPurpose") not in ("revocation", "suspension"):
        raise ValueError(_("unknown status purpose"))
    url = entry.get("statusListCredential")
    if not isinstance(url, str):
        raise ValueError(_("the status list is not named by a URL"))
    # The spec writes the index as a string of digits; a bare number is read too.
    index = entry.get("statusListIndex")
    if isinstance(index, bool) or not isinstance(index, str | int):
        raise ValueError(_("the status index is not a number"))
    index = int(index)
    listed = resolver.status_list_credential(url)
    if not verified_status_list(url, listed, _signed_by_its_issuer):
        raise resolver.ResolutionError(_("the status list's own signature does not verify"))
    if _issuer_id(listed) != _issuer_id(document):
        raise resolver.ResolutionError(_("the status list is not the issuer's"))
    subject = listed.get("credentialSubject", {})
    if not isinstance(subject, dict) or subject.get("statusPurpose") != entry.get("statusPurpose"):
        raise resolver.ResolutionError(_("the status list is for another purpose"))
    bits = status_list.decode(subject.get("encodedList", ""))
    if not 0 <= index < len(bits) * 8:
        raise resolver.ResolutionError(_("the status index is outside the list"))
    return status_list.get_bit(bits, index)


def _signed_by_its_issuer(listed: dict) -> bool:
    checked = verify_credential(listed)
    signature = checked.check("signature")
    return bool(signature and signature.ok)


def _revocation_list(entry: dict, document: dict) -> bool:
    if not isinstance(entry.get("id"), str):
        raise ValueError(_("the revocation list is not named by a URL"))
    listed = resolver.fetch_json(entry["id"])
    revoked = listed.get("revokedCredential") or listed.get("revokedCredentials") or []
    return any(isinstance(r, dict) and r.get("id") == document.get("id") for r in revoked)


def _dates(document: dict, result: Result) -> None:
    now = timezone.now()
    start = document.get("validFrom") or document.get("issuanceDate")
    end = document.get("validUntil") or document.get("expirationDate")
    try:
        starts = _parse(start) if start else None
        ends = _parse(end) if end else None
    except ValueError:
        result.add("validity", False, _("The validity dates are not dates."))
        return
    if starts is not None and starts > now:
        result.add(
            "validity", False, _("The credential is not valid before %(date)s.") % {"date": start}
        )
    elif ends is not None and ends < now:
        result.add("validity", False, _("The credential expired on %(date)s.") % {"date": end})
    elif starts is None:
        # validFrom is optional in VC Data Model 2.0 (§4.9).
        result.add(
            "validity",
            True,
            _("No start of validity is stated%(end)s.")
            % {"end": _("; valid until %(date)s") % {"date": end} if end else ""},
        )
    else:
        result.add(
            "validity",
            True,
            _("Valid since %(start)s%(end)s.")
            % {"start": start, "end": _(", until %(date)s") % {"date": end} if end else ""},
        )


def _parse(value: str) -> datetime:
    if not isinstance(value, str):
        raise ValueError(value)
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


# -- VC-JWT -------------------------------------------------------------------------------


@_one_verification
def verify_jwt(token: str) -> Result:
    result = Result()
    try:
        header = vc_jwt.header(token)
        payload = vc_jwt.unverified_payload(token)
    except vc_jwt.JwtError as exc:
        result.add("format", False, str(exc))
        return result
    document = vc_jwt.credential_of(payload)
    result.credential = document
    if not _envelope(document, result):
        return result
    _schema(document, result)
    is_record = _record_structure(document, result)
    issuer = _issuer_id(document)
    try:
        if header.get("kid"):
            method = resolver.verification_method(header["kid"])
            if method.get("controller") != issuer:
                raise resolver.ResolutionError(
                    _("The JWT key belongs to %(controller)s, not to the issuer %(issuer)s.")
                    % {"controller": method.get("controller"), "issuer": issuer}
                )
            key = resolver.public_key(method)
        else:
            key = resolver.keys.public_key_from_jwk(header["jwk"])
    except (resolver.ResolutionError, resolver.keys.KeyFormatError) as exc:
        result.add("issuer key", False, str(exc))
        return result
    if header.get("kid"):
        _issuer_key_check(result, header["kid"], method)
    else:
        result.add("issuer key", True, _("Signed with a key of the issuer."))
    try:
        vc_jwt.verify(token, key, header["alg"])
    except vc_jwt.JwtError as exc:
        result.add("signature", False, str(exc))
        return result
    claims_ok = payload.get("iss") in (None, issuer) and payload.get("jti") in (
        None,
        document.get("id"),
    )
    if not claims_ok:
        result.add("signature", False, _("The JWT claims iss and jti do not match the credential."))
        return result
    result.add(
        "signature", True, _("The JWT signature is valid (%(alg)s).") % {"alg": header["alg"]}
    )
    _status(document, result)
    _dates(document, result)
    if is_record:
        _record_credentials(document, result)
    return result


# -- Presentations ------------------------------------------------------------------------


@_one_verification
def verify_presentation(
    presentation: dict, *, challenge: str | None = None, domain: str | None = None
) -> Result:
    result = Result(kind="presentation")
    result.credential = presentation
    if null_characters.contains(presentation):
        result.add("format", False, null_characters.refused_message())
        return result
    try:
        vcdm_checks.check_presentation(presentation)
    except vcdm_checks.Refused as exc:
        result.add("format", False, str(exc))
        return result
    result.add("format", True, _("A verifiable presentation."))
    # Counted before any proof is checked: each credential costs a canonicalization and
    # a signature check, and so does the presentation's own proof over all of them.
    credentials = presentation.get("verifiableCredential", [])
    credentials = credentials if isinstance(credentials, list) else [credentials]
    if len(credentials) > settings.CREDENTIALS_MAX_PER_PRESENTATION:
        result.add("credentials", False, too_many_message(len(credentials)))
        return result
    proofs = data_integrity.proofs_of(presentation)
    if proofs:
        _presentation_proof(presentation, proofs, result, challenge=challenge, domain=domain)
    elif challenge:
        result.add("signature", False, _("A challenge was given but the presentation is unsigned."))
    elif not credentials:
        result.add("credentials", False, _("The presentation is unsigned and holds no credential."))
    for item in credentials:
        if isinstance(item, dict) and vcdm_checks.ENVELOPED in _types(item):
            item = vcdm_checks.enveloped_token(item) or item
        if isinstance(item, str) and _JWT.match(item):
            result.credentials.append(verify_jwt(item))
        elif isinstance(item, dict):
            result.credentials.append(verify_credential(item))
        else:
            inner = Result()
            inner.add("format", False, _("An entry of verifiableCredential is not a credential."))
            result.credentials.append(inner)
    return result


def _presentation_proof(presentation, proofs, result, *, challenge, domain) -> None:
    proof = proofs[0]
    try:
        if not isinstance(proof, dict) or proof.get("cryptosuite") != data_integrity.CRYPTOSUITE:
            raise data_integrity.ProofError(_("The presentation proof is not eddsa-rdfc-2022."))
        if challenge is not None and proof.get("challenge") != challenge:
            raise data_integrity.ProofError(_("The presentation answers another challenge."))
        if domain is not None and proof.get("domain") != domain:
            raise data_integrity.ProofError(_("The presentation is for another domain."))
        method = resolver.verification_method(proof.get("verificationMethod"))
        key = resolver.public_key(method)
        data_integrity.verify(presentation, proof, key, purposes=("authentication",))
    except (
        data_integrity.ProofError,
        resolver.ResolutionError,
        resolver.keys.KeyFormatError,
        documents.UnknownDocument,
        canonical.CanonicalizationError,
    ) as exc:
        result.add("signature", False, str(exc))
        return
    result.add("signature", True, _("The presentation's signature is valid."))

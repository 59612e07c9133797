"""Verifying an Open Badges 2.0 assertion baked into an image: it is compared with the one
its issuer hosts. (An Open Badges 3.0 credential baked into an image is verified like any
other, by verify.)

A 2.0 hosted assertion has no signature: its proof is that the issuer serves it at its
`id` (Open Badges 2.0 §"Hosted verification"). So the baked copy is only as good as the
hosted one, and a baked copy that differs from it was changed after baking.
"""

from __future__ import annotations

import json
import re
import uuid

from django.conf import settings
from django.utils.translation import gettext as _

from ..formats import baking, ob2
from ..models import Award
from . import resolver
from .results import Result

_OWN_ASSERTION = re.compile(r"^/badges/(?P<id>[0-9a-f-]{36})/assertion\.json$")
# What may differ between a copy baked earlier and the hosted assertion today.
_LIVE_KEYS = ("revoked", "revocationReason")


def verify_assertion(baked: baking.Baked) -> Result:
    """An Open Badges 2.0 assertion, baked as JSON or as its hosted URL."""
    result = Result(kind="assertion")
    read = _baked_assertion(baked, result)
    if read is None:
        return result
    embedded, url = read
    result.credential = embedded
    result.add(
        "format",
        True,
        _("An Open Badges 2.0 assertion baked into a %(type)s image, hosted at %(url)s.")
        % {"type": baked.image_type, "url": url},
    )
    hosted = _matching_hosted(embedded, url, result)
    if hosted is None:
        return result
    result.credential = result.credential or hosted
    if hosted.get("revoked") is True:
        result.revoked = True
        result.add("status", False, _("The issuer has revoked this assertion."))
    else:
        result.add("status", True, _("Not revoked."))
    return result


def _baked_assertion(baked: baking.Baked, result: Result) -> tuple[dict | None, str] | None:
    """The assertion baked in (None when only its URL was) and where it is hosted; or None,
    with the reason added to `result`, when it is not a hosted 2.0 assertion."""
    embedded = None
    if baked.assertion:
        try:
            embedded = json.loads(baked.assertion)
        except ValueError:
            result.add(
                "format",
                False,
                _(
                    "The image carries a signed Open Badges 2.0 assertion or text that is not "
                    "JSON; this verifier reads hosted assertions."
                ),
            )
            return None
        if not isinstance(embedded, dict):
            result.add("format", False, _("The baked assertion is not a JSON object."))
            return None
    url = embedded.get("id") if embedded is not None else baked.assertion_url
    kind = "hosted"
    if embedded is not None:
        verification = embedded.get("verification")
        # 1.x assertions said "verify"; a bare string is the compacted form of the type.
        verification = verification if verification is not None else embedded.get("verify")
        kind = verification.get("type") if isinstance(verification, dict) else verification
    if kind not in ("hosted", "HostedBadge"):
        result.add(
            "format",
            False,
            _(
                "The baked assertion is verified as %(kind)s, not hosted; this verifier reads "
                "hosted assertions."
            )
            % {"kind": kind if isinstance(kind, str) and kind else _("nothing")},
        )
        return None
    if not isinstance(url, str) or not url:
        result.add("format", False, _("The baked assertion does not say where it is hosted."))
        return None
    return embedded, url


def _matching_hosted(embedded: dict | None, url: str, result: Result) -> dict | None:
    """The assertion its issuer hosts at `url`, if it is the one baked in; otherwise None,
    with the reason added to `result`."""
    try:
        hosted = _hosted(url)
    except resolver.ResolutionError as exc:
        result.add(
            "hosted", False, _("The hosted assertion could not be read: %(why)s") % {"why": exc}
        )
        return None
    if hosted.get("id") != url:
        result.add(
            "hosted", False, _("The document at %(url)s names another assertion.") % {"url": url}
        )
        return None
    if embedded is None:
        result.add("hosted", True, _("The issuer hosts the assertion at that address."))
        return hosted
    changed = sorted(
        key
        for key in set(embedded) | set(hosted)
        if key not in _LIVE_KEYS and embedded.get(key) != hosted.get(key)
    )
    if changed:
        result.add(
            "hosted",
            False,
            _(
                "The assertion baked into the image differs from the one its issuer hosts "
                "(%(keys)s): it was changed after baking."
            )
            % {"keys": ", ".join(changed)},
        )
        return None
    result.add("hosted", True, _("The baked assertion is the one its issuer hosts."))
    return hosted


def _hosted(url: str) -> dict:
    """Our own assertions are read from the database; others' are fetched like any issuer
    document (HTTPS only, public addresses only, size-capped)."""
    prefix = settings.BASE_URL
    if url.startswith(prefix + "/"):
        match = _OWN_ASSERTION.match(url[len(prefix) :])
        award = None
        if match:
            try:
                award = Award.objects.select_related(
                    "earner", "issuer", "version__micro_credential", "stack"
                ).get(public_id=uuid.UUID(match["id"]))
            except (Award.DoesNotExist, ValueError):
                award = None
        if award is None:
            raise resolver.ResolutionError(_("there is no assertion at %(url)s.") % {"url": url})
        return ob2.hosted_assertion(award)
    return resolver.fetch_json(url)

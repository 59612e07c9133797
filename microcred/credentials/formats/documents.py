"""JSON-LD documents for signing and verifying, without fetching from unknown addresses.

Contexts come only from the copies shipped in `contexts/` (listed in `contexts/index.json`).
DID documents and status lists are resolved by `resolver`; the JSON-LD processor never
reaches the network by itself, so a credential naming a context we do not ship fails with
that context's address as the reason.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

CONTEXTS_DIR = Path(__file__).parent / "contexts"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
VC_V1 = "https://www.w3.org/2018/credentials/v1"
VC_EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
CLR_V2 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
DID_V1 = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
CLR_SCHEMA = (
    "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"
)


class UnknownDocument(Exception):
    """A document the platform does not ship and will not fetch."""

    def __init__(self, url: str):
        self.url = url
        super().__init__(f"The JSON-LD context {url} is not one this verifier knows.")


@cache
def _index() -> dict[str, str]:
    return json.loads((CONTEXTS_DIR / "index.json").read_text())


@cache
def context(url: str) -> dict:
    """The shipped copy of a JSON-LD context, parsed once per process."""
    name = _index().get(url)
    if name is None:
        raise UnknownDocument(url)
    return json.loads((CONTEXTS_DIR / name).read_text())


def is_shipped(url: str) -> bool:
    return url in _index()


def loader(url: str, options=None) -> dict:
    """A pyld document loader that answers from the shipped contexts only."""
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": context(url),
    }


@cache
def ob_schema() -> dict:
    """1EdTech's Open Badges 3.0 AchievementCredential JSON Schema (draft 2019-09)."""
    return json.loads((CONTEXTS_DIR / "ob_v3p0_achievementcredential_schema.json").read_text())

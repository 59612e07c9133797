"""Calls the independent verifier, tests/interop/verify.mjs, from Python tests.

    independent_verify({"credential": {...}, "documents": {url: document}})
    independent_verify({"presentation": {...}, "documents": {...}, "challenge": "..."})
    independent_verify({"jwt": "<compact JWS>", "documents": {...}})
    -> {"verified": bool, "errors": [str], "revoked"?: bool, "suspended"?: bool,
        "payload"?: dict}

`documents` holds every non-context document the verification may need (DID documents,
controller documents, JWKs, status list credentials), keyed by URL: the verifier reads
JSON-LD contexts only from microcred/credentials/formats/contexts and never fetches anything.
verify.mjs describes the request and the result in full.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERIFY = HERE / "verify.mjs"
NODE_MODULES = HERE / "node_modules"
TIMEOUT_SECONDS = 60


class VerifierError(RuntimeError):
    """The verifier could not give an answer: it crashed, or the request was unusable."""


def node_path() -> str | None:
    return shutil.which(os.environ.get("NODE", "node"))


def independent_verify(request: dict) -> dict:
    """Verify with Digital Bazaar's libraries and jose; see the module docstring.

    An invalid credential is an answer ({"verified": False, "errors": [...]}), not an
    exception; VerifierError means there is no answer to trust.
    """
    node = node_path()
    if node is None:
        raise VerifierError("node is not installed")
    try:
        completed = subprocess.run(
            [node, str(VERIFY)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            cwd=HERE,
        )
    except subprocess.TimeoutExpired as exc:
        raise VerifierError(f"verify.mjs gave no answer in {TIMEOUT_SECONDS} s") from exc
    if completed.returncode != 0:
        raise VerifierError(
            f"verify.mjs exited {completed.returncode}:\n{completed.stdout}{completed.stderr}"
        )
    return json.loads(completed.stdout)

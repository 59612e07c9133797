"""Benchmark: verifying another issuer's credential, here and with Digital Bazaar's Node
verifier, on the same credential in the same run.

    .venv/bin/python bench/verify_speed.py [--seconds 4] [--rounds 3]

The credential is the typical one of bench/signing.py (a micro-credential of three
requirements and nine rubric criteria, alignments, credit, a badge image), issued by an
outside issuer: a did:key identifier, a key made here, and a Bitstring Status List
credential of its own at an https address. Nothing about it is known in advance, so every
run takes the full path: JSON-LD expansion, RDFC-1.0, Ed25519, the status list fetched
and its own proof verified, the dates (and here, the OB 3.0 JSON Schema and the issuer's
key). Two cases: with the status list, and the same credential signed without one.

Our side is `verify.verify_credential` in this process; the status list is served from
memory in place of HTTPS, the one edge faked. The Node side is bench/verify_speed.mjs,
which runs tests/interop/verify.mjs's verifier in a loop in its own process, reading the
same credential and the same status list. Both first verify it once and must agree that
it verifies and is not revoked. They run one after the other, for the same time, in
`--rounds` alternating rounds; the machine is shared, so the figure to read is the ratio
of each round, of which the median is printed. Also printed for reference: our rate with
the proof alone checked.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import signing as base  # noqa: E402 — the shared set-up of bench/signing.py

base.NAME = "verify_speed"
base.PG_NAME = os.environ.get("BENCH_PG_NAME", "microcred_bench_verify_speed")
NODE_BENCH = HERE / "verify_speed.mjs"


def node_path() -> str | None:
    from tests.interop.harness import node_path

    return node_path()


OUTSIDE = "https://badges.example.org"


def typical_credential() -> dict:
    """The credential bench/signing.py signs, as this platform issues it."""
    from microcred.credentials.models import Award

    earner, _ids = base.earner_with_awards(1)
    return json.loads(Award.objects.get(earner=earner).credential_json)


def outside_issuer():
    from microcred.credentials.issuing import keys

    private = keys.new_ed25519()
    multikey = keys.ed25519_multikey(private.public_key())
    return private, f"did:key:{multikey}", f"did:key:{multikey}#{multikey}"


def outside_credentials(ours: dict) -> tuple[dict, dict, dict]:
    """The credential as an outside issuer signs it, with and without a status entry, and
    the documents a verifier fetches for it (the status list credential)."""
    from microcred.credentials.formats import data_integrity, status_list

    private, did, method = outside_issuer()
    created = "2026-01-01T00:00:00Z"
    list_url = f"{OUTSIDE}/status/1"
    listed = data_integrity.sign(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": list_url,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": did,
            "validFrom": created,
            "credentialSubject": {
                "id": f"{list_url}#list",
                "type": "BitstringStatusList",
                "statusPurpose": "revocation",
                "encodedList": status_list.encode(status_list.empty()),
            },
        },
        private,
        verification_method=method,
        created=created,
    )
    document = {key: value for key, value in ours.items() if key != "proof"}
    document["id"] = f"{OUTSIDE}/credentials/8a9e6f3c"
    document["issuer"] = {**document["issuer"], "id": did}
    document["credentialStatus"] = {
        "id": f"{list_url}#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": list_url,
    }
    with_status = data_integrity.sign(
        document, private, verification_method=method, created=created
    )
    del document["credentialStatus"]
    without_status = data_integrity.sign(
        document, private, verification_method=method, created=created
    )
    return with_status, without_status, {list_url: listed}


def serve_from_memory(documents: dict) -> None:
    """What the verifier would fetch over HTTPS, answered from `documents` instead."""
    from microcred.credentials.verification import resolver

    def fetch_json(url: str) -> dict:
        if url not in documents:
            raise resolver.ResolutionError(f"{url} is not served in this benchmark.")
        return json.loads(json.dumps(documents[url]))

    resolver.fetch_json = fetch_json


def ours_per_second(action, seconds: float) -> float:
    for _ in range(5):
        action()
    runs, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        action()
        runs += 1
    return runs / (time.perf_counter() - started)


def node_per_second(credential: dict, documents: dict, seconds: float) -> dict:
    request = {"credential": credential, "documents": documents, "seconds": seconds}
    completed = subprocess.run(
        [node_path() or "node", str(NODE_BENCH)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds * 4 + 120,
    )
    return json.loads(completed.stdout)


def compare(label: str, credential: dict, documents: dict, *, seconds: float, rounds: int):
    from microcred.credentials.verification import verify

    def check_once():
        return verify.verify_credential(json.loads(json.dumps(credential)))

    result = check_once()
    assert result.verified, result.errors
    assert not result.revoked
    node = node_per_second(credential, documents, 0.5)
    assert node["verified"], node["errors"]
    assert not node.get("revoked")

    ratios = []
    for n in range(rounds):
        theirs = node_per_second(credential, documents, seconds)["perSecond"]
        # A fresh copy each run, as a credential arrives: nothing is kept on the object.
        ours = ours_per_second(check_once, seconds)
        ratios.append(ours / theirs)
        print(
            f"  {label:<34} round {n + 1}: ours {ours:>7,.0f} /s, Node {theirs:>6,.0f} /s, "
            f"ratio {ours / theirs:>5.2f}x  (load average {os.getloadavg()[0]:.1f})"
        )
    print(f"  {label:<34} median ratio {statistics.median(ratios):.2f}x")
    return statistics.median(ratios)


def run(seconds: float, rounds: int) -> None:
    base.setup_django("sqlite", fresh=True)
    from microcred.credentials.formats import canonical, data_integrity
    from microcred.credentials.verification import resolver

    ours = typical_credential()
    with_status, without_status, documents = outside_credentials(ours)
    serve_from_memory(documents)
    unsigned = {k: v for k, v in with_status.items() if k != "proof"}
    print(
        f"An outside credential: {len(json.dumps(with_status)):,} bytes of JSON, "
        f"{canonical.canonize(unsigned).count(chr(10))} quads, "
        f"issuer {with_status['issuer']['id'][:24]}…; "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    proof = with_status["proof"][0]
    key = resolver.public_key(resolver.verification_method(proof["verificationMethod"]))
    proof_only = ours_per_second(
        lambda: data_integrity.verify(json.loads(json.dumps(with_status)), proof, key), seconds
    )
    print(f"  ours, the proof alone (expansion, RDFC-1.0, Ed25519): {proof_only:,.0f} /s")
    print("Everything checked, each side as it verifies (ours: schema, key, proof, status, dates):")
    compare("with a status list", with_status, documents, seconds=seconds, rounds=rounds)
    compare("without a status list", without_status, {}, seconds=seconds, rounds=rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    run(args.seconds, args.rounds)


if __name__ == "__main__":
    main()

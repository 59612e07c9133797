"""Benchmark: the CPU one anonymous POST /presentations/verify costs, at the cap on
credentials per presentation and past it.

    .venv/bin/python bench/verify_presentation.py [--engine sqlite|postgres] [--credentials 205]

One earner holds N signed credentials of the typical shape bench/signing.py uses. The
same presentation of N credentials is posted to the VC API three ways, through Django's
test client in this process on one core: with no cap (as the endpoint was before it had
one), at the cap (CREDENTIALS_MAX_PER_PRESENTATION credentials), and past the cap (the N
credentials, refused with 413). The byte limit (CREDENTIALS_MAX_VERIFY_BYTES) is lifted to
the body's size, so that only the cap on credentials is measured. For each it prints the
body size and the median CPU seconds of three runs (time.process_time, so other processes
on the machine do not count), and checks the answers: every credential verified in the
first two, 413 in the last.

It fills databases of its own (bench/verify_presentation.sqlite3, or the PostgreSQL
database microcred_bench_presentation at BENCH_POSTGRES).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import signing as base  # noqa: E402 — the shared set-up of bench/signing.py

base.NAME = "verify_presentation"
base.PG_NAME = os.environ.get("BENCH_PG_NAME", "microcred_bench_presentation")
RUNS = 3


def signed_credentials(count: int) -> list[dict]:
    from microcred.credentials.models import Award

    earner, _ids = base.earner_with_awards(count)
    return [json.loads(a.credential_json) for a in Award.objects.filter(earner=earner)]


def body_of(credentials: list[dict]) -> bytes:
    from microcred.credentials.formats import documents

    return json.dumps(
        {
            "verifiablePresentation": {
                "@context": [documents.VC_V2],
                "type": ["VerifiablePresentation"],
                "verifiableCredential": credentials,
            }
        }
    ).encode()


def cpu_seconds(client, body: bytes) -> tuple[float, object]:
    times, response = [], None
    for _ in range(RUNS):
        started = time.process_time()
        response = client.post("/presentations/verify", body, content_type="application/json")
        times.append(time.process_time() - started)
    return statistics.median(times), response


def run(engine: str, count: int) -> None:
    os.environ["DISABLE_RATE_LIMITS"] = "true"  # the CPU of verifying, not of refusing
    base.setup_django(engine, fresh=True)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    cap = settings.CREDENTIALS_MAX_PER_PRESENTATION
    print(
        f"=== {engine} ({connection.vendor}), load average {os.getloadavg()[0]:.1f}, "
        f"cap {cap} credentials per presentation ==="
    )
    credentials = signed_credentials(count)
    client = Client()
    print(f"  {'case':<32} {'credentials':>11} {'body KB':>8} {'status':>6} {'CPU':>9}")

    body = body_of(credentials)
    limit = settings.CREDENTIALS_MAX_VERIFY_BYTES
    settings.CREDENTIALS_MAX_PER_PRESENTATION = count
    settings.CREDENTIALS_MAX_VERIFY_BYTES = max(limit, len(body))
    uncapped, response = cpu_seconds(client, body)
    assert response.status_code == 200, response.content[:300]
    assert len(response.json()["credentialResults"]) == count
    print(
        f"  {'no cap (before)':<32} {count:>11} {len(body) / 1024:>8,.0f} "
        f"{response.status_code:>6} {uncapped:>7.2f} s"
    )

    settings.CREDENTIALS_MAX_PER_PRESENTATION = cap
    settings.CREDENTIALS_MAX_VERIFY_BYTES = max(limit, len(body))
    at_cap_body = body_of(credentials[:cap])
    at_cap, response = cpu_seconds(client, at_cap_body)
    assert response.status_code == 200, response.content[:300]
    assert all(r["verified"] for r in response.json()["credentialResults"])
    print(
        f"  {'at the cap':<32} {cap:>11} {len(at_cap_body) / 1024:>8,.0f} "
        f"{response.status_code:>6} {at_cap:>7.2f} s"
    )

    refused, response = cpu_seconds(client, body)
    assert response.status_code == 413, response.status_code
    print(
        f"  {'past the cap (refused)':<32} {count:>11} {len(body) / 1024:>8,.0f} "
        f"{response.status_code:>6} {refused:>7.2f} s"
    )
    print(
        f"  per credential: {uncapped / count * 1000:.1f} ms; the worst request costs "
        f"{max(at_cap, refused) / uncapped:.0%} of what it did without the cap"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--credentials", type=int, default=205)
    args = parser.parse_args()
    run(args.engine, args.credentials)


if __name__ == "__main__":
    main()

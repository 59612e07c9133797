"""Benchmark: getCredentials (the Open Badges 3.0 API) for an earner with 500 credentials.

    .venv/bin/python bench/ob3_api.py [--engine sqlite|postgres|both]

One earner holds 500 signed credentials of the typical shape bench/signing.py uses. A
connected app with the credential.readonly scope reads them a page of 50 at a time, every
page, through the whole request path (token check, query, response), 10 rounds. Prints the
median and p95 time per page (target: p95 under 100 ms), the queries per page, and checks
its own results: every page answers 200, X-Total-Count is 500, the pages together hold
every credential once, and one credential from them verifies.

It fills databases of its own (bench/ob3_api.sqlite3, or the PostgreSQL database
microcred_bench_ob3_api, or BENCH_PG_NAME, at BENCH_POSTGRES).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import signing as base  # noqa: E402 — the shared set-up of bench/signing.py

base.NAME = "ob3_api"
base.PG_NAME = os.environ.get("BENCH_PG_NAME", "microcred_bench_ob3_api")
CREDENTIALS = 500
PAGE = 50
ROUNDS = 10
TARGET_MS = 100


def run(engine: str) -> None:
    base.setup_django(engine, fresh=True)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from oauth2_provider.models import AccessToken, Application, set_token_value

    from microcred.connect import scopes
    from microcred.credentials.verification import verify

    print(f"=== {engine} ({connection.vendor}), load average {os.getloadavg()[0]:.1f} ===")
    earner, _ = base.earner_with_awards(CREDENTIALS)
    app = Application.objects.create(
        name="Bench wallet",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="https://wallet.example/cb",
    )
    token = AccessToken(
        user=earner,
        application=app,
        scope=scopes.CREDENTIAL_READONLY,
        expires=timezone.now() + timedelta(hours=1),
    )
    set_token_value(token, "bench-token-" + "x" * 30)
    token.save()
    client = Client(HTTP_AUTHORIZATION="Bearer bench-token-" + "x" * 30)

    times, queries, seen = [], 0, []
    for round_number in range(ROUNDS):
        for offset in range(0, CREDENTIALS, PAGE):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get("/ims/ob/v3p0/credentials", {"limit": PAGE, "offset": offset})
            times.append(time.perf_counter() - started)
            queries = max(queries, len(captured))
            assert response.status_code == 200, response.content[:300]
            assert response["X-Total-Count"] == str(CREDENTIALS)
            if round_number == 0:
                seen += [c["id"] for c in json.loads(response.content)["credentials"]]
    assert len(seen) == len(set(seen)) == CREDENTIALS
    first = json.loads(client.get("/ims/ob/v3p0/credentials", {"limit": 1}).content)["credentials"][
        0
    ]
    assert verify.verify_credential(first).verified
    page_kb = len(response.content) / 1024
    p95 = statistics.quantiles(times, n=20)[-1] * 1000
    print(
        f"  {len(times)} pages of {PAGE} ({page_kb:,.0f} KB each): median "
        f"{statistics.median(times) * 1000:,.1f} ms, p95 {p95:,.1f} ms "
        f"(target < {TARGET_MS} ms: {'met' if p95 < TARGET_MS else 'MISSED'}), "
        f"{queries} queries a page"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="sqlite")
    args = parser.parse_args()
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    for engine in engines:
        if len(engines) > 1:
            subprocess.run([sys.executable, __file__, "--engine", engine], check=True)
        else:
            run(engine)


if __name__ == "__main__":
    main()

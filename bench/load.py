"""Benchmark: the platform under load, as people use it, on this machine's loopback.

    .venv/bin/python bench/load.py [--users 50] [--duration 180] [--workers 3]
                                   [--database NAME] [--reuse] [--env NAME=VALUE ...]

Loads the demo into a PostgreSQL database of its own (BENCH_POSTGRES, default
postgres://postgres@127.0.0.1:5432; the database is --database, default
mc_bench_load, dropped and made again unless --reuse), serves it with gunicorn
(--workers processes, production settings, 127.0.0.1 only) and sends it --users
simultaneous people (locust, headless) for --duration seconds, each mixing:

    catalog    the catalog, a search, a micro-credential's page
    badge      a public badge page and its credential.json
    verify     POST /credentials/verify with a real demo credential (must say verified)
    backpack   the backpack of a signed-in demo earner

with a second of thought (0.5–1.5 s) between requests. Every answer is checked (status,
and a word the page must hold), so an error page counts as an error. Prints, per kind,
requests, errors and the p50/p95/p99 latency, the throughput, and the load average
before and after; exits non-zero if any request failed.

All users come from one address, 127.0.0.1, so the per-address limits (sign-in, and
those of the public verification endpoints) would refuse most of them: the server is
started with DISABLE_RATE_LIMITS=true. To measure with the limits on but set high, pass
--limits and the settings that raise them, e.g.
--env PUBLIC_WORK_PER_ADDRESS=100000 --env PUBLIC_WORK_OVERALL=100000 (any --env
NAME=VALUE reaches the server's environment).
"""

from __future__ import annotations

# locust patches the standard library with gevent: it must be imported first.
from locust import FastHttpUser, between, task  # isort: skip

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import gevent
from locust.env import Environment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import django_setup  # noqa: E402  (beside this file)

PG_SERVER = django_setup.PG_SERVER
PYTHON = sys.executable
KINDS = ("catalog", "badge", "verify", "backpack")
# The demo's credentials name their issuer under this address; the server keeps it as its
# BASE_URL whatever port it listens on, so that it verifies its own signatures itself.
DEMO_BASE_URL = "http://127.0.0.1:8000"

# What the people of the load read; filled from the demo database before the run.
FIXTURE: dict = {}


def server_environment(args) -> dict:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key",
        "DATABASE_URL": f"{PG_SERVER}/{args.database}",
        "DATABASE_CONN_MAX_AGE": "60",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BASE_URL": DEMO_BASE_URL,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "STATIC_FROM_SOURCE": "true",
        "STATIC_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "TASKS_BACKEND": "database",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    if not args.limits:
        env["DISABLE_RATE_LIMITS"] = "true"
    for item in args.env:
        name, _sep, value = item.partition("=")
        env[name] = value
    return env


def manage(env: dict, *command: str, capture: bool = False) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return done.stdout or ""


def prepare_database(args, env: dict) -> None:
    if args.reuse:
        return
    django_setup.database_url("load", "postgres", args.database)  # dropped and made afresh
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage({**env, "DEBUG": "true"}, "load_demo")  # the demo's accounts are for benches only
    print(f"demo loaded into {args.database} in {time.monotonic() - started:.0f} s")


# Read in the bench's database by a process of its own (Django does not share this one with
# gevent): the pages there are to see, the earners who sign in and a credential to verify.
FIXTURE_QUERY = """
import json
from microcred.accounts.models import Role
from microcred.catalog.models import MicroCredential
from microcred.credentials.models import Award
from microcred.demo.loader import PASSWORD
awards = Award.objects.filter(is_public=True, revoked_at__isnull=True).exclude(credential_json="")
earners = sorted({a.earner.email for a in awards.select_related("earner")})
print(json.dumps({
    "catalog": sorted(MicroCredential.objects.filter(current_version__status="published")
                      .values_list("slug", flat=True)),
    "badges": [str(a.public_id) for a in awards],
    "credential": json.loads(awards.first().credential_json),
    "earners": earners,
    "password": PASSWORD,
}))
"""


def read_fixture(env: dict) -> dict:
    return json.loads(manage(env, "shell", "-c", FIXTURE_QUERY, capture=True).splitlines()[-1])


def start_server(args, env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/catalog/", timeout=5):  # noqa: S310 (loopback)
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer within a minute")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


class Person(FastHttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.signed_in = False

    def _check(self, response, *words: str, status: int = 200):
        if response.status_code != status:
            response.failure(f"answered {response.status_code}")
        elif not all(word in response.text for word in words):
            response.failure(f"the page lacks {words}")
        else:
            response.success()

    @task(4)
    def catalog(self):
        slug = random.choice(FIXTURE["catalog"])
        with self.client.get("/catalog/", name="catalog", catch_response=True) as r:
            self._check(r, "catalog")
        query = random.choice(["feedback", "reading", "math", "discussion", "assessment"])
        with self.client.get(f"/catalog/?q={query}", name="catalog", catch_response=True) as r:
            self._check(r, query)
        with self.client.get(f"/catalog/{slug}/", name="catalog", catch_response=True) as r:
            self._check(r, "rubric")

    @task(3)
    def badge(self):
        public_id = random.choice(FIXTURE["badges"])
        with self.client.get(f"/badges/{public_id}/", name="badge", catch_response=True) as r:
            self._check(r, public_id)
        with self.client.get(
            f"/badges/{public_id}/credential.json", name="badge", catch_response=True
        ) as r:
            self._check(r, public_id)

    @task(2)
    def verify(self):
        with self.client.post(
            "/credentials/verify",
            json={"verifiableCredential": FIXTURE["credential"]},
            name="verify",
            catch_response=True,
        ) as r:
            if r.status_code != 200 or r.json().get("verified") is not True:
                r.failure(f"answered {r.status_code}: {r.text[:200]}")
            else:
                r.success()

    @task(2)
    def backpack(self):
        if not self.signed_in:
            self._sign_in()
        with self.client.get("/backpack/", name="backpack", catch_response=True) as r:
            self._check(r, "Your backpack")

    def _sign_in(self):
        page = self.client.get("/accounts/login/", name="sign-in")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        with self.client.post(
            "/accounts/login/",
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "login": random.choice(FIXTURE["earners"]),
                "password": FIXTURE["password"],
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="sign-in",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            self._check(r, status=302)
        self.signed_in = True


def percentile_row(entry, duration: float) -> str:
    p = entry.get_response_time_percentile
    return (
        f"{entry.name:<10}{entry.num_requests:>9}{entry.num_failures:>8}"
        f"{entry.num_requests / duration:>9.1f}"
        f"{p(0.50):>8.0f}{p(0.95):>8.0f}{p(0.99):>8.0f}{entry.max_response_time:>8.0f}"
    )


def run_load(args) -> int:
    Person.host = f"http://127.0.0.1:{args.port}"
    environment = Environment(user_classes=[Person])
    runner = environment.create_local_runner()
    load_before = os.getloadavg()
    started = time.monotonic()
    runner.start(args.users, spawn_rate=max(1, args.users // 10))
    gevent.spawn_later(args.duration, runner.quit)
    runner.greenlet.join()
    duration = time.monotonic() - started
    load_after = os.getloadavg()

    stats = environment.stats
    print(
        f"\n{args.users} users for {duration:.0f} s against gunicorn ({args.workers} processes) "
        f"on PostgreSQL; {os.cpu_count()} cores"
    )
    columns = ("requests", 9), ("errors", 8), ("req/s", 9), ("p50", 8), ("p95", 8), ("p99", 8)
    print(f"{'kind':<10}" + "".join(f"{c:>{w}}" for c, w in columns) + f"{'max':>8}  (ms)")
    for kind in (*KINDS, "sign-in"):
        for method in ("GET", "POST"):
            entry = stats.entries.get((kind, method))
            if entry and entry.num_requests:
                print(percentile_row(entry, duration) + f"  {method}")
    total = stats.total
    print(percentile_row(total, duration).replace("Aggregated", "all       ", 1))
    print(
        f"throughput {total.num_requests / duration:.1f} requests/s; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after (1 min), "
        f"{load_after[1]:.2f} (5 min)"
    )
    for error in stats.errors.values():
        print(f"error: {error.method} {error.name}: {error.error} ×{error.occurrences}")
    return 1 if total.num_failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=180, help="seconds")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn processes")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default=os.environ.get("BENCH_POSTGRES_DB", "mc_bench_load"))
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database")
    parser.add_argument(
        "--limits", action="store_true", help="leave the rate limits on (see --env)"
    )
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    if not 1 <= args.users <= 500 or not 1 <= args.duration <= 1800:
        parser.error("at most 500 users for at most 30 minutes")

    env = server_environment(args)
    prepare_database(args, env)
    FIXTURE.update(read_fixture(env))
    print(
        f"{len(FIXTURE['catalog'])} micro-credentials, {len(FIXTURE['badges'])} public "
        f"badges, {len(FIXTURE['earners'])} earners who hold one"
    )
    server = start_server(args, env)
    try:
        return run_load(args)
    finally:
        stop_server(server)


if __name__ == "__main__":
    sys.exit(main())

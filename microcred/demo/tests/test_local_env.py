"""After `make run`, the commands the README documents work as typed: `make run` leaves a
`.env` behind (DEBUG, PORT, BASE_URL), and every command finds the demo's address in it."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from dotenv import dotenv_values

from microcred.credentials.tests.factories import signed_award

PORT = "8123"
# What a person's shell holds: nothing of the platform's settings.
PLATFORM_VARIABLES = ("SECRET_KEY", "DEBUG", "PORT", "BASE_URL", "DATABASE_URL", "ENV_FILE")


def _manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py, with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_an_export_after_make_run_on_another_port_works_and_uses_that_port(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(f"DATABASE_URL=sqlite:///{tmp_path / 'db.sqlite3'}\n")
    shell = {k: v for k, v in os.environ.items() if k not in PLATFORM_VARIABLES}
    shell["ENV_FILE"] = str(env_file)
    # What `make run PORT=8123` does before it serves.
    make_run = {**shell, "DEBUG": "true", "PORT": PORT}
    for step in (["migrate", "--noinput"], ["write_local_env", "--port", PORT], ["load_demo"]):
        done = _manage(*step, env=make_run)
        assert done.returncode == 0, done.stderr

    out = tmp_path / "exported"
    done = _manage("export_credentials", "--out", str(out), env=shell)

    assert done.returncode == 0, done.stderr
    credentials = [json.loads(path.read_text()) for path in out.glob("*.json")]
    assert credentials
    for credential in credentials:
        assert credential["id"].startswith(f"http://127.0.0.1:{PORT}/")
        assert credential["issuer"]["id"].startswith(f"did:web:127.0.0.1%3A{PORT}:")
    written = dotenv_values(env_file)
    assert written["PORT"] == PORT
    assert written["BASE_URL"] == f"http://127.0.0.1:{PORT}"
    assert written["DATABASE_URL"].endswith("db.sqlite3")


@pytest.mark.django_db
def test_make_run_on_a_new_port_keeps_the_address_credentials_were_signed_under(
    tmp_path, settings, earner, issuer, issuer_admin
):
    settings.ENV_FILE = tmp_path / ".env"
    settings.BASE_URL = "http://127.0.0.1:8123"
    signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    errors = io.StringIO()

    call_command("write_local_env", port=8200, stdout=io.StringIO(), stderr=errors)

    written = dotenv_values(settings.ENV_FILE)
    assert written["BASE_URL"] == "http://127.0.0.1:8123"
    assert written["PORT"] == "8200"
    assert written["DEBUG"] == "true"
    assert "signed under http://127.0.0.1:8123" in errors.getvalue()
    assert "make run PORT=8123" in errors.getvalue()


@pytest.mark.django_db
def test_an_address_of_ones_own_in_the_env_file_is_kept(tmp_path, settings):
    settings.ENV_FILE = tmp_path / ".env"
    settings.ENV_FILE.write_text("BASE_URL=https://demo.example.org\nDEBUG=false\n")

    call_command("write_local_env", port=8200, stdout=io.StringIO())

    written = dotenv_values(settings.ENV_FILE)
    assert written == {"BASE_URL": "https://demo.example.org", "DEBUG": "false", "PORT": "8200"}


@pytest.mark.django_db
@pytest.mark.parametrize("port", [0, 70000])
def test_a_port_out_of_range_is_refused_and_nothing_written(tmp_path, settings, port):
    settings.ENV_FILE = tmp_path / ".env"

    with pytest.raises(CommandError, match="PORT must be between 1 and 65535"):
        call_command("write_local_env", port=port, stdout=io.StringIO())

    assert not settings.ENV_FILE.exists()

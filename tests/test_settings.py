import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parent.parent


def test_env_bool_accepts_only_true_and_false(monkeypatch):
    monkeypatch.setenv("FLAG", "true")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "yes")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be 'true' or 'false'"):
        env_bool("FLAG", False)


def test_env_int_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("PORT_NUMBER", "eighty")
    with pytest.raises(ImproperlyConfigured):
        env_int("PORT_NUMBER", 8000)


def test_a_secret_can_be_read_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("API_SECRET", "from-the-environment")
    monkeypatch.setenv("API_SECRET_FILE", str(secret))

    assert env_str("API_SECRET") == "from-a-file"


def test_a_missing_required_variable_is_named(monkeypatch):
    monkeypatch.delenv("NOT_THERE", raising=False)
    with pytest.raises(ImproperlyConfigured, match="NOT_THERE"):
        env_str("NOT_THERE")


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example.org, b.example.org,")
    assert env_list("HOSTS", []) == ["a.example.org", "b.example.org"]


def _settings_in_a_fresh_process(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            "print(settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS,"
            " settings.SECURE_SSL_REDIRECT, settings.DEBUG)",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_in_a_fresh_process({})

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_defaults_are_the_safe_ones():
    result = _settings_in_a_fresh_process(
        {"SECRET_KEY": "x" * 50, "SECURE_COOKIES": "", "SECURE_SSL_REDIRECT": ""}
    )

    assert result.stdout.split() == ["True", "31536000", "True", "False"]


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("API_RATE_AUTHENTICATED", "lots", "API_RATE_AUTHENTICATED is a number of requests"),
        ("API_RATE_ANONYMOUS", "0/min", "API_RATE_ANONYMOUS is a number of requests"),
        ("WEBHOOKS_RETRY_JITTER_PERCENT", "80", "WEBHOOKS_RETRY_JITTER_PERCENT is between"),
    ],
)
def test_settings_out_of_their_range_stop_the_start_and_are_named(name, value, problem):
    result = _settings_in_a_fresh_process({"SECRET_KEY": "x" * 50, name: value})

    assert result.returncode != 0
    assert problem in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_and_hsts_over_https(client):
    response = client.get("/", secure=True)

    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_webhooks_authority_file_that_is_not_there_stops_the_start():
    result = _settings_in_a_fresh_process(
        {"SECRET_KEY": "x" * 50, "WEBHOOKS_CA_BUNDLE": "/nowhere/authorities.pem"}
    )

    assert result.returncode != 0
    assert "WEBHOOKS_CA_BUNDLE names no file" in result.stderr

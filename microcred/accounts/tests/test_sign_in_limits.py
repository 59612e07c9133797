"""Sign-in limits: an account's owner is never locked out by someone else's guesses."""

import subprocess
import sys
import time

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory, override_settings
from django.urls import reverse

from microcred.accounts import signin
from microcred.accounts.tests.factories import TOTP_SECRET, UserFactory

PASSWORD = "correct horse battery staple"
OWNER_ADDRESS = "198.51.100.7"
ATTACKER_ADDRESS = "203.0.113.9"
PROXY_ADDRESS = "10.0.0.2"

limits_on = override_settings(
    RATE_LIMITS_ENABLED=True,
    ACCOUNT_RATE_LIMITS={"login_failed": "10/m/ip"},
    SIGNIN_FREE_FAILURES=3,
    SIGNIN_MAX_DELAY_SECONDS=60,
)


def sign_in(client, email, password, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def from_address(address):
    return {"REMOTE_ADDR": address}


def through_proxy(forwarded_for):
    return {"REMOTE_ADDR": PROXY_ADDRESS, "HTTP_X_FORWARDED_FOR": forwarded_for}


@pytest.fixture
def owner():
    return UserFactory(email="owner@example.org")


@pytest.mark.django_db
@limits_on
def test_waits_grow_after_the_free_failures_and_a_success_starts_again(client, owner):
    with time_machine.travel("2026-03-02 09:00:00Z", tick=False) as clock:
        for _ in range(3):
            response = sign_in(client, owner.email, "wrong", **from_address(OWNER_ADDRESS))
            assert response.status_code == 200
            assert "Too many attempts" not in response.text
        response = sign_in(client, owner.email, PASSWORD, **from_address(OWNER_ADDRESS))
        assert "Too many attempts; try again in 2 seconds." in response.text
        assert "_auth_user_id" not in client.session

        clock.shift(3)
        sign_in(client, owner.email, "wrong", **from_address(OWNER_ADDRESS))
        response = sign_in(client, owner.email, "wrong", **from_address(OWNER_ADDRESS))
        assert "Too many attempts; try again in 4 seconds." in response.text
        assert signin.failures(owner.email, OWNER_ADDRESS) == 4

        clock.shift(5)
        sign_in(client, owner.email, "wrong", **from_address(OWNER_ADDRESS))
        response = sign_in(client, owner.email, PASSWORD, **from_address(OWNER_ADDRESS))
        assert "Too many attempts; try again in 8 seconds." in response.text

        clock.shift(9)
        response = sign_in(client, owner.email, PASSWORD, **from_address(OWNER_ADDRESS))
        assert response.status_code == 302
        assert signin.failures(owner.email, OWNER_ADDRESS) == 0


@limits_on
def test_the_wait_doubles_up_to_the_cap_and_long_waits_are_said_in_minutes():
    assert [signin.delay_after(n) for n in range(1, 10)] == [0, 0, 2, 4, 8, 16, 32, 60, 60]
    assert signin.TooManyAttempts(1).message == "Too many attempts; try again in 1 second."
    assert signin.TooManyAttempts(30).message == "Too many attempts; try again in 30 seconds."
    assert signin.TooManyAttempts(900).message == "Too many attempts; try again in 15 minutes."


@pytest.mark.django_db
@limits_on
def test_the_owner_signs_in_from_elsewhere_while_someone_hammers_the_account(client, owner):
    attacker = client.__class__()
    for _ in range(40):
        sign_in(attacker, owner.email, "guess", **from_address(ATTACKER_ADDRESS))
    # From the hammering address even the right password is refused for now (429 once the
    # address's own limit is reached).
    refused = sign_in(attacker, owner.email, PASSWORD, **from_address(ATTACKER_ADDRESS))
    assert refused.status_code in (200, 429)
    assert "_auth_user_id" not in attacker.session

    response = sign_in(client, owner.email, PASSWORD, **from_address(OWNER_ADDRESS))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(owner.pk)


@pytest.mark.django_db
@limits_on
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_owner_is_not_refused_for_the_attackers_failures(client, owner):
    attacker = client.__class__()
    for _ in range(40):
        # A forged entry naming the owner's address is the attacker's to write, and ignored.
        sign_in(
            attacker, owner.email, "guess", **through_proxy(f"{OWNER_ADDRESS}, {ATTACKER_ADDRESS}")
        )
    assert signin.failures(owner.email, OWNER_ADDRESS) == 0
    assert signin.failures(owner.email, ATTACKER_ADDRESS) >= 3

    response = sign_in(client, owner.email, PASSWORD, **through_proxy(OWNER_ADDRESS))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("count", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}, "192.0.2.1"),
        (1, {"REMOTE_ADDR": PROXY_ADDRESS, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}, "198.51.100.7"),
        (
            1,
            {
                "REMOTE_ADDR": PROXY_ADDRESS,
                "HTTP_X_FORWARDED_FOR": "1.2.3.4, 5.6.7.8, 198.51.100.7",
            },
            "198.51.100.7",
        ),
        (
            2,
            {
                "REMOTE_ADDR": PROXY_ADDRESS,
                "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7, 10.0.0.9",
            },
            "198.51.100.7",
        ),
        (2, {"REMOTE_ADDR": PROXY_ADDRESS, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}, PROXY_ADDRESS),
        (1, {"REMOTE_ADDR": PROXY_ADDRESS}, PROXY_ADDRESS),
        (
            1,
            {"REMOTE_ADDR": PROXY_ADDRESS, "HTTP_X_FORWARDED_FOR": "not-an-address"},
            PROXY_ADDRESS,
        ),
        (1, {"REMOTE_ADDR": PROXY_ADDRESS, "HTTP_X_FORWARDED_FOR": "[2001:db8::1]"}, "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_behind_exactly_the_trusted_proxies(count, meta, expected):
    request = RequestFactory().get("/", **meta)
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert signin.client_address(request) == expected


@pytest.mark.django_db
@limits_on
def test_failures_are_kept_in_the_database_cache_every_process_shares(client, owner):
    sign_in(client, owner.email, "wrong", **from_address(OWNER_ADDRESS))

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM microcred_cache WHERE cache_key LIKE %s", ["%signin-failures:%"]
        )
        assert cursor.fetchone()[0] == 1
    another_process_cache = caches.create_connection("default")
    assert another_process_cache is not caches["default"]
    assert another_process_cache.get(signin._key(owner.email, OWNER_ADDRESS))["failures"] == 1


def _settings_with(env: dict) -> str:
    code = (
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.SECURE_HSTS_PRELOAD, "
        "settings.TRUSTED_PROXY_COUNT)"
    )
    return subprocess.run(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "x", **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def test_redis_is_the_cache_when_configured_and_the_database_otherwise():
    assert _settings_with({}) == ["django.core.cache.backends.db.DatabaseCache", "False", "0"]
    assert _settings_with(
        {
            "REDIS_URL": "redis://cache.internal:6379/0",
            "SECURE_HSTS_PRELOAD": "true",
            "BEHIND_TLS_PROXY": "true",
        }
    ) == ["django.core.cache.backends.redis.RedisCache", "True", "1"]
    assert _settings_with({"BEHIND_TLS_PROXY": "true", "TRUSTED_PROXY_COUNT": "2"})[2] == "2"


@pytest.mark.django_db
@limits_on
def test_wrong_codes_after_the_password_slow_down_too(client):
    person = UserFactory(two_factor=True)
    with time_machine.travel("2026-03-02 09:00:00Z", tick=False) as clock:
        sign_in(client, person.email, PASSWORD, **from_address(OWNER_ADDRESS))
        step = reverse("mfa_authenticate")
        for _ in range(3):
            client.post(step, {"code": "000000"}, **from_address(OWNER_ADDRESS))
        code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
        response = client.post(step, {"code": code}, **from_address(OWNER_ADDRESS))
        assert "Too many attempts; try again in 2 seconds." in response.text
        assert "_auth_user_id" not in client.session

        clock.shift(3)
        code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
        client.post(step, {"code": code}, **from_address(OWNER_ADDRESS))
        assert client.session["_auth_user_id"] == str(person.pk)

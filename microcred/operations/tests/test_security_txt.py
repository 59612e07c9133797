"""/.well-known/security.txt (RFC 9116): where to report a security problem, from settings."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured

from config.env import env_contacts

URL = "/.well-known/security.txt"


def fields(response) -> list[tuple[str, str]]:
    return [tuple(line.split(": ", 1)) for line in response.text.splitlines()]


@time_machine.travel(datetime(2027, 3, 10, 15, 30, tzinfo=UTC), tick=False)
def test_security_txt_names_the_contact_and_an_expiry_within_a_year(client, settings):
    settings.SECURITY_CONTACTS = ["mailto:security@district.example.org"]
    settings.SECURITY_POLICY_URL = "https://district.example.org/security-policy"
    settings.SECURITY_TXT_DAYS = 180
    settings.BASE_URL = "https://badges.district.example.org"

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert fields(response) == [
        ("Contact", "mailto:security@district.example.org"),
        ("Expires", "2027-09-06T00:00:00Z"),
        ("Policy", "https://district.example.org/security-policy"),
        ("Preferred-Languages", "en"),
        ("Canonical", "https://badges.district.example.org/.well-known/security.txt"),
    ]


def test_without_a_contact_there_is_no_security_txt(client, settings):
    settings.SECURITY_CONTACTS = []

    assert client.get(URL).status_code == 404


def test_every_contact_is_listed_in_order(client, settings):
    settings.SECURITY_CONTACTS = ["mailto:security@example.org", "https://example.org/report"]

    contacts = [value for name, value in fields(client.get(URL)) if name == "Contact"]

    assert contacts == ["mailto:security@example.org", "https://example.org/report"]


def test_a_contact_is_an_address_or_a_uri(monkeypatch):
    monkeypatch.setenv("SECURITY_CONTACT", "security@example.org, https://example.org/report")
    assert env_contacts("SECURITY_CONTACT") == [
        "mailto:security@example.org",
        "https://example.org/report",
    ]

    monkeypatch.setenv("SECURITY_CONTACT", "http://example.org/report")
    with pytest.raises(ImproperlyConfigured, match="SECURITY_CONTACT"):
        env_contacts("SECURITY_CONTACT")

"""Addresses a webhook is never sent to: refused at registration, and again at each attempt
after the host name is resolved anew (DNS rebinding)."""

import socket

import pytest

from microcred.webhooks import addresses, services
from microcred.webhooks.models import Delivery, EventType

pytestmark = pytest.mark.django_db


def _resolving(monkeypatch, *answers):
    """The host name resolves to each answer in turn (the last one from then on); an
    answer is one address or several, separated by spaces."""
    answers = list(answers)

    def getaddrinfo(host, port, *args, **kwargs):
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in answer.split()
        ]

    monkeypatch.setattr(addresses.socket, "getaddrinfo", getaddrinfo)


def register(issuer, by, url):
    return services.register(issuer, by=by, url=url, events=[EventType.AWARD_ISSUED])


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hooks",
        "https://localhost/hooks",
        "https://[::1]/hooks",
        "https://[::ffff:127.0.0.1]/hooks",
        "https://10.0.0.8/hooks",
        "https://172.16.4.4/hooks",
        "https://192.168.1.20/hooks",
        "https://169.254.169.254/latest/meta-data/",
        "https://100.64.0.1/hooks",
        "https://0.0.0.0/hooks",
        "https://[fe80::1]/hooks",
        "https://[fd00::1]/hooks",
        "https://224.0.0.1/hooks",
        "https://2130706433/hooks",  # 127.0.0.1 written as one number
        "https://0x7f.0.0.1/hooks",
    ],
)
def test_an_internal_address_is_refused_at_registration(url, issuer, org_admin):
    with pytest.raises(services.EndpointProblem, match="not on the public internet"):
        register(issuer, org_admin, url)


def test_a_name_resolving_to_an_internal_address_is_refused(monkeypatch, issuer, org_admin):
    _resolving(monkeypatch, "93.184.216.34 10.1.2.3")
    with pytest.raises(services.EndpointProblem, match="hooks.example.org is not on the public"):
        register(issuer, org_admin, "https://hooks.example.org/in")


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://hooks.example.org/in", "must start with https://"),
        ("ftp://hooks.example.org/in", "starting with https://"),
        ("hooks.example.org/in", "starting with https://"),
        ("", "starting with https://"),
        ("https://", "starting with https://"),
        ("https://hooks.example.org:99999/in", "complete web address"),
        ("https://user:pw@hooks.example.org/in", "user name and password"),
        ("https://hooks.example.org/in#part", "#fragment"),
    ],
)
def test_an_address_that_is_not_a_plain_https_one_is_refused(url, why, issuer, org_admin):
    with pytest.raises(services.EndpointProblem, match=why):
        register(issuer, org_admin, url)


def test_an_unknown_host_is_refused(monkeypatch, issuer, org_admin):
    def unknown(*args, **kwargs):
        raise socket.gaierror("Name or service not known")

    monkeypatch.setattr(addresses.socket, "getaddrinfo", unknown)
    with pytest.raises(services.EndpointProblem, match="cannot be found"):
        register(issuer, org_admin, "https://nowhere.example.org/in")


def test_loopback_is_refused_unless_the_setting_allows_it(settings, issuer, org_admin):
    settings.WEBHOOKS_REQUIRE_HTTPS = False
    with pytest.raises(services.EndpointProblem, match="not on the public internet"):
        register(issuer, org_admin, "http://127.0.0.1:8000/hooks")
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    endpoint, _secret = register(issuer, org_admin, "http://127.0.0.1:8000/hooks")
    assert endpoint.url == "http://127.0.0.1:8000/hooks"


def test_a_name_that_turns_internal_after_registration_is_refused_before_sending(
    monkeypatch, issuer, org_admin, django_capture_on_commit_callbacks
):
    # Public when registered; the metadata service's address when the attempt resolves it.
    _resolving(monkeypatch, "93.184.216.34", "169.254.169.254")
    endpoint, _secret = register(issuer, org_admin, "https://hooks.example.org/in")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_test(endpoint, by=org_admin)
    delivery = Delivery.objects.get()
    assert delivery.status == "pending"
    assert delivery.attempts == 1
    assert delivery.status_code is None
    assert "not on the public internet" in delivery.error


def test_the_attempt_connects_to_the_address_that_was_checked(monkeypatch):
    _resolving(monkeypatch, "93.184.216.34")
    target = addresses.check("https://Hooks.Example.org:8443/in?x=1")
    assert (target.host, target.ip, target.port, target.path) == (
        "hooks.example.org",
        "93.184.216.34",
        8443,
        "/in?x=1",
    )

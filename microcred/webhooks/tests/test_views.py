"""The webhook pages: registering with a clear error for each bad input, the secret shown
once, the deliveries listed with their results, and the buttons beside them."""

import pytest
from django.urls import reverse

from microcred.webhooks import delivering, services
from microcred.webhooks.models import Delivery, Endpoint, EventType

pytestmark = pytest.mark.django_db


def _url(name, issuer, *args):
    return reverse(f"webhooks:{name}", args=[issuer.slug, *args])


def _register(client, issuer, **data):
    return client.post(
        _url("endpoints", issuer),
        {"url": "", "events": ["award.issued"], "description": ""} | data,
    )


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"url": ""}, "This field is required."),
        ({"url": "https://10.0.0.1/in"}, "not on the public internet"),
        ({"url": "http://127.0.0.1:8000/in"}, "must start with https://"),
        ({"url": "https://127.0.0.1/in", "events": []}, "Choose at least one event"),
        ({"url": "https://127.0.0.1/in", "events": ["award.eaten"]}, "Select a valid choice"),
        ({"url": "https://127.0.0.1/in", "description": "x" * 201}, "at most 200 characters"),
    ],
)
def test_a_bad_endpoint_is_refused_with_its_reason_and_nothing_is_saved(
    client, issuer, org_admin, data, error
):
    client.force_login(org_admin)
    response = _register(client, issuer, **data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Endpoint.objects.exists()


def test_registering_shows_the_secret_once(client, loopback, issuer, org_admin):
    client.force_login(org_admin)
    response = _register(
        client, issuer, url="http://127.0.0.1:9/in", events=["award.issued", "member.joined"]
    )
    assert response.status_code == 201
    endpoint = Endpoint.objects.get()
    secret = delivering.secret_of(endpoint)
    assert secret in response.content.decode()
    assert endpoint.events == ["award.issued", "member.joined"]
    page = client.get(endpoint.get_absolute_url()).content.decode()
    assert secret not in page
    assert "An award was issued" in page
    listing = client.get(_url("endpoints", issuer)).content.decode()
    assert "http://127.0.0.1:9/in" in listing
    assert secret not in listing
    rotated = client.post(_url("rotate_secret", issuer, endpoint.pk)).content.decode()
    endpoint.refresh_from_db()
    assert delivering.secret_of(endpoint) in rotated
    assert secret not in rotated


def test_an_address_registered_twice_is_refused(client, loopback, issuer, org_admin):
    client.force_login(org_admin)
    _register(client, issuer, url="http://127.0.0.1:9/in")
    response = _register(client, issuer, url="http://127.0.0.1:9/in")
    assert "already registered here" in response.content.decode()
    assert Endpoint.objects.count() == 1


def test_an_organization_registers_only_so_many_endpoints(
    client, loopback, issuer, org_admin, settings
):
    settings.WEBHOOKS_MAX_ENDPOINTS = 1
    client.force_login(org_admin)
    _register(client, issuer, url="http://127.0.0.1:9/in")
    response = _register(client, issuer, url="http://127.0.0.1:9/other")
    assert "up to 1 endpoints" in response.content.decode()


def test_the_endpoint_page_lists_deliveries_with_their_results_and_a_retry_button(
    client, receiver, issuer, org_admin, django_capture_on_commit_callbacks
):
    receiver.status, receiver.answer = 500, b"receiver says no"
    endpoint, _secret = services.register(
        issuer, by=org_admin, url=receiver.url, events=[EventType.AWARD_ISSUED]
    )
    client.force_login(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("send_test", issuer, endpoint.pk))
    page = client.get(response.url).content.decode()
    delivery = Delivery.objects.get()
    assert "A test event is on its way" in page
    assert "HTTP 500" in page
    assert "receiver says no" in page
    assert "webhook.test" in page
    assert f"Retry {delivery.message_id} now" in page
    receiver.status = 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("retry", issuer, endpoint.pk, delivery.pk))
    assert "being sent again" in client.get(response.url).content.decode()
    delivery.refresh_from_db()
    assert delivery.status == "succeeded"
    response = client.post(_url("retry", issuer, endpoint.pk, delivery.pk), follow=True)
    assert "nothing to retry" in response.content.decode()


def test_a_disabled_endpoint_says_so_and_takes_no_test(client, loopback, issuer, org_admin):
    endpoint, _secret = services.register(
        issuer, by=org_admin, url="http://127.0.0.1:9/in", events=[EventType.AWARD_ISSUED]
    )
    client.force_login(org_admin)
    page = client.post(
        _url("set_enabled", issuer, endpoint.pk), {"enabled": "0"}, follow=True
    ).content.decode()
    assert "This endpoint is disabled" in page
    assert "Send a test event</button>" not in page
    response = client.post(_url("send_test", issuer, endpoint.pk), follow=True)
    assert "Enable the endpoint before sending" in response.content.decode()
    delivery = Delivery.objects.create(
        endpoint=endpoint, message_id="msg_x", event_type="webhook.test", payload="{}"
    )
    response = client.post(_url("retry", issuer, endpoint.pk, delivery.pk), follow=True)
    assert "Enable the endpoint before sending" in response.content.decode()
    page = client.post(
        _url("set_enabled", issuer, endpoint.pk), {"enabled": "1"}, follow=True
    ).content.decode()
    assert "The endpoint is enabled" in page


def test_an_endpoint_is_changed_with_the_same_checks(client, loopback, issuer, org_admin):
    endpoint, _secret = services.register(
        issuer, by=org_admin, url="http://127.0.0.1:9/in", events=[EventType.AWARD_ISSUED]
    )
    client.force_login(org_admin)
    assert client.get(_url("edit", issuer, endpoint.pk)).status_code == 200
    refused = client.post(
        _url("edit", issuer, endpoint.pk),
        {"url": "https://192.168.0.9/", "events": ["award.issued"]},
    )
    assert refused.status_code == 400
    assert "not on the public internet" in refused.content.decode()
    client.post(
        _url("edit", issuer, endpoint.pk),
        {"url": "http://127.0.0.1:9/new", "events": ["member.joined"], "description": "HR"},
    )
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.events, endpoint.description) == (
        "http://127.0.0.1:9/new",
        ["member.joined"],
        "HR",
    )


def test_removing_asks_first(client, loopback, issuer, org_admin):
    endpoint, _secret = services.register(
        issuer, by=org_admin, url="http://127.0.0.1:9/in", events=[EventType.AWARD_ISSUED]
    )
    client.force_login(org_admin)
    assert (
        "Nothing more will be sent"
        in client.get(_url("remove", issuer, endpoint.pk)).content.decode()
    )
    response = client.post(_url("remove", issuer, endpoint.pk), follow=True)
    assert "is removed" in response.content.decode()
    assert not Endpoint.objects.exists()


def test_another_organizations_endpoint_is_not_found(
    client, loopback, issuer, other_issuer, org_admin
):
    endpoint, _secret = services.register(
        issuer, by=org_admin, url="http://127.0.0.1:9/in", events=[EventType.AWARD_ISSUED]
    )
    from microcred.accounts.models import Membership, Role

    Membership.objects.create(user=org_admin, organization=other_issuer, role=Role.ORG_ADMIN)
    client.force_login(org_admin)
    assert client.get(_url("endpoint", other_issuer, endpoint.pk)).status_code == 404


def test_the_members_page_leads_its_admins_to_the_webhooks(client, issuer, org_admin, assessor):
    client.force_login(org_admin)
    page = client.get(reverse("people:members", args=[issuer.slug])).content.decode()
    assert _url("endpoints", issuer) in page


def test_only_the_organizations_admins_manage_its_endpoints(loopback, issuer, assessor, org_admin):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.register(
            issuer, by=assessor, url="http://127.0.0.1:9/in", events=[EventType.AWARD_ISSUED]
        )
    endpoint, _secret = services.register(
        issuer, by=org_admin, url="http://127.0.0.1:9/in", events=[EventType.AWARD_ISSUED]
    )
    for act in (services.rotate_secret, services.send_test, services.remove):
        with pytest.raises(PermissionDenied):
            act(endpoint, by=assessor)

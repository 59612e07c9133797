"""An issuer's admin registers a webhook endpoint from the members page, copies the secret
shown once, sends a test event and sees it delivered; the receiver checks the signature
with that secret. The pages pass axe and fit a phone."""

import pytest
from playwright.sync_api import expect

from microcred.webhooks.tests.receiver import Receiver, start

from .conftest import assert_accessible

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    settings.WEBHOOKS_REQUIRE_HTTPS = False
    receiver = Receiver()
    server, thread = start(receiver)
    yield receiver
    server.shutdown()
    server.server_close()
    thread.join(5)


def _fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 375px screen"


def test_an_admin_registers_an_endpoint_and_sees_a_test_event_delivered(
    new_page, receiver, issuer, org_admin
):
    page = new_page(viewport=PHONE)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(org_admin.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign In").click()

    page.goto(f"/organizations/{issuer.slug}/members/")
    page.get_by_role("link", name="Webhooks").click()
    expect(page.get_by_text("No endpoints yet.")).to_be_visible()
    _fits(page)
    assert_accessible(page)

    page.get_by_role("button", name="Register the endpoint").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    page.get_by_label("Address").fill(receiver.url)
    page.get_by_label("An award was issued").check()
    page.get_by_label("Description").fill("Our HR system")
    page.get_by_role("button", name="Register the endpoint").click()

    secret = page.get_by_role("textbox", name="Secret").input_value()
    assert secret.startswith("whsec_")
    _fits(page)
    assert_accessible(page)

    page.get_by_role("button", name="Send a test event").click()
    expect(page.get_by_text("A test event is on its way")).to_be_visible()
    deliveries = page.get_by_role("table")
    expect(deliveries.get_by_text("Delivered")).to_be_visible()
    expect(deliveries.get_by_text("HTTP 200")).to_be_visible()
    [message] = receiver.checked(secret)
    assert message["type"] == "webhook.test"
    assert page.get_by_role("textbox", name="Secret").count() == 0  # shown once
    _fits(page)
    assert_accessible(page)

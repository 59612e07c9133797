"""An organization's admin gives one of its systems access to the REST API from the
members page: makes an API client, copies its identifier and secret shown once; the
system gets a token with the client credentials grant and reads the API with it; the
admin revokes the client and the same token is refused. The pages pass axe and fit a
phone, and work with JavaScript off."""

import pytest
import requests
from playwright.sync_api import expect

from microcred.connect import scopes

from .conftest import assert_accessible

PHONE = {"width": 375, "height": 740}


def _fits_a_phone(page, *, javascript: bool) -> None:
    if not javascript:
        return  # the page's width and axe are measured by script, in the run with it
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 375px screen"
    assert_accessible(page)


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_an_admin_makes_a_client_whose_token_works_until_it_is_revoked(
    new_page, live_server, issuer, org_admin, javascript
):
    page = new_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(org_admin.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign In").click()

    page.goto(f"/organizations/{issuer.slug}/members/")
    page.get_by_role("link", name="API clients").click()
    expect(page.get_by_text("No API clients yet.")).to_be_visible()
    _fits_a_phone(page, javascript=javascript)

    page.get_by_role("button", name="Make the client").click()
    expect(page.get_by_text("Choose at least one role.")).to_be_visible()
    page.get_by_label("Name").fill("Student information system")
    page.get_by_label("Facilitator").check()
    page.get_by_label(str(scopes.AREAS["api"][scopes.COHORTS])).check()
    page.get_by_role("button", name="Make the client").click()

    client_id = page.get_by_role("textbox", name="Client ID").input_value()
    secret = page.get_by_role("textbox", name="Client secret").input_value()
    expect(page.get_by_text("grant_type=client_credentials")).to_be_visible()
    _fits_a_phone(page, javascript=javascript)

    answer = requests.post(
        f"{live_server.url}/ims/ob/v3p0/oauth/token",
        data={"grant_type": "client_credentials", "scope": scopes.COHORTS},
        auth=(client_id, secret),
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    token = answer.json()["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    api = f"{live_server.url}/api/v1/micro-credentials/"
    assert requests.get(api, headers=bearer, timeout=10).status_code == 200

    page.get_by_role("link", name="Back to the API clients").click()
    expect(page.get_by_role("cell", name="Facilitator")).to_be_visible()
    page.get_by_role("link", name="Revoke Student information system").click()
    _fits_a_phone(page, javascript=javascript)
    page.get_by_role("button", name="Revoke Student information system").click()
    expect(page.get_by_text("Student information system is revoked")).to_be_visible()
    assert page.get_by_role("textbox", name="Client secret").count() == 0  # shown once
    _fits_a_phone(page, javascript=javascript)

    refused = requests.get(api, headers=bearer, timeout=10)
    assert refused.status_code == 401
    assert refused.headers["Content-Type"] == "application/problem+json"
    again = requests.post(
        f"{live_server.url}/ims/ob/v3p0/oauth/token",
        data={"grant_type": "client_credentials", "scope": scopes.COHORTS},
        auth=(client_id, secret),
        timeout=10,
    )
    assert again.status_code == 401

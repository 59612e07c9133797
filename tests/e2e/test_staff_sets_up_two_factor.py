"""Two-factor sign-in in a real browser: a staff member without it signs in, is sent to set
up an authenticator app (with a plain explanation), confirms with a code computed from the
secret the page shows, keeps the recovery codes, signs out, and signs in again with their
password and a fresh code. A district admin turns on the district's requirement from the
members page and is sent to set it up in turn. Every page passes axe and fits a 375-pixel
phone."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory

from .conftest import assert_accessible

PASSWORD = "correct horse battery staple"
PHONE = {"width": 375, "height": 740}


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _code(secret: str, not_this: str = "") -> str:
    """The authenticator app's code now; a code is good once, so wait for the next one."""
    while True:
        # A code typed in the last seconds of its 30-second step reaches the server in the
        # next one and is refused, as it would be for a person: wait for a fresh step.
        if time.time() % 30 > 25:
            time.sleep(30 - time.time() % 30 + 0.1)
            continue
        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        if code != not_this:
            return code
        time.sleep(1)


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_staff_member_sets_up_an_authenticator_app_and_signs_in_with_it(new_page):
    staff = UserFactory(name="Sam Staff", is_staff=True, two_factor=False)
    page = new_page(viewport=PHONE)

    _sign_in(page, staff)
    # Adding an authenticator asks for the password once more; the reason is on the page.
    expect(page.get_by_text("needs a second step at sign-in")).to_be_visible()
    assert_accessible(page)
    _fits(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    assert_accessible(page)
    _fits(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    first = _code(secret)
    page.get_by_label("Authenticator code").fill(first)
    page.get_by_role("button", name="Activate").click()

    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    expect(page.get_by_text("Unused codes")).to_be_visible()
    assert_accessible(page)
    _fits(page)

    # The page listing every way to sign in: app, recovery codes, security keys.
    page.goto("/accounts/2fa/")
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
    assert_accessible(page)
    _fits(page)
    page.goto("/author/")
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_have_count(0)
    page.get_by_role("button", name="Sign out").click()
    confirm = page.get_by_role("button", name="Sign Out")
    if confirm.count():
        confirm.click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()

    _sign_in(page, staff)
    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
    assert_accessible(page)
    _fits(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("Incorrect code")).to_be_visible()
    page.get_by_label("Code").fill(_code(secret, not_this=first))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.goto("/author/")
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_have_count(0)


def test_district_admin_requires_two_factor_and_is_sent_to_set_it_up(new_page, district):
    admin = UserFactory(name="Dana District")
    MembershipFactory(user=admin, organization=district, role=Role.ORG_ADMIN)
    page = new_page(viewport=PHONE)
    _sign_in(page, admin)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.goto(f"/organizations/{district.slug}/members/")
    expect(page.get_by_text("Admins here may sign in with a password only.")).to_be_visible()
    page.get_by_role("link", name="Sign-in rules").click()
    assert_accessible(page)
    _fits(page)
    page.get_by_label("Admins must sign in with two-factor authentication").check()
    page.get_by_role("button", name="Save the sign-in rules").click()

    # The next page they open sends them to set it up, and says why.
    page.goto(f"/organizations/{district.slug}/members/")
    expect(page.get_by_text("needs a second step at sign-in")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    district.refresh_from_db()
    assert district.require_two_factor

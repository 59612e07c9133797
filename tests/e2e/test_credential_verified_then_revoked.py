"""An earned credential from the backpack to a verifier, and its revocation, in real
browsers, one context per person: the earner opens the badge page of what they earned,
downloads the signed credential and checks it on the verifier page; the issuer's admin
revokes it with a reason; the badge page and the verifier then say Revoked."""

import re

from playwright.sync_api import expect

from microcred.credentials.models import Award
from microcred.credentials.tests.factories import reviewed_submission

from .conftest import assert_accessible

PASSWORD = "correct horse battery staple"
TITLE = "Exit Tickets That Inform Teaching"
PHONE = {"width": 375, "height": 740}


def _sign_in(new_page, user, **options):
    page = new_page(**options)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def _earned(earner, issuer, issuer_admin) -> Award:
    """Met by two agreeing assessors; the award is signed once the decision commits."""
    submission = reviewed_submission(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, title=TITLE
    )
    award = Award.objects.get(submission=submission)
    assert award.signed_at is not None
    return award


def _fits(page, width=PHONE["width"]):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_earner_verifies_a_downloaded_credential_then_sees_it_revoked(
    new_page, earner, issuer, issuer_admin
):
    award = _earned(earner, issuer, issuer_admin)

    me = _sign_in(new_page, earner, viewport=PHONE)
    me.get_by_role("navigation", name="Main").get_by_role("link", name="Backpack").click()
    earned = me.get_by_role("region", name=re.compile("Earned"))
    earned.get_by_role("link", name=f"Credential for {TITLE}").click()
    expect(me.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(me.get_by_role("heading", name=re.compile("Verified"))).to_be_visible()
    expect(me.get_by_role("region", name="What was achieved")).to_be_visible()
    assert_accessible(me)
    _fits(me)

    with me.expect_download() as download:
        me.get_by_role("link", name="Download the credential (JSON)").click()
    saved = download.value.path()
    assert download.value.suggested_filename == f"{award.public_id}.json"

    me.goto("/verify/")
    assert_accessible(me)
    me.get_by_label("Credential file").set_input_files(saved)
    me.get_by_role("button", name="Verify", exact=True).click()
    result = me.get_by_role("region", name=re.compile("Verified"))
    expect(result).to_be_visible()
    expect(result.get_by_text(TITLE)).to_be_visible()
    assert_accessible(me)
    _fits(me)

    admin = _sign_in(new_page, issuer_admin)
    admin.get_by_role("navigation", name="Main").get_by_role(
        "link", name=f"Credentials: {issuer.name}"
    ).click()
    expect(admin.get_by_role("heading", name=f"Credentials of {issuer.name}")).to_be_visible()
    assert_accessible(admin)
    admin.get_by_role("region", name=re.compile("credential awarded")).get_by_role(
        "link", name=TITLE
    ).click()
    admin.get_by_role("button", name="Revoke", exact=True).click()
    expect(admin.get_by_role("alert")).to_contain_text("Say why the credential is revoked")
    assert_accessible(admin)
    admin.get_by_label(re.compile("Reason")).fill("The evidence was not the earner's own.")
    admin.get_by_role("button", name="Revoke", exact=True).click()
    expect(admin.get_by_text("The credential is revoked; verifiers now see it.")).to_be_visible()
    expect(admin.get_by_role("heading", name=re.compile("Revoked"))).to_be_visible()

    me.goto(award.get_absolute_url())
    expect(me.get_by_role("heading", name=re.compile("Revoked"))).to_be_visible()
    expect(me.get_by_text("The evidence was not the earner's own.")).to_be_visible()
    assert_accessible(me)

    me.goto("/verify/")
    me.get_by_label("Credential file").set_input_files(saved)
    me.get_by_role("button", name="Verify", exact=True).click()
    expect(me.get_by_role("region", name=re.compile("Revoked"))).to_be_visible()
    expect(me.get_by_text("The issuer has revoked this credential.", exact=True)).to_be_visible()
    assert_accessible(me)


def test_a_badge_page_reads_without_javascript(new_page, earner, issuer, issuer_admin):
    award = _earned(earner, issuer, issuer_admin)

    anyone = new_page(java_script_enabled=False, viewport=PHONE)
    anyone.goto(award.get_absolute_url())

    expect(anyone.get_by_role("heading", name=re.compile("Verified"))).to_be_visible()
    expect(anyone.get_by_role("link", name="Download the credential (JWT)")).to_be_visible()
    expect(anyone.get_by_role("button", name="Revoke")).to_have_count(0)
    _fits(anyone)

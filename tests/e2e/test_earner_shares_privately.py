"""An earner decides who sees a badge and takes a learner record away, in real browsers:
the earner makes a badge page private from its own page; a signed-out visitor then finds
nothing there; the earner downloads a learner record (CLR 2.0) from the backpack and the
verifier page checks it and each credential inside it."""

import re

from playwright.sync_api import expect

from microcred.credentials.models import Award
from microcred.credentials.tests.factories import reviewed_submission

from .conftest import assert_accessible

PASSWORD = "correct horse battery staple"
TITLE = "Cold Calling With Care"


def _sign_in(new_page, user):
    page = new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def test_earner_makes_a_badge_private_and_takes_a_learner_record(
    new_page, earner, issuer, issuer_admin
):
    submission = reviewed_submission(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, title=TITLE
    )
    award = Award.objects.get(submission=submission)

    me = _sign_in(new_page, earner)
    me.get_by_role("navigation", name="Main").get_by_role("link", name="Backpack").click()
    me.get_by_role("region", name=re.compile("Earned")).get_by_role(
        "link", name=f"Credential for {TITLE}"
    ).click()
    share = me.get_by_role("region", name="Share this badge")
    expect(share.get_by_role("link", name="Add to your LinkedIn profile")).to_have_attribute(
        "href", re.compile(r"^https://www\.linkedin\.com/profile/add\?startTask=CERTIFICATION_NAME")
    )
    expect(share.get_by_label("Embed on a website")).to_have_value(re.compile("<img src="))
    assert_accessible(me)

    who = me.get_by_role("region", name="Who sees this badge")
    who.get_by_label("Private: only me (and the issuer's admins)").check()
    who.get_by_role("button", name="Save").click()
    expect(
        me.get_by_text("Only you (and the issuer's admins) can see this badge page now.")
    ).to_be_visible()
    expect(me.get_by_text(re.compile("This page is private"))).to_be_visible()
    assert_accessible(me)

    visitor = new_page()
    response = visitor.goto(award.get_absolute_url())
    assert response.status == 404

    me.get_by_role("navigation", name="Main").get_by_role("link", name="Backpack").click()
    record = me.get_by_role("region", name="Your learner record")
    expect(record.get_by_role("checkbox", name=re.compile(TITLE))).to_be_checked()
    assert_accessible(me)
    with me.expect_download() as download:
        record.get_by_role("button", name="Download the record (JSON)").click()
    assert download.value.suggested_filename.startswith("learner-record-")
    saved = download.value.path()

    me.goto("/verify/")
    me.get_by_label("Credential file").set_input_files(saved)
    me.get_by_role("button", name="Verify", exact=True).click()
    expect(me.get_by_role("region", name=re.compile("Verified"))).to_be_visible()
    expect(me.get_by_role("heading", name=re.compile("Credential 1 in the record"))).to_be_visible()
    assert_accessible(me)

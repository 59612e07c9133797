"""Near-duplicate evidence in real browsers: an issuer admin finds a flagged copy from the
authoring workspace, compares the two answers side by side, asks both earners to
explain; the copier answers from the notification without learning who the other
earner is; the admin reads the answer and clears the flag with a note."""

import re

from playwright.sync_api import expect

from microcred.accounts.tests.factories import UserFactory
from microcred.catalog.tests.factories import published_version
from microcred.submissions.duplicates import services
from microcred.submissions.duplicates.tests.factories import (
    LIGHTLY_EDITED,
    ORIGINAL,
    submitted,
)

from .conftest import assert_accessible

PASSWORD = "correct horse battery staple"


def _sign_in(new_page, user):
    page = new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def test_admin_compares_a_flagged_copy_asks_both_earners_then_clears_it(
    new_page, issuer, issuer_admin
):
    version = published_version(
        issuer_admin, micro_credential__issuer=issuer, title="Exit Tickets That Inform", fee=0
    )
    first = submitted(version, earner=UserFactory(name="Fern Earlier"), text=ORIGINAL)
    services.check_submission(first.pk)
    copier = UserFactory(name="Lou Later")
    copy = submitted(version, earner=copier, text=LIGHTLY_EDITED)
    services.check_submission(copy.pk)

    admin = _sign_in(new_page, issuer_admin)
    admin.get_by_role("link", name="Authoring").click()
    admin.get_by_role("link", name="1 open flag").click()
    expect(admin.get_by_role("heading", name="Possible duplicate evidence")).to_be_visible()
    assert_accessible(admin)
    admin.get_by_role("link", name=f"{copy.reference} and {first.reference}").click()
    expect(admin.locator("mark").first).to_be_visible()
    expect(admin.get_by_text("Fern Earlier")).to_be_visible()
    assert_accessible(admin)
    admin.get_by_label("Question for both earners").fill("How did you write this answer?")
    admin.get_by_role("button", name="Ask both earners").click()
    expect(admin.get_by_text("Both earners have been asked to explain.")).to_be_visible()

    me = _sign_in(new_page, copier)
    me.get_by_role("link", name=re.compile("Notifications")).click()
    me.get_by_role(
        "link", name=re.compile(f"Please explain the evidence in submission {copy.reference}")
    ).click()
    expect(me.get_by_text("How did you write this answer?")).to_be_visible()
    expect(me.get_by_text("Fern Earlier")).to_have_count(0)
    expect(me.get_by_text(first.reference)).to_have_count(0)
    assert_accessible(me)
    me.get_by_label("Your explanation").fill("A colleague shared her notes with me.")
    me.get_by_role("button", name="Send explanation").click()
    expect(me.get_by_text("Your explanation was sent to the issuer.")).to_be_visible()

    admin.reload()
    expect(admin.get_by_text("A colleague shared her notes with me.")).to_be_visible()
    admin.get_by_label("Why is this not a concern?").fill("Discussed with both; notes shared.")
    admin.get_by_role("button", name="Clear flag").click()
    expect(admin.get_by_text("Flag cleared. Your note is kept with it.")).to_be_visible()
    expect(admin.get_by_text(re.compile("Discussed with both; notes shared."))).to_be_visible()
    assert_accessible(admin)

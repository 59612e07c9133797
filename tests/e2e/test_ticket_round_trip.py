"""An earner asks for help from the submission page; the issuer's staff answer from the
help desk; the earner reads the answer, signed by the desk, and marks the ticket solved."""

import re

from playwright.sync_api import expect

from microcred.submissions import services as submissions
from microcred.submissions.tests.factories import enrollment_for

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


def test_a_ticket_goes_from_the_submission_page_to_the_desk_and_back(
    new_page, issuer, issuer_admin, earner
):
    enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    draft = submissions.start_attempt(enrollment, by=earner)

    me = _sign_in(new_page, earner)
    me.goto(f"/submissions/{draft.reference}/")
    me.get_by_role("link", name="Get help with this submission").click()
    expect(me.get_by_label("Submission ID")).to_have_value(draft.reference)
    me.get_by_label("Subject").fill("Which file types count?")
    me.get_by_label("What do you need help with?").fill("Can I upload a Keynote file?")
    assert_accessible(me)
    me.get_by_role("button", name="Send ticket").click()
    expect(me.get_by_text("Ticket sent.")).to_be_visible()
    assert_accessible(me)

    staff = _sign_in(new_page, issuer_admin)
    staff.get_by_role("link", name="Help desk").click()
    expect(staff.get_by_text("Open: 1")).to_be_visible()
    assert_accessible(staff)
    staff.get_by_role("link", name=re.compile("Which file types count")).click()
    staff.get_by_label("Your message").fill("Export it as PDF; Keynote files cannot be opened.")
    staff.get_by_label("Then the ticket is").select_option("waiting")
    staff.get_by_role("button", name="Send").click()
    expect(staff.get_by_text("Message sent.")).to_be_visible()
    assert_accessible(staff)

    me.get_by_role("navigation", name="Main").get_by_role("link", name="Help", exact=True).click()
    me.get_by_role("link", name=re.compile("Which file types count")).click()
    expect(me.get_by_text("Export it as PDF")).to_be_visible()
    expect(me.get_by_text("Ivy Issuer")).to_have_count(0)
    expect(me.get_by_text(re.compile("help desk")).first).to_be_visible()
    me.get_by_role("button", name=re.compile("mark solved")).click()
    expect(me.get_by_text("Ticket marked solved.")).to_be_visible()
    assert_accessible(me)

"""With no card processor set up, an earner pays a fee by invoice: they ask for one with a
purchase order number from the fee box, the issuer's admin marks it paid with the cheque
number on their fees page, and the earner submits. No page of the flow is in /admin/."""

import re

import pytest
from playwright.sync_api import expect

from microcred.catalog.models import Requirement
from microcred.submissions import services as submissions
from microcred.submissions.tests.factories import enrollment_for

from .conftest import assert_accessible

PASSWORD = "correct horse battery staple"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def draft(settings, earner, issuer, issuer_admin):
    settings.PAYMENT_PROVIDER = ""
    enrollment = enrollment_for(
        earner,
        issuer_admin=issuer_admin,
        micro_credential__issuer=issuer,
        title="Discussion Protocols in Practice",
    )
    submission = submissions.start_attempt(enrollment, by=earner)
    requirement = Requirement.objects.get(version=enrollment.version)
    submissions.save_text(
        submission, requirement, by=earner, kind="text", text="A fishbowl with two circles."
    )
    return submission


def _sign_in(new_page, user, visited, **options):
    page = new_page(**options)
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def _fits(page, width=375):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_an_earner_pays_by_invoice_and_submits(new_page, draft, earner, issuer_admin):
    visited: list[str] = []

    # The earner opens the draft from the backpack and reads the ways to pay.
    me = _sign_in(new_page, earner, visited, viewport=PHONE)
    me.get_by_role("link", name="Backpack").first.click()
    me.get_by_role("link", name=re.compile(f"Submission {draft.reference}")).click()
    fee = me.locator("#fee")
    expect(fee.get_by_role("heading", name="Fee")).to_be_visible()
    expect(fee.get_by_text("It must be paid before you submit")).to_be_visible()
    for way in ("Use a voucher", "Ask your district to pay", "Ask for an invoice"):
        expect(fee.get_by_role("heading", name=way)).to_be_visible()
    expect(fee.get_by_text("pays by cheque, purchase order or bank transfer")).to_be_visible()
    expect(fee.get_by_role("button", name="Pay by card")).to_have_count(0)
    assert_accessible(me)
    fee.scroll_into_view_if_needed()
    _fits(me)

    # The invoice request works without JavaScript.
    plain = _sign_in(new_page, earner, visited, java_script_enabled=False, viewport=PHONE)
    plain.goto(f"/submissions/{draft.reference}/")
    plain.get_by_label("Purchase order number (optional)").fill("PO-2291")
    plain.get_by_label("Who to bill (optional)").fill("Riverbend Middle School office")
    plain.get_by_role("button", name="Ask for an invoice").click()
    expect(plain.get_by_text("Invoice requested.")).to_be_visible()
    expect(plain.get_by_text("Purchase order: PO-2291.")).to_be_visible()

    me.reload()
    expect(me.get_by_text("You asked for an invoice on")).to_be_visible()
    expect(me.get_by_role("heading", name="Ask for an invoice")).to_have_count(0)
    assert_accessible(me)
    _fits(me)
    # Submitting before the invoice is paid says why not.
    me.get_by_role("button", name="Submit for review").click()
    expect(me.get_by_text("The fee is not paid yet.")).to_be_visible()

    # The issuer's admin finds the request on their fees page and records the cheque.
    staff = _sign_in(new_page, issuer_admin, visited)
    staff.get_by_role("link", name="Fees: Lakeside Teaching Institute").click()
    expect(staff.get_by_role("heading", name="Invoice requests")).to_be_visible()
    expect(staff.get_by_text("PO-2291")).to_be_visible()
    assert_accessible(staff)
    staff.get_by_label(re.compile("Payment reference for Erin Earner")).fill("Cheque 10023")
    staff.get_by_role("button", name="Mark paid for Erin Earner").click()
    expect(staff.get_by_text("Invoice marked paid; the earner has been told.")).to_be_visible()
    ledger = staff.get_by_role("table", name="Payments received and made")
    expect(ledger.get_by_role("cell", name="Cheque 10023")).to_be_visible()
    expect(ledger.get_by_role("cell", name="Invoice", exact=True)).to_be_visible()
    assert_accessible(staff)

    # The earner is told, sees the fee paid, and submits.
    me.get_by_role("link", name=re.compile("Notifications")).first.click()
    me.get_by_role("link", name=re.compile("Your fee for Discussion Protocols")).click()
    expect(me.get_by_text("Paid (Invoice).")).to_be_visible()
    assert_accessible(me)
    _fits(me)
    me.get_by_role("button", name="Submit for review").click()
    # Nobody is in this new micro-credential's assessor pool yet, and the earner is told so.
    expect(me.get_by_text(re.compile("^Submitted, but review has not started yet"))).to_be_visible()
    assert_accessible(me)

    assert not [url for url in visited if "/admin/" in url]

"""An issuer builds the assessor pool of a brand-new micro-credential in a real browser: the
workspace says its review cannot start, the issuer's admin invites an assessor by e-mail
from the pool page (the form works without JavaScript), the invitee signs up from the link
in the e-mail, calibrates, and receives the first review of an earner who was waiting.
No page of the flow is the Django admin; every page is axe clean and fits 375 px."""

import re
from urllib.parse import urlsplit

from django.core import mail
from playwright.sync_api import expect

from microcred.accounts.tests.factories import UserFactory
from microcred.assessment.tests.factories import calibration_set, submitted
from microcred.backpack.models import Enrollment
from microcred.catalog.tests.factories import published_version

from .conftest import assert_accessible, link_in_mail

PASSWORD = "correct horse battery staple"
TITLE = "Exit Tickets That Inform Teaching"
PHONE = {"width": 375, "height": 740}


def _watch(page, visited: list[str]) -> None:
    page.on(
        "framenavigated",
        lambda frame: visited.append(frame.url) if frame.parent_frame is None else None,
    )


def _fits_and_is_accessible(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    assert_accessible(page)


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_an_issuer_invites_an_assessor_who_signs_up_calibrates_and_gets_the_first_review(
    new_page, issuer, issuer_admin, earner
):
    version = published_version(
        UserFactory(is_staff=True), micro_credential__issuer=issuer, title=TITLE, fee=0
    )
    mc = version.micro_credential
    calibration_set(mc, by=issuer_admin, anchors=2, title="Autumn set")
    waiting = submitted(
        Enrollment.objects.create(earner=earner, micro_credential=mc, version=version)
    )
    visited: list[str] = []

    # The issuer's admin sees at once that nobody can review it.
    admin = new_page(viewport=PHONE)
    _watch(admin, visited)
    _sign_in(admin, issuer_admin.email)
    admin.goto("/author/")
    warning = admin.get_by_role("region", name="Review cannot start")
    expect(warning).to_contain_text(f"{TITLE}: 0 of the 3 calibrated assessors it needs")
    expect(warning).to_contain_text("1 submission waiting")
    _fits_and_is_accessible(admin)
    warning.get_by_role("link", name=f"Staff the pool for {TITLE}").click()
    expect(admin.get_by_role("heading", name=re.compile("Assessor pool of"))).to_be_visible()
    expect(admin.get_by_text("Nobody in the pool yet.")).to_be_visible()
    expect(admin.get_by_text("Review cannot start: 0 of the 3 it needs")).to_be_visible()
    _fits_and_is_accessible(admin)

    # The invitation goes out from a plain form, with JavaScript off; a mistake first.
    plain = new_page(java_script_enabled=False, viewport=PHONE)
    _watch(plain, visited)
    _sign_in(plain, issuer_admin.email)
    plain.goto(admin.url)
    form = plain.get_by_role("region", name="Invite an assessor")
    form.get_by_label(re.compile("E-mail address")).fill("nia@example")
    form.get_by_label(TITLE).check()
    form.get_by_label("Reviews in hand at one time").fill("0")
    form.get_by_role("button", name="Send invitation").click()
    expect(plain.get_by_text("“nia@example” is not an e-mail address.").first).to_be_visible()
    expect(plain.get_by_text("Capacity is at least 1 review").first).to_be_visible()
    form = plain.get_by_role("region", name="Invite an assessor")
    form.get_by_label(re.compile("E-mail address")).fill("nia@example.org")
    form.get_by_label("Reviews in hand at one time").fill("5")
    expect(form.get_by_label(TITLE)).to_be_checked()
    form.get_by_role("button", name="Send invitation").click()
    expect(plain.get_by_text("Invitation sent to nia@example.org.")).to_be_visible()

    admin.reload()
    invitations = admin.get_by_role("table", name="Invitations not yet accepted")
    expect(invitations).to_contain_text("nia@example.org")
    expect(invitations).to_contain_text("Waiting; link works until")
    _fits_and_is_accessible(admin)

    # The invitee opens the link from the e-mail and makes an account there.
    assert mail.outbox[-1].to == ["nia@example.org"]
    invitee = new_page(viewport=PHONE)
    _watch(invitee, visited)
    # The mail links to the site's configured address; here that site is the test server.
    invitee.goto(urlsplit(link_in_mail(mail.outbox[-1])).path)
    expect(invitee.get_by_role("heading", name=re.compile("Invitation to"))).to_be_visible()
    _fits_and_is_accessible(invitee)
    invitee.get_by_label("Full name").fill("Nia Newcomer")
    invitee.get_by_label(re.compile(r"^Password(?! again)")).fill("a long and careful passphrase")
    invitee.get_by_label("Password again").fill("a long and careful passphrase")
    invitee.get_by_role("button", name="Make my account and accept").click()
    expect(invitee.get_by_text("You are now assessor.")).to_be_visible()
    _fits_and_is_accessible(invitee)

    # Calibrates on the anchors; passing brings the waiting review.
    invitee.get_by_role("button", name=f"Calibrate for {TITLE}").click()
    expect(invitee.get_by_role("heading", name=f"Calibration for {TITLE}")).to_be_visible()
    _fits_and_is_accessible(invitee)
    for number in (1, 2):
        group = invitee.get_by_role("group", name=f"Protocol chosen (example {number})")
        group.get_by_label("Met", exact=True).check()
    invitee.get_by_role("button", name="Send my calibration scores").click()
    expect(invitee.get_by_role("heading", name="You passed")).to_be_visible()
    invitee.get_by_role("link", name="Go to your reviews").click()
    expect(invitee.get_by_role("button", name=f"Accept {waiting.reference}")).to_be_visible()
    _fits_and_is_accessible(invitee)

    # The pool page shows her calibrated, with the offer in hand.
    admin.reload()
    members = admin.get_by_role("table", name="Assessors in the pool")
    expect(members).to_contain_text("Nia Newcomer")
    expect(members).to_contain_text(f"{TITLE}: calibrated")
    expect(members).to_contain_text("1 offered, 0 accepted")
    expect(admin.get_by_text("No invitations waiting.")).to_be_visible()
    admin.get_by_role("link", name="Nia Newcomer").click()
    expect(admin.get_by_role("heading", name="Nia Newcomer")).to_be_visible()
    _fits_and_is_accessible(admin)

    assert visited
    assert not [url for url in visited if "/admin/" in url]

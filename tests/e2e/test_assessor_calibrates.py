"""Calibration in a real browser: a new assessor fails a first calibration set, reads where
they differed from the experts and why, passes a second set, and finds live work in their
queue; the issuer's admin then reads the reliability figures."""

import re

from playwright.sync_api import expect

from microcred.accounts.tests.factories import UserFactory
from microcred.assessment.tests.factories import calibration_set, new_assessor, submitted
from microcred.backpack.models import Enrollment
from microcred.catalog.tests.factories import published_version

from .conftest import assert_accessible

PASSWORD = "correct horse battery staple"
TITLE = "Exit Tickets That Inform Teaching"


def _sign_in(new_page, user):
    page = new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def _score_examples(page, verdicts):
    for number, met in enumerate(verdicts, start=1):
        group = page.get_by_role("group", name=f"Protocol chosen (example {number})")
        group.get_by_label("Met" if met else "Not met", exact=True).check()
    page.get_by_role("button", name="Send my calibration scores").click()


def test_new_assessor_fails_once_reads_the_rationale_passes_and_gets_live_work(
    new_page, issuer, issuer_admin, earner
):
    version = published_version(
        UserFactory(is_staff=True), micro_credential__issuer=issuer, title=TITLE, fee=0
    )
    mc = version.micro_credential
    calibration_set(mc, by=issuer_admin, anchors=5, title="Autumn set")
    calibration_set(mc, by=issuer_admin, anchors=5, title="Winter set")
    newcomer = new_assessor(mc, name="Nia Newcomer")
    waiting = submitted(
        Enrollment.objects.create(earner=earner, micro_credential=mc, version=version)
    )

    page = _sign_in(new_page, newcomer.user)
    page.get_by_role("link", name="Reviews").click()
    expect(page.get_by_role("heading", name="Calibrate to receive reviews")).to_be_visible()
    expect(page.get_by_text("Nothing waiting for you.")).to_be_visible()
    page.get_by_role("link", name="Go to calibration").click()
    assert_accessible(page)
    page.get_by_role("button", name=f"Calibrate for {TITLE}").click()
    expect(page.get_by_role("heading", name=f"Calibration for {TITLE}")).to_be_visible()
    assert_accessible(page)

    _score_examples(page, [False, False, True, True, True])

    expect(page.get_by_role("heading", name="Not passed yet")).to_be_visible()
    expect(page.get_by_text("You scored 60% of the criteria as the experts did")).to_be_visible()
    expect(page.get_by_role("heading", name="Where you differed").first).to_be_visible()
    expect(
        page.get_by_role("cell", name="Expert view on Protocol chosen: shown.").first
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Try another calibration set").click()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("Winter set")
    _score_examples(page, [True] * 5)

    expect(page.get_by_role("heading", name="You passed")).to_be_visible()
    page.get_by_role("link", name="Go to your reviews").click()
    expect(page.get_by_role("button", name=f"Accept {waiting.reference}")).to_be_visible()
    expect(page.get_by_role("heading", name="Calibrate to receive reviews")).to_have_count(0)
    assert_accessible(page)


def test_the_issuer_admin_reads_reliability_and_the_anchor_pages(new_page, issuer, issuer_admin):
    version = published_version(
        UserFactory(is_staff=True), micro_credential__issuer=issuer, title=TITLE, fee=0
    )
    calibration_set(version.micro_credential, by=issuer_admin, anchors=2, title="Autumn set")
    new_assessor(version.micro_credential, name="Nia Newcomer")

    page = _sign_in(new_page, issuer_admin)
    page.goto("/assessor/reliability/")
    expect(page.get_by_role("heading", name="Assessment quality")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(f"Reliability: {TITLE}"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Anchors and calibration").click()
    expect(page.get_by_text("1 assessor is waiting to calibrate.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Write an anchor").click()
    expect(page.get_by_role("heading", name=f"Write an anchor for {TITLE}")).to_be_visible()
    assert_accessible(page)

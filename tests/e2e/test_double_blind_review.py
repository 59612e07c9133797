"""The review loop in real browsers, one context per person: an earner submits, two
assessors disagree, a third decides Not met with feedback (the result says so, and marks
the overruled assessor), the earner revises on a phone with last time's feedback beside the
requirement, resubmits, the same two assessors review again, and the micro-credential is
met."""

import re

from playwright.sync_api import expect

from microcred.accounts.tests.factories import UserFactory
from microcred.assessment.models import Assignment
from microcred.assessment.tests.factories import qualified_assessor
from microcred.backpack.models import Enrollment
from microcred.catalog.tests.factories import published_version

from .conftest import assert_accessible

PASSWORD = "correct horse battery staple"
PHONE = {"width": 375, "height": 740}


def _fits(page, width=375):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _sign_in(new_page, user, **options):
    page = new_page(**options)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def _review(new_page, assignment, *, met: bool, feedback: str = ""):
    page = _sign_in(new_page, assignment.assessor.user)
    page.get_by_role("link", name="Reviews").click()
    reference = assignment.submission.reference
    page.get_by_role("button", name=f"Accept {reference}").click()
    expect(page.get_by_role("heading", name=re.compile(reference))).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Met", exact=True).check() if met else page.get_by_label(
        "Not met", exact=True
    ).check()
    if feedback:
        page.get_by_label(re.compile("Feedback on")).fill(feedback)
    page.get_by_label("Overall comment to the earner").fill("Thank you for the evidence.")
    page.get_by_role("button", name="Send review").click()
    expect(page.get_by_text("Review sent. Thank you.")).to_be_visible()
    page.context.close()


def _open():
    return list(
        Assignment.objects.filter(status__in=["offered", "accepted"])
        .select_related("assessor__user", "submission")
        .order_by("label")
    )


def test_disagreement_tie_break_resubmission_to_the_same_assessors_then_met(
    new_page, issuer, earner
):
    version = published_version(
        UserFactory(is_staff=True),
        micro_credential__issuer=issuer,
        title="Exit Tickets That Inform Teaching",
        fee=0,
    )
    pool = [qualified_assessor(version.micro_credential) for _ in range(3)]
    Enrollment.objects.create(
        earner=earner, micro_credential=version.micro_credential, version=version
    )

    me = _sign_in(new_page, earner, viewport=PHONE)
    me.get_by_role("link", name="Backpack").click()
    me.get_by_role("button", name=re.compile("Prepare evidence for")).click()
    me.get_by_label("Written answer").fill("I sorted the tickets into three groups.")
    me.get_by_role("button", name="Save", exact=True).click()
    expect(me.get_by_text(re.compile("Saved at"))).to_be_visible()
    me.get_by_role("button", name="Submit for review").click()
    expect(me.get_by_text("Submitted.")).to_be_visible()
    assert_accessible(me)

    first, second = _open()
    assert {first.assessor, second.assessor} < set(pool)
    _review(new_page, first, met=True)
    _review(new_page, second, met=False, feedback="Show how the next lesson changed.")

    [tie_breaker] = _open()
    assert tie_breaker.purpose == "tie_break"
    assert tie_breaker.assessor not in {first.assessor, second.assessor}
    _review(new_page, tie_breaker, met=False, feedback="Add the plan for the next lesson.")

    me.reload()
    expect(me.get_by_role("heading", name=re.compile("Not met yet"))).to_be_visible()
    expect(me.get_by_text("Add the plan for the next lesson.")).to_be_visible()
    expect(me.get_by_text(re.compile("a third assessor, Assessor C, reviewed"))).to_be_visible()
    expect(me.get_by_text("Assessor C (third assessor, decided):")).to_be_visible()
    expect(me.get_by_text("Assessor A (overruled):")).to_be_visible()
    expect(me.get_by_text("Assessor B:").first).to_be_visible()
    for assessor in pool:
        expect(me.get_by_text(assessor.user.name)).to_have_count(0)
    assert_accessible(me)
    _fits(me)

    me.get_by_role("button", name="Revise and resubmit").click()
    last_time = me.get_by_role("group", name="What the assessors said on attempt 1")
    expect(last_time.get_by_text("Add the plan for the next lesson.")).to_be_visible()
    expect(last_time.get_by_text("Show how the next lesson changed.")).to_be_visible()
    expect(last_time.get_by_text("Assessor C:")).to_be_visible()
    for assessor in pool:
        expect(me.get_by_text(assessor.user.name)).to_have_count(0)
    assert_accessible(me)
    _fits(me)
    answer = me.get_by_label("Written answer")
    expect(answer).to_have_value("I sorted the tickets into three groups.")
    answer.fill("I sorted the tickets and re-taught fractions to the middle group the next day.")
    me.get_by_role("button", name="Save", exact=True).click()
    expect(me.get_by_text(re.compile("Saved at"))).to_be_visible()
    me.get_by_role("button", name="Submit for review").click()
    expect(me.get_by_text("Submitted.")).to_be_visible()

    again = _open()
    assert {a.assessor for a in again} == {first.assessor, second.assessor}
    for assignment in again:
        _review(new_page, assignment, met=True)

    me.reload()
    expect(me.get_by_role("heading", name=re.compile("Met — you earned"))).to_be_visible()
    me.get_by_role("navigation", name="Main").get_by_role("link", name="Backpack").click()
    earned = me.get_by_role("region", name=re.compile("Earned"))
    expect(
        earned.get_by_role("link", name="Exit Tickets That Inform Teaching", exact=True)
    ).to_be_visible()

"""A facilitator comments on one requirement of a cohort earner's draft, and the earner
finds the comment beside that requirement and answers it."""

import re

from playwright.sync_api import expect

from microcred.coaching.tests.factories import (
    CohortFactory,
    cohort_draft,
    facilitator_of,
    two_part_version,
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


def test_the_facilitator_comments_on_a_requirement_and_the_earner_sees_it_beside_it(
    new_page, issuer, issuer_admin, earner
):
    version = two_part_version(issuer_admin, issuer, title="Discussion Protocols in Practice")
    facilitator = facilitator_of(issuer, name="Hannah Brooks")
    cohort = CohortFactory(
        micro_credential=version.micro_credential, facilitator=facilitator, name="Spring cohort"
    )
    draft = cohort_draft(earner, cohort, text="We used a fishbowl with two inner circles.")

    coach = _sign_in(new_page, facilitator)
    coach.get_by_role("link", name="Cohorts").click()
    expect(coach.get_by_role("heading", name="Your cohorts")).to_be_visible()
    assert_accessible(coach)
    coach.get_by_role("link", name="Spring cohort").click()
    expect(coach.get_by_role("rowheader", name="Erin Earner")).to_be_visible()
    assert_accessible(coach)
    coach.get_by_role("link", name=draft.reference).click()
    expect(coach.get_by_text("We used a fishbowl with two inner circles.")).to_be_visible()
    assert_accessible(coach)
    reflection = coach.get_by_role("region", name="Part 2: Reflection on the discussion")
    reflection.get_by_label(re.compile("Comment on")).fill(
        "Quote one thing a student said in the outer circle."
    )
    reflection.get_by_role("button", name="Send comment").click()
    expect(coach.get_by_text("Comment sent to the earner.")).to_be_visible()
    assert_accessible(coach)

    me = _sign_in(new_page, earner)
    me.get_by_role("link", name="Notifications").click()
    me.get_by_role("link", name=re.compile("Your facilitator commented")).click()
    part_two = me.get_by_role("region", name="Part 2: Reflection on the discussion")
    expect(part_two.get_by_text("Quote one thing a student said")).to_be_visible()
    expect(part_two.get_by_text("Hannah Brooks (facilitator)")).to_be_visible()
    part_one = me.get_by_role("region", name="Part 1: Lesson plan")
    expect(part_one.get_by_text("Quote one thing a student said")).to_have_count(0)
    assert_accessible(me)

    part_two.get_by_label(re.compile("Reply to your facilitator")).fill(
        "Student 4 said the fishbowl let her listen first."
    )
    part_two.get_by_role("button", name="Send reply").click()
    expect(me.get_by_text("Reply sent to your facilitator.")).to_be_visible()
    expect(
        me.get_by_role("region", name="Part 2: Reflection on the discussion").get_by_text(
            "Student 4 said the fishbowl let her listen first."
        )
    ).to_be_visible()
    assert_accessible(me)

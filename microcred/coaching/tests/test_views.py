"""The facilitator's cohort pages and the earner's view of the coaching."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from microcred.coaching import services
from microcred.coaching.models import CoachingComment, CohortDeadline, DeadlineKind

from .factories import on

pytestmark = pytest.mark.django_db


def _draft_url(cohort, draft):
    return f"/cohorts/{cohort.pk}/drafts/{draft.reference}/"


def _comment_url(cohort, draft, requirement):
    return f"{_draft_url(cohort, draft)}requirements/{requirement.pk}/comments/"


def _section(html: str, requirement) -> str:
    """The part of a page about one requirement."""
    match = re.search(
        rf'<section[^>]*id="requirement-{requirement.pk}".*?</section>', html, flags=re.S
    )
    assert match, f"no section for requirement {requirement.pk}"
    return match.group(0)


def test_the_facilitator_lists_their_cohorts(client, facilitator, cohort, draft):
    client.force_login(facilitator)
    response = client.get("/cohorts/")
    assert cohort.name in response.content.decode()
    assert b'href="/cohorts/' in response.content


def test_the_cohort_page_shows_each_earner_and_their_draft(client, facilitator, cohort, draft):
    client.force_login(facilitator)
    page = client.get(f"/cohorts/{cohort.pk}/").content.decode()
    assert "Erin Earner" in page
    assert _draft_url(cohort, draft) in page


def test_the_facilitator_comments_and_sees_it_beside_the_requirement(
    client, facilitator, cohort, draft, requirements
):
    client.force_login(facilitator)
    response = client.post(
        _comment_url(cohort, draft, requirements[1]), {"body": "Quote a student."}
    )
    assert response.status_code == 302
    page = client.get(_draft_url(cohort, draft)).content.decode()
    assert "Quote a student." in _section(page, requirements[1])
    assert "Quote a student." not in _section(page, requirements[0])


def test_the_earner_sees_the_comment_beside_that_requirement_and_replies(
    client, facilitator, earner, cohort, draft, requirements
):
    services.comment(draft, requirements[0], by=facilitator, body="Name the protocol.")
    client.force_login(earner)
    page = client.get(f"/submissions/{draft.reference}/").content.decode()
    assert "Name the protocol." in _section(page, requirements[0])
    assert "Fiona Facilitator (facilitator)" in _section(page, requirements[0])

    response = client.post(
        f"/cohorts/replies/{draft.reference}/requirements/{requirements[0].pk}/",
        {"body": "Fishbowl, for the quiet ones."},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#requirement-{requirements[0].pk}")
    page = client.get(response["Location"]).content.decode()
    assert "Fishbowl, for the quiet ones." in _section(page, requirements[0])


def test_an_empty_reply_says_so_and_saves_nothing(client, facilitator, earner, draft, requirements):
    services.comment(draft, requirements[0], by=facilitator, body="Name the protocol.")
    client.force_login(earner)
    response = client.post(
        f"/cohorts/replies/{draft.reference}/requirements/{requirements[0].pk}/",
        {"body": ""},
        follow=True,
    )
    assert "Write a comment before sending it." in response.content.decode()
    assert CoachingComment.objects.count() == 1


def test_a_late_reply_comes_back_in_the_message(client, earner, cohort, draft, requirements):
    with on(cohort.ends_on + timedelta(days=2)):
        client.force_login(earner)
        response = client.post(
            f"/cohorts/replies/{draft.reference}/requirements/{requirements[0].pk}/",
            {"body": "Thanks for everything"},
            follow=True,
        )
    page = response.content.decode()
    assert "cohort ended" in page
    assert "Thanks for everything" in page
    assert not CoachingComment.objects.exists()


def test_a_facilitator_reading_a_draft_outside_their_cohort_is_not_found(
    client, facilitator, cohort, stranger_draft
):
    client.force_login(facilitator)
    response = client.get(_draft_url(cohort, stranger_draft))
    assert response.status_code == 404
    assert b"Nadia" not in response.content


def test_a_facilitator_cannot_open_a_cohort_they_do_not_facilitate(
    client, other_facilitator, cohort, draft, requirements
):
    client.force_login(other_facilitator)
    assert client.get(f"/cohorts/{cohort.pk}/").status_code == 404
    assert client.get(_draft_url(cohort, draft)).status_code == 404
    response = client.post(_comment_url(cohort, draft, requirements[0]), {"body": "Hi"})
    assert response.status_code == 404
    assert b"Erin" not in response.content
    assert not CoachingComment.objects.exists()


def test_an_earner_cannot_open_the_cohort_pages(client, earner, cohort, draft):
    client.force_login(earner)
    assert client.get(f"/cohorts/{cohort.pk}/").status_code == 404
    assert client.get(_draft_url(cohort, draft)).status_code == 404


def test_an_empty_comment_keeps_the_page_and_says_what_is_missing(
    client, facilitator, cohort, draft, requirements
):
    client.force_login(facilitator)
    response = client.post(_comment_url(cohort, draft, requirements[0]), {"body": "  "})
    assert response.status_code == 400
    assert "Write a comment before sending it." in _section(
        response.content.decode(), requirements[0]
    )


def test_a_comment_after_the_end_is_refused_and_its_text_kept(
    client, facilitator, cohort, draft, requirements
):
    with on(cohort.ends_on + timedelta(days=1)):
        client.force_login(facilitator)
        response = client.post(
            _comment_url(cohort, draft, requirements[0]), {"body": "A last word"}
        )
    assert response.status_code == 400
    section = _section(response.content.decode(), requirements[0])
    assert "cohort ended" in section
    assert "A last word" in section
    assert not CoachingComment.objects.exists()


def test_after_the_end_the_draft_stays_readable_without_a_comment_form(
    client, facilitator, cohort, draft, requirements
):
    services.comment(draft, requirements[0], by=facilitator, body="Name the protocol.")
    with on(cohort.ends_on + timedelta(days=1)):
        client.force_login(facilitator)
        page = client.get(_draft_url(cohort, draft)).content.decode()
    assert "Name the protocol." in page
    assert "Send comment" not in page


def test_the_facilitator_sets_a_deadline_from_the_cohort_page(client, facilitator, cohort):
    client.force_login(facilitator)
    day = timezone.localdate() + timedelta(days=14)
    response = client.post(
        f"/cohorts/{cohort.pk}/deadlines/",
        {"kind": DeadlineKind.SUBMIT, "due_on": day.isoformat(), "note": "Bring it to class"},
        follow=True,
    )
    assert "Bring it to class" in response.content.decode()
    assert CohortDeadline.objects.get().due_on == day


def test_a_deadline_in_the_past_is_refused_on_the_page(client, facilitator, cohort):
    client.force_login(facilitator)
    response = client.post(
        f"/cohorts/{cohort.pk}/deadlines/",
        {"kind": DeadlineKind.SUBMIT, "due_on": "2000-01-01"},
    )
    assert response.status_code == 400
    assert "cannot be in the past" in response.content.decode()


def test_a_malformed_deadline_date_is_refused_on_the_page(client, facilitator, cohort):
    client.force_login(facilitator)
    response = client.post(
        f"/cohorts/{cohort.pk}/deadlines/", {"kind": "someday", "due_on": "soon"}
    )
    assert response.status_code == 400
    assert not CohortDeadline.objects.exists()


def test_the_earner_sees_the_cohorts_deadlines_on_their_submission(
    client, facilitator, earner, cohort, draft
):
    services.set_deadline(
        cohort,
        by=facilitator,
        kind=DeadlineKind.FIRST_DRAFT,
        due_on=timezone.localdate() + timedelta(days=5),
    )
    client.force_login(earner)
    page = client.get(f"/submissions/{draft.reference}/").content.decode()
    assert "First draft by" in page


def test_the_facilitator_sees_cohorts_in_the_navigation(client, facilitator):
    client.force_login(facilitator)
    assert b'href="/cohorts/"' in client.get("/backpack/").content


def test_the_issuer_admin_finds_the_cohort_and_reads_its_drafts_but_does_not_comment(
    client, issuer_admin, cohort, draft
):
    client.force_login(issuer_admin)
    assert cohort.name in client.get("/cohorts/").content.decode()
    page = client.get(_draft_url(cohort, draft)).content.decode()
    assert "We tried the fishbowl protocol." in page
    assert "Send comment" not in page

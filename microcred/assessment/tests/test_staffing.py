"""Never silently unstaffed: a micro-credential whose pool cannot staff two reviews and a
tie-break says so to its issuer on every page they run it from, and to its earners."""

import pytest
from django.urls import reverse

from microcred.accounts.tests.factories import UserFactory
from microcred.assessment import pools, service_level, staffing
from microcred.assessment.models import Assignment, PoolMember, Qualification
from microcred.assessment.services import assign
from microcred.backpack.models import Enrollment
from microcred.catalog import services as catalog
from microcred.catalog.checklist import failing_items
from microcred.catalog.tests.factories import CompleteDraftFactory, published_version
from microcred.submissions import services as submissions
from microcred.submissions.models import Submission

from .factories import new_assessor, qualified_assessor, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def mc(issuer, issuer_admin):
    version = published_version(issuer_admin, micro_credential__issuer=issuer, fee=0)
    return version.micro_credential


def _enrolled(mc, earner=None):
    mc.refresh_from_db()
    return Enrollment.objects.create(
        earner=earner or UserFactory(), micro_credential=mc, version_id=mc.current_version_id
    )


def _version_id(mc):
    mc.refresh_from_db()
    return mc.current_version_id


def test_two_reviewers_and_a_tie_break_are_needed(mc):
    qualified_assessor(mc)
    qualified_assessor(mc)

    short = staffing.staffing(mc)

    assert (short.needed, short.ready, short.is_staffed, short.missing) == (3, 2, False, 1)
    qualified_assessor(mc)
    assert staffing.staffing(mc).is_staffed


def test_only_whom_the_sweep_would_offer_work_to_is_counted(mc, issuer, issuer_admin):
    counted = [qualified_assessor(mc) for _ in range(3)]
    new_assessor(mc)
    flagged = qualified_assessor(mc)
    Qualification.objects.filter(assessor=flagged).update(
        is_calibrated=False, retraining_since="2027-01-04T10:00:00Z"
    )
    paused = qualified_assessor(mc)
    pools.pause(PoolMember.objects.get(assessor=paused), by=issuer_admin)
    switched_off = qualified_assessor(mc)
    switched_off.is_active = False
    switched_off.save()
    removed = qualified_assessor(mc)
    pools.remove_from_pool(PoolMember.objects.get(assessor=removed), by=issuer_admin)

    result = staffing.staffing(mc)

    assert (result.ready, result.waiting, result.flagged, result.paused) == (3, 1, 1, 2)
    # What the sweep does agrees: exactly the three counted are offered work.
    for _ in range(3):
        submitted(_enrolled(mc))
    assign.sweep()
    assert set(Assignment.objects.values_list("assessor", flat=True)) == {p.pk for p in counted}


def test_an_unstaffed_micro_credential_can_still_be_published(issuer, issuer_admin):
    draft = CompleteDraftFactory(micro_credential__issuer=issuer)

    assert failing_items(draft) == []
    assert catalog.publish(draft, by=issuer_admin).status == "published"


def test_the_authoring_page_and_checklist_warn_and_link_to_the_pool(
    client, issuer, issuer_admin, mc
):
    qualified_assessor(mc)
    client.force_login(issuer_admin)

    page = client.get(reverse("author:version", args=[_version_id(mc)])).content.decode()

    assert "Review cannot start: 1 of the 3 calibrated assessors it needs." in page
    assert "Warning:" in page
    assert reverse("assessment:pool", args=[issuer.slug]) in page


def test_a_staffed_micro_credential_shows_no_warning(client, issuer_admin, mc):
    for _ in range(3):
        qualified_assessor(mc)
    client.force_login(issuer_admin)

    page = client.get(reverse("author:version", args=[_version_id(mc)])).content.decode()

    assert "Review cannot start" not in page


def test_the_workspace_and_service_level_page_flag_it_with_its_waiting_submissions(
    client, issuer, issuer_admin, mc
):
    submitted(_enrolled(mc))
    client.force_login(issuer_admin)

    workspace = client.get(reverse("author:workspace")).content.decode()
    report_page = client.get(reverse("author:service_level")).content.decode()

    for page in (workspace, report_page):
        assert "Review cannot start" in page
        assert "1 submission waiting" in page
    report = service_level.report([issuer.pk])
    assert (report.open_on_time, report.open_unstaffed) == (0, 1)


def test_the_earner_is_told_plainly_that_review_has_not_started(client, mc):
    earner = UserFactory()
    enrollment = _enrolled(mc, earner)
    draft = submissions.start_attempt(enrollment, by=earner)
    for requirement in enrollment.version.requirements.all():
        submissions.save_text(draft, requirement, by=earner, kind="text", text="My lesson.")
    client.force_login(earner)

    before = client.get(reverse("submissions:detail", args=[draft.reference])).content.decode()
    after = client.post(reverse("submissions:submit", args=[draft.reference]), follow=True)

    assert "the issuer is still training and adding its assessors" in before
    assert "two trained assessors" not in before.lower()
    assert Submission.objects.get(pk=draft.pk).state == "submitted"
    assert "review has not started yet" in after.text
    assert "Two trained assessors will review it" not in after.text


def test_a_staffed_micro_credential_promises_two_trained_assessors(client, mc):
    for _ in range(3):
        qualified_assessor(mc)
    earner = UserFactory()
    enrollment = _enrolled(mc, earner)
    draft = submissions.start_attempt(enrollment, by=earner)
    for requirement in enrollment.version.requirements.all():
        submissions.save_text(draft, requirement, by=earner, kind="text", text="My lesson.")
    client.force_login(earner)

    after = client.post(reverse("submissions:submit", args=[draft.reference]), follow=True)

    assert "Two trained assessors will review it" in after.text
    assert "still training" not in after.text

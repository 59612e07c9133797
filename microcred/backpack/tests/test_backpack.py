import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from microcred.accounts.tests.factories import UserFactory
from microcred.backpack import selectors, services
from microcred.backpack.models import Enrollment, EnrollmentStatus
from microcred.catalog import services as catalog
from microcred.catalog.models import Cohort
from microcred.catalog.tests.factories import (
    CompleteDraftFactory,
    StackFactory,
    add_to_stack,
    published_version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(issuer, issuer_admin):
    return published_version(issuer_admin, micro_credential__issuer=issuer, title="Wait time")


def test_earning_puts_the_micro_credential_in_the_backpack(client, earner, published):
    client.force_login(earner)

    response = client.post(reverse("backpack:enroll", args=[published.micro_credential.slug]))

    assert response["Location"] == reverse("backpack:home")
    page = client.get(reverse("backpack:home")).text
    assert "Wait time" in page
    assert "In progress <span" in page
    assert Enrollment.objects.get(earner=earner).version == published


def test_adding_twice_keeps_one_enrollment(client, earner, published):
    client.force_login(earner)
    url = reverse("backpack:enroll", args=[published.micro_credential.slug])

    client.post(url)
    client.post(url)

    assert Enrollment.objects.filter(earner=earner).count() == 1


def test_a_signed_out_visitor_is_sent_to_sign_in(client, published):
    response = client.post(reverse("backpack:enroll", args=[published.micro_credential.slug]))

    assert reverse("account_login") in response["Location"]
    assert not Enrollment.objects.exists()


def test_a_retired_micro_credential_cannot_be_started(client, earner, published, issuer_admin):
    catalog.retire(published, by=issuer_admin)
    client.force_login(earner)

    response = client.post(
        reverse("backpack:enroll", args=[published.micro_credential.slug]), follow=True
    )

    assert "not open to new earners" in response.text
    assert not Enrollment.objects.exists()


def test_the_earner_keeps_the_version_they_started(earner, published, issuer_admin):
    enrollment = services.enroll(published.micro_credential, by=earner)
    revision = catalog.start_revision(published.micro_credential, by=issuer_admin)
    catalog.publish(revision, by=issuer_admin)

    assert selectors.backpack(earner).in_progress[0].version == published
    assert enrollment.version.number == 1


def _cohort(mc, *, opens, closes, capacity=2):
    today = timezone.localdate()
    return Cohort.objects.create(
        micro_credential=mc,
        name="Spring cohort",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=60),
        enrollment_opens_on=today + datetime.timedelta(days=opens),
        enrollment_closes_on=today + datetime.timedelta(days=closes),
        capacity=capacity,
    )


def test_a_closed_cohort_refuses_new_earners(earner, published):
    cohort = _cohort(published.micro_credential, opens=-30, closes=-1)

    with pytest.raises(services.NotAvailable, match="closed"):
        services.enroll(published.micro_credential, by=earner, cohort=cohort)


def test_a_full_cohort_refuses_new_earners(earner, outsider, published):
    cohort = _cohort(published.micro_credential, opens=-1, closes=10, capacity=1)
    services.enroll(published.micro_credential, by=outsider, cohort=cohort)

    with pytest.raises(services.NotAvailable, match="full"):
        services.enroll(published.micro_credential, by=earner, cohort=cohort)
    assert cohort.enrollments.count() == 1


def test_the_backpack_counts_credits_and_stack_progress(earner, issuer, issuer_admin):
    first = published_version(issuer_admin, micro_credential__issuer=issuer)
    second = published_version(
        issuer_admin, micro_credential__issuer=issuer, credit_amount=Decimal("0.5")
    )
    third = published_version(issuer_admin, micro_credential__issuer=issuer)
    stack = StackFactory(issuer=issuer, title="Discussion")
    add_to_stack(stack, first.micro_credential, second.micro_credential, third.micro_credential)
    for version in (first, second):
        services.mark_earned(services.enroll(version.micro_credential, by=earner), by=issuer_admin)
    services.enroll(third.micro_credential, by=earner)

    pack = selectors.backpack(earner)

    assert [c.amount for c in pack.credits] == [Decimal("1.5")]
    assert pack.credits[0].unit == "CPD credit"
    [progress] = pack.stacks
    assert (progress.earned, progress.started, progress.total) == (2, 3, 3)
    assert len(pack.earned) == 2
    assert len(pack.in_progress) == 1


def _backpack_queries(client, earner, issuer, issuer_admin, size) -> int:
    stack = StackFactory(issuer=issuer)
    versions = [
        published_version(issuer_admin, micro_credential__issuer=issuer) for _ in range(size)
    ]
    add_to_stack(stack, *[v.micro_credential for v in versions])
    for position, version in enumerate(versions):
        enrollment = services.enroll(version.micro_credential, by=earner)
        if position % 2:
            services.mark_earned(enrollment, by=issuer_admin)
    client.force_login(earner)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("backpack:home")).status_code == 200
    return len(queries)


def test_the_backpack_page_runs_a_fixed_number_of_queries(client, issuer, issuer_admin):
    small = _backpack_queries(client, UserFactory(), issuer, issuer_admin, size=2)
    large = _backpack_queries(client, UserFactory(), issuer, issuer_admin, size=8)

    assert small == large


def test_only_the_earner_may_mark_their_work_submitted(earner, outsider, published):
    enrollment = services.enroll(published.micro_credential, by=earner)

    with pytest.raises(PermissionDenied):
        services.mark_submitted(enrollment, by=outsider)
    services.mark_submitted(enrollment, by=earner)

    assert Enrollment.objects.get(pk=enrollment.pk).status == EnrollmentStatus.SUBMITTED


def test_a_draft_micro_credential_cannot_be_started(earner, issuer):
    draft = CompleteDraftFactory(micro_credential__issuer=issuer)

    with pytest.raises(services.NotAvailable):
        services.enroll(draft.micro_credential, by=earner)

"""The backpack's door: who may put a micro-credential in a backpack, into which cohort, and
who may record it earned."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from microcred.backpack import services
from microcred.backpack.models import Enrollment, EnrollmentStatus
from microcred.catalog.models import Cohort
from microcred.catalog.tests.factories import published_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(issuer, issuer_admin):
    return published_version(issuer_admin, micro_credential__issuer=issuer, title="Wait time")


def test_no_one_enrolls_without_signing_in(published):
    with pytest.raises(PermissionDenied):
        services.enroll(published.micro_credential, by=AnonymousUser())

    assert not Enrollment.objects.exists()


def test_a_cohort_of_another_micro_credential_is_refused(earner, issuer, issuer_admin, published):
    other = published_version(issuer_admin, micro_credential__issuer=issuer, title="Questioning")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        micro_credential=other.micro_credential,
        name="Spring cohort",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=60),
        enrollment_opens_on=today,
        enrollment_closes_on=today + datetime.timedelta(days=10),
        capacity=5,
    )

    with pytest.raises(services.NotAvailable, match="another micro-credential"):
        services.enroll(published.micro_credential, by=earner, cohort=cohort)
    assert not Enrollment.objects.filter(earner=earner).exists()


def test_two_requests_enrolling_at_the_same_moment_give_one_enrollment(earner, published):
    """The other request's row lands after this one looked for it and before it inserts
    its own: both requests end with the one enrollment."""
    mc = published.micro_credential
    looked, raced = [], []

    def the_other_request(execute, sql, params, many, context):
        if looked and not raced and sql.startswith("SAVEPOINT"):
            raced.extend(
                Enrollment.objects.bulk_create(
                    [Enrollment(earner=earner, micro_credential=mc, version=published)]
                )
            )
        result = execute(sql, params, many, context)
        if sql.startswith("SELECT") and "backpack_enrollment" in sql:
            looked.append(sql)
        return result

    with connection.execute_wrapper(the_other_request):
        enrollment = services.enroll(mc, by=earner)

    assert raced, "the other request never came between the look and the insert"
    assert Enrollment.objects.filter(earner=earner, micro_credential=mc).count() == 1
    assert enrollment.pk == raced[0].pk


def test_only_the_issuers_authors_record_an_enrollment_earned(earner, outsider, published):
    enrollment = services.enroll(published.micro_credential, by=earner)

    with pytest.raises(PermissionDenied):
        services.mark_earned(enrollment, by=earner)
    with pytest.raises(PermissionDenied):
        services.mark_earned(enrollment, by=outsider)

    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.IN_PROGRESS
    assert enrollment.earned_at is None

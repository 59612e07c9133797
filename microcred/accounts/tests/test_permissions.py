import pytest
from django.contrib.auth.models import AnonymousUser

from microcred import permissions
from microcred.accounts.models import Organization, Role
from microcred.accounts.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)
from microcred.catalog.models import VersionStatus
from microcred.catalog.tests.factories import CompleteDraftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(issuer):
    return CompleteDraftFactory(micro_credential__issuer=issuer)


@pytest.mark.parametrize(
    ("role", "may_author"),
    [
        (Role.ISSUER_ADMIN, True),
        (Role.ORG_ADMIN, True),
        (Role.ASSESSOR, False),
        (Role.FACILITATOR, False),
        (Role.EARNER, False),
    ],
)
def test_only_issuer_and_org_admins_author(issuer, role, may_author):
    user = MembershipFactory(organization=issuer, role=role).user

    assert permissions.can_author(user, issuer) is may_author


def test_an_inactive_membership_grants_nothing(issuer):
    membership = MembershipFactory(organization=issuer, role=Role.ISSUER_ADMIN, is_active=False)

    assert not permissions.can_author(membership.user, issuer)


def test_an_admin_of_a_district_cannot_author_for_it(district):
    admin = MembershipFactory(organization=district, role=Role.ORG_ADMIN).user

    assert not permissions.can_author(admin, district)


def test_platform_staff_author_for_any_issuer(issuer):
    assert permissions.can_author(UserFactory(is_staff=True), issuer)


def test_a_signed_out_visitor_may_do_nothing_but_read_published_work(issuer, version):
    visitor = AnonymousUser()
    assert not permissions.can_author(visitor, issuer)
    assert not permissions.can_view_version(visitor, version)
    assert not permissions.can_enroll(visitor, version)
    version.status = VersionStatus.PUBLISHED
    assert permissions.can_view_version(visitor, version)


@pytest.mark.parametrize(
    ("status", "edit", "publish", "retire", "revise"),
    [
        (VersionStatus.DRAFT, True, True, False, False),
        (VersionStatus.IN_REVIEW, False, True, False, False),
        (VersionStatus.PUBLISHED, False, False, True, True),
        (VersionStatus.RETIRED, False, False, False, True),
    ],
)
def test_what_an_author_may_do_follows_the_version_status(
    issuer_admin, version, status, edit, publish, retire, revise
):
    version.status = status

    assert permissions.can_edit_version(issuer_admin, version) is edit
    assert permissions.can_publish(issuer_admin, version) is publish
    assert permissions.can_retire(issuer_admin, version) is retire
    assert permissions.can_start_revision(issuer_admin, version) is revise


def test_only_a_published_version_can_be_started(earner, version):
    assert not permissions.can_enroll(earner, version)
    version.status = VersionStatus.PUBLISHED
    assert permissions.can_enroll(earner, version)


def test_roles_are_read_once_per_user(issuer, django_assert_num_queries):
    user = MembershipFactory(organization=issuer, role=Role.ISSUER_ADMIN).user
    other = OrganizationFactory(kind=Organization.Kind.ISSUER)

    user = type(user).objects.get(pk=user.pk)  # a fresh object, as in a new request

    with django_assert_num_queries(1):
        assert permissions.can_author(user, issuer)
        assert not permissions.can_author(user, other)
        assert permissions.has_role(user, issuer, Role.ISSUER_ADMIN)


def test_a_district_admin_has_no_authoring_workspace(district):
    admin = MembershipFactory(organization=district, role=Role.ORG_ADMIN).user

    assert not permissions.can_author_anywhere(admin)

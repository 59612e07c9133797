from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from microcred import permissions
from microcred.accounts.models import Organization, Role
from microcred.accounts.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)
from microcred.assessment.models import PoolMember
from microcred.assessment.services import assign
from microcred.assessment.tests.factories import qualified_assessor, submitted
from microcred.backpack.models import Enrollment
from microcred.catalog.models import Cohort, VersionStatus
from microcred.catalog.tests.factories import (
    CompleteDraftFactory,
    MicroCredentialFactory,
    StackFactory,
)
from microcred.credentials.models import Award
from microcred.payments.models import InvoiceRequest, SponsorshipRequest
from microcred.submissions.duplicates.models import Flag as DuplicateFlag
from microcred.submissions.models import Submission
from microcred.submissions.states import State as SubmissionState
from microcred.submissions.tests.factories import SubmissionFactory, enrollment_for
from microcred.support.models import Ticket

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


# --- who may do what, predicate by predicate -------------------------------------------------


def member(organization, role, **user_fields):
    return MembershipFactory(organization=organization, role=role, **user_fields).user


@pytest.fixture
def cohort(issuer):
    today = timezone.localdate()
    return Cohort.objects.create(
        micro_credential=MicroCredentialFactory(issuer=issuer),
        name="Spring cohort",
        facilitator=UserFactory(name="Fay Facilitator"),
        starts_on=today,
        ends_on=today + timedelta(days=30),
        enrollment_opens_on=today,
        enrollment_closes_on=today,
        capacity=10,
    )


def submission_in(cohort, earner, state=SubmissionState.DRAFT):
    """A submission of an earner in the cohort, as the permissions read it."""
    enrollment = Enrollment(earner=earner, micro_credential=cohort.micro_credential, cohort=cohort)
    return Submission(enrollment=enrollment, state=state)


def test_a_signed_out_visitor_need_not_and_cannot_sign_in_with_a_second_factor():
    assert not permissions.must_use_two_factor(AnonymousUser())


def test_platform_staff_always_sign_in_with_a_second_factor():
    assert permissions.must_use_two_factor(UserFactory(is_staff=True))


def test_an_admin_signs_in_with_a_second_factor_when_the_organization_asks(issuer, issuer_admin):
    assert not permissions.must_use_two_factor(issuer_admin)

    issuer.require_two_factor = True
    issuer.save()

    assert permissions.must_use_two_factor(type(issuer_admin).objects.get(pk=issuer_admin.pk))


def test_an_earner_never_needs_a_second_factor_whatever_the_district_asks(district, earner):
    district.require_two_factor = True
    district.save()

    assert not permissions.must_use_two_factor(earner)


def test_the_admins_and_staff_decide_the_sign_in_rules_of_an_organization(
    issuer, issuer_admin, org_admin, assessor, outsider
):
    assert permissions.can_change_sign_in_rules(issuer_admin, issuer)
    assert permissions.can_change_sign_in_rules(org_admin, issuer)
    assert permissions.can_change_sign_in_rules(UserFactory(is_staff=True), issuer)
    assert not permissions.can_change_sign_in_rules(assessor, issuer)
    assert not permissions.can_change_sign_in_rules(outsider, issuer)


def test_a_role_given_is_seen_once_the_cached_roles_are_forgotten(issuer, outsider):
    assert not permissions.can_author(outsider, issuer)
    MembershipFactory(user=outsider, organization=issuer, role=Role.ISSUER_ADMIN)

    permissions.forget_roles(outsider)

    assert permissions.can_author(outsider, issuer)


def test_a_signed_out_visitor_is_no_assessor():
    assert not permissions.is_assessor(AnonymousUser())


def test_staff_administer_every_issuer_and_an_admin_only_their_own(
    issuer, other_issuer, district, issuer_admin
):
    staff = UserFactory(is_staff=True)

    assert set(permissions.administered_issuers(staff)) == {issuer, other_issuer}
    assert list(permissions.administered_issuers(issuer_admin)) == [issuer]


def test_staff_and_an_issuers_admins_author_somewhere_an_assessor_nowhere(issuer_admin, assessor):
    assert permissions.can_author_anywhere(UserFactory(is_staff=True))
    assert permissions.can_author_anywhere(issuer_admin)
    assert not permissions.can_author_anywhere(assessor)


@pytest.mark.parametrize(
    ("status", "send_for_review", "return_to_draft"),
    [
        (VersionStatus.DRAFT, True, False),
        (VersionStatus.IN_REVIEW, False, True),
        (VersionStatus.PUBLISHED, False, False),
    ],
)
def test_a_draft_goes_to_review_and_a_version_in_review_back_to_draft(
    issuer_admin, version, status, send_for_review, return_to_draft
):
    version.status = status

    assert permissions.can_submit_for_review(issuer_admin, version) is send_for_review
    assert permissions.can_return_to_draft(issuer_admin, version) is return_to_draft


def test_an_admin_of_another_issuer_may_not_touch_this_issuers_versions(other_issuer, version):
    stranger = member(other_issuer, Role.ISSUER_ADMIN)
    version.status = VersionStatus.IN_REVIEW

    assert not permissions.can_view_version(stranger, version)
    assert not permissions.can_return_to_draft(stranger, version)


def test_the_issuers_admins_manage_its_stacks_and_cohorts(issuer, issuer_admin, assessor, cohort):
    stack = StackFactory(issuer=issuer)

    assert permissions.can_manage_stack(issuer_admin, stack)
    assert not permissions.can_manage_stack(assessor, stack)
    assert permissions.can_manage_cohort(issuer_admin, cohort)
    assert not permissions.can_manage_cohort(cohort.facilitator, cohort)


def test_the_facilitator_and_the_issuers_admins_facilitate_a_cohort(
    issuer_admin, district, cohort, outsider
):
    facilitator_elsewhere = member(district, Role.FACILITATOR)

    assert permissions.can_facilitate(cohort.facilitator, cohort)
    assert permissions.can_facilitate(issuer_admin, cohort)
    assert not permissions.can_facilitate(facilitator_elsewhere, cohort)
    assert not permissions.can_facilitate(AnonymousUser(), cohort)


# submissions


@pytest.mark.parametrize(
    ("state", "edit"),
    [(SubmissionState.DRAFT, True), (SubmissionState.SUBMITTED, False)],
)
def test_only_the_earner_edits_and_submits_and_only_a_draft(cohort, earner, outsider, state, edit):
    submission = submission_in(cohort, earner, state)

    assert permissions.is_earner_of(earner, submission)
    assert permissions.can_edit_submission(earner, submission) is edit
    assert permissions.can_submit(earner, submission) is edit
    assert not permissions.can_edit_submission(outsider, submission)
    assert not permissions.is_earner_of(AnonymousUser(), submission)


@pytest.mark.parametrize(
    ("state", "withdraw"),
    [
        (SubmissionState.DRAFT, True),
        (SubmissionState.SUBMITTED, True),
        (SubmissionState.MET, False),
    ],
)
def test_the_earner_withdraws_a_submission_nobody_reviews_yet(cohort, earner, state, withdraw):
    assert permissions.can_withdraw(earner, submission_in(cohort, earner, state)) is withdraw


def test_nobody_but_the_earner_withdraws_a_submission(cohort, earner, issuer_admin):
    assert not permissions.can_withdraw(issuer_admin, submission_in(cohort, earner))


def test_a_submission_in_review_is_withdrawn_until_an_assessor_accepts_it(
    earner, issuer, issuer_admin
):
    submission = submitted(
        enrollment_for(earner, issuer_admin=issuer_admin, fee=0, micro_credential__issuer=issuer)
    )
    qualified_assessor(submission.enrollment.micro_credential)
    assign.sweep()
    submission.refresh_from_db()
    assert submission.state == SubmissionState.IN_REVIEW

    assert permissions.can_withdraw(earner, submission)

    submission.assignments.update(accepted_at=timezone.now())

    assert not permissions.can_withdraw(earner, submission)


# organizations and fees


@pytest.mark.parametrize("role", list(Role))
def test_of_an_issuers_people_its_admins_see_its_members_and_only_an_org_admin_runs_it(
    issuer, role
):
    user = member(issuer, role)

    admin = role in (Role.ORG_ADMIN, Role.ISSUER_ADMIN)
    assert permissions.can_manage_members(user, issuer) is admin
    assert permissions.can_manage_organization(user, issuer) is (role == Role.ORG_ADMIN)


@pytest.mark.parametrize(
    ("role", "grantable"),
    [
        (Role.ASSESSOR, True),
        (Role.FACILITATOR, True),
        (Role.ISSUER_ADMIN, False),
        (Role.ORG_ADMIN, False),
        (Role.EARNER, False),
    ],
)
def test_an_issuer_admin_gives_program_roles_only(issuer, issuer_admin, role, grantable):
    assert permissions.can_grant_role(issuer_admin, issuer, role) is grantable


def test_an_org_admin_gives_every_role_of_its_kind_of_organization(issuer, district, org_admin):
    district_admin = member(district, Role.ORG_ADMIN)

    assert permissions.can_grant_role(org_admin, issuer, Role.ISSUER_ADMIN)
    assert permissions.can_grant_role(district_admin, district, Role.EARNER)
    assert not permissions.can_grant_role(district_admin, district, Role.ASSESSOR)
    assert not permissions.can_grant_role(member(district, Role.FACILITATOR), district, Role.EARNER)


def test_vouchers_and_the_ledger_are_the_issuers_admins_and_the_district_admins(
    issuer, district, issuer_admin, earner
):
    state = OrganizationFactory(kind=Organization.Kind.STATE)
    district_admin = member(district, Role.ORG_ADMIN)

    assert permissions.can_manage_vouchers(issuer_admin, issuer)
    assert permissions.can_view_ledger(district_admin, district)
    assert not permissions.can_manage_vouchers(earner, district)
    assert not permissions.can_manage_vouchers(member(state, Role.ORG_ADMIN), state)


def test_only_the_earner_pays_for_an_enrollment(cohort, earner, outsider):
    enrollment = Enrollment(earner=earner, micro_credential=cohort.micro_credential)

    assert permissions.can_pay(earner, enrollment)
    assert not permissions.can_pay(outsider, enrollment)
    assert not permissions.can_pay(AnonymousUser(), enrollment)


def test_the_districts_admin_decides_a_sponsorship_and_the_issuers_admin_an_invoice(
    issuer, district, issuer_admin, earner
):
    district_admin = member(district, Role.ORG_ADMIN)
    sponsorship = SponsorshipRequest(district=district)
    invoice = InvoiceRequest(payee=issuer)

    assert permissions.can_decide_sponsorship(district_admin, sponsorship)
    assert not permissions.can_decide_sponsorship(issuer_admin, sponsorship)
    assert permissions.can_record_invoice(issuer_admin, invoice)
    assert not permissions.can_record_invoice(earner, invoice)


# assessment


def test_only_the_assessor_offered_an_assignment_reviews_it(issuer, earner, issuer_admin):
    submission = submitted(
        enrollment_for(earner, issuer_admin=issuer_admin, fee=0, micro_credential__issuer=issuer)
    )
    profile = qualified_assessor(submission.enrollment.micro_credential)
    assign.sweep()
    assignment = submission.assignments.get()

    assert permissions.is_assessor(profile.user)
    assert permissions.can_review(profile.user, assignment)
    assert not permissions.can_review(issuer_admin, assignment)
    assert not permissions.can_review(AnonymousUser(), assignment)


# credentials


def test_an_issuers_admins_and_staff_revoke_and_issue_for_a_cohort_nobody_else(
    issuer, other_issuer, issuer_admin, earner, cohort
):
    award = Award(earner=earner, issuer=issuer)
    elsewhere = member(other_issuer, Role.ISSUER_ADMIN)

    assert permissions.can_revoke(issuer_admin, award)
    assert permissions.can_revoke(UserFactory(is_staff=True), award)
    assert not permissions.can_revoke(elsewhere, award)
    assert not permissions.can_revoke(earner, award)
    assert permissions.can_issue_for_cohort(issuer_admin, cohort)
    assert not permissions.can_issue_for_cohort(cohort.facilitator, cohort)


@pytest.mark.parametrize("is_public", [True, False])
def test_a_private_badge_page_is_seen_by_its_earner_and_the_issuers_admins_only(
    issuer, issuer_admin, earner, outsider, is_public
):
    award = Award(earner=earner, issuer=issuer, is_public=is_public)

    assert permissions.can_see_award(earner, award)
    assert permissions.can_see_award(issuer_admin, award)
    assert not permissions.can_see_award(outsider, award)
    assert not permissions.can_see_award(AnonymousUser(), award)
    assert permissions.can_view_badge(earner, award)
    assert permissions.can_view_badge(outsider, award) is is_public
    assert permissions.can_view_badge(AnonymousUser(), award) is is_public


def test_only_the_earner_decides_what_an_award_shows(issuer, issuer_admin, earner):
    award = Award(earner=earner, issuer=issuer)

    assert permissions.can_change_privacy(earner, award)
    assert not permissions.can_change_privacy(issuer_admin, award)
    assert not permissions.can_change_privacy(AnonymousUser(), award)


def test_a_learner_record_is_downloaded_by_its_earner_alone(earner, issuer_admin):
    assert permissions.can_download_record(earner, earner)
    assert not permissions.can_download_record(issuer_admin, earner)
    assert not permissions.can_download_record(AnonymousUser(), earner)


# facilitated cohorts


def test_the_facilitator_and_the_issuers_admins_read_a_cohort(issuer_admin, district, cohort):
    assert permissions.can_read_cohort(cohort.facilitator, cohort)
    assert permissions.can_read_cohort(issuer_admin, cohort)
    assert not permissions.can_read_cohort(member(district, Role.FACILITATOR), cohort)
    assert not permissions.is_facilitator_of(AnonymousUser(), cohort)


def test_a_facilitator_of_another_district_may_not_see_this_cohort(district, cohort):
    other_district = OrganizationFactory(kind=Organization.Kind.DISTRICT)
    cohort.facilitator = member(other_district, Role.FACILITATOR)
    facilitator_elsewhere = member(district, Role.FACILITATOR)

    assert not permissions.can_read_cohort(facilitator_elsewhere, cohort)


def test_coaching_is_read_by_the_earner_and_the_cohorts_readers_only(
    issuer_admin, earner, outsider, cohort
):
    submission = submission_in(cohort, earner)

    assert permissions.can_read_coaching(earner, submission)
    assert permissions.can_read_coaching(cohort.facilitator, submission)
    assert permissions.can_read_coaching(issuer_admin, submission)
    assert not permissions.can_read_coaching(outsider, submission)


def test_a_submission_outside_any_cohort_has_no_coaching(earner, cohort):
    submission = submission_in(cohort, earner)
    submission.enrollment.cohort = None

    assert not permissions.can_read_coaching(earner, submission)
    assert not permissions.can_coach(cohort.facilitator, submission, timezone.localdate())
    assert not permissions.can_reply_to_coaching(earner, submission, timezone.localdate())


def test_the_facilitator_coaches_and_the_earner_replies_on_a_draft_until_the_cohort_ends(
    earner, cohort
):
    draft = submission_in(cohort, earner)
    sent = submission_in(cohort, earner, SubmissionState.SUBMITTED)
    today, after = cohort.ends_on, cohort.ends_on + timedelta(days=1)

    assert permissions.is_cohort_open(cohort, today)
    assert not permissions.is_cohort_open(cohort, after)
    assert permissions.can_coach(cohort.facilitator, draft, today)
    assert not permissions.can_coach(cohort.facilitator, draft, after)
    assert not permissions.can_coach(cohort.facilitator, sent, today)
    assert not permissions.can_coach(earner, draft, today)
    assert permissions.can_reply_to_coaching(earner, draft, today)
    assert not permissions.can_reply_to_coaching(earner, draft, after)
    assert not permissions.can_reply_to_coaching(earner, sent, today)
    assert not permissions.can_reply_to_coaching(cohort.facilitator, draft, today)


def test_the_cohorts_readers_set_deadlines_until_it_ends(issuer_admin, outsider, cohort):
    assert permissions.can_set_deadlines(cohort.facilitator, cohort, cohort.ends_on)
    assert permissions.can_set_deadlines(issuer_admin, cohort, cohort.ends_on)
    assert not permissions.can_set_deadlines(
        issuer_admin, cohort, cohort.ends_on + timedelta(days=1)
    )
    assert not permissions.can_set_deadlines(outsider, cohort, cohort.ends_on)


# help desk


def test_the_earner_opens_a_ticket_and_the_issuers_staff_answer_it(
    issuer, issuer_admin, org_admin, assessor, earner, outsider, cohort
):
    submission = submission_in(cohort, earner)
    ticket = Ticket(earner=earner, issuer=issuer)

    assert permissions.can_open_ticket(earner, submission)
    assert not permissions.can_open_ticket(issuer_admin, submission)
    assert permissions.is_issuer_staff(org_admin, issuer)
    assert permissions.is_issuer_staff(UserFactory(is_staff=True), issuer)
    assert permissions.can_answer_ticket(issuer_admin, ticket)
    assert not permissions.can_answer_ticket(earner, ticket)
    assert not permissions.can_answer_ticket(assessor, ticket)
    assert permissions.can_read_ticket(earner, ticket)
    assert permissions.can_read_ticket(issuer_admin, ticket)
    assert not permissions.can_read_ticket(outsider, ticket)
    assert not permissions.can_read_ticket(AnonymousUser(), ticket)


# calibration and reliability


def test_the_issuers_authors_write_anchors_see_reliability_and_run_the_pool(
    issuer, issuer_admin, assessor, cohort
):
    micro_credential = cohort.micro_credential

    assert permissions.can_manage_anchors(issuer_admin, micro_credential)
    assert not permissions.can_manage_anchors(assessor, micro_credential)
    assert permissions.can_view_reliability(issuer_admin, micro_credential)
    assert not permissions.can_view_reliability(assessor, micro_credential)
    assert permissions.can_manage_pool(issuer_admin, issuer)
    assert not permissions.can_manage_pool(assessor, issuer)


def test_only_a_qualified_member_of_the_pool_calibrates(issuer, issuer_admin, cohort):
    micro_credential = cohort.micro_credential
    profile = qualified_assessor(micro_credential)
    other = MicroCredentialFactory(issuer=issuer)

    assert permissions.can_calibrate(profile.user, micro_credential)
    assert not permissions.can_calibrate(profile.user, other)
    assert not permissions.can_calibrate(issuer_admin, micro_credential)
    assert not permissions.can_calibrate(AnonymousUser(), micro_credential)

    PoolMember.objects.filter(assessor=profile).update(removed_at=timezone.now())

    assert not permissions.can_calibrate(profile.user, micro_credential)


# reports: certificates and transcripts


@pytest.fixture
def state_agency(district):
    state = OrganizationFactory(kind=Organization.Kind.STATE)
    district.parent = state
    district.save()
    return state


def test_a_district_or_state_admin_sees_its_educators_an_issuers_admin_does_not(
    issuer, district, state_agency, org_admin
):
    assert permissions.can_view_educators(member(district, Role.ORG_ADMIN), district)
    assert permissions.can_view_educators(member(state_agency, Role.ORG_ADMIN), state_agency)
    assert not permissions.can_view_educators(member(district, Role.FACILITATOR), district)
    assert not permissions.can_view_educators(org_admin, issuer)


def test_an_earner_teaches_in_their_district_and_its_state_not_at_an_issuer(
    issuer, district, state_agency, earner
):
    assert permissions.is_educator_of(earner, district)
    assert permissions.is_educator_of(earner, state_agency)
    assert not permissions.is_educator_of(earner, OrganizationFactory(kind="district"))
    assert not permissions.is_educator_of(member(issuer, Role.EARNER), issuer)


def test_a_transcript_is_pulled_by_its_earner_and_the_admins_where_they_teach(
    district, state_agency, earner, issuer_admin
):
    district_admin = member(district, Role.ORG_ADMIN)
    state_admin = member(state_agency, Role.ORG_ADMIN)
    other_district = OrganizationFactory(kind=Organization.Kind.DISTRICT)
    elsewhere = member(other_district, Role.ORG_ADMIN)

    assert permissions.can_pull_transcript(earner, earner)
    assert permissions.can_pull_transcript(district_admin, earner)
    assert permissions.can_pull_transcript(state_admin, earner)
    assert permissions.can_pull_transcript(district_admin, earner, district)
    assert not permissions.can_pull_transcript(elsewhere, earner)
    assert not permissions.can_pull_transcript(elsewhere, earner, other_district)
    assert not permissions.can_pull_transcript(issuer_admin, earner)
    assert not permissions.can_pull_transcript(AnonymousUser(), earner)


def test_a_certificate_is_as_private_as_the_award_and_the_district_admin_may_have_it(
    issuer, district, earner, issuer_admin, outsider
):
    award = Award(earner=earner, issuer=issuer)

    assert permissions.can_download_certificate(earner, award)
    assert permissions.can_download_certificate(issuer_admin, award)
    assert permissions.can_download_certificate(member(district, Role.ORG_ADMIN), award)
    assert not permissions.can_download_certificate(outsider, award)


# duplicate evidence


def test_a_duplicate_flag_is_handled_by_an_issuer_admin_who_reviews_neither_submission(
    issuer, earner, issuer_admin
):
    first = submitted(
        enrollment_for(earner, issuer_admin=issuer_admin, fee=0, micro_credential__issuer=issuer)
    )
    micro_credential = first.enrollment.micro_credential
    reviewing_admin = qualified_assessor(micro_credential).user
    MembershipFactory(user=reviewing_admin, organization=issuer, role=Role.ISSUER_ADMIN)
    assign.sweep()
    other = SubmissionFactory()
    flag = DuplicateFlag(micro_credential=micro_credential, submission=first, other=other)

    assert permissions.can_see_duplicate_flags(issuer_admin, issuer)
    assert permissions.can_see_duplicate_flags(UserFactory(is_staff=True), issuer.pk)
    assert permissions.can_handle_duplicate_flag(issuer_admin, flag)
    assert permissions.can_see_duplicate_flags(reviewing_admin, issuer)
    assert not permissions.can_handle_duplicate_flag(reviewing_admin, flag)
    assert not permissions.can_handle_duplicate_flag(earner, flag)
    assert permissions.is_earner_in_duplicate_flag(earner, flag)
    assert permissions.is_earner_in_duplicate_flag(other.enrollment.earner, flag)
    assert not permissions.is_earner_in_duplicate_flag(issuer_admin, flag)
    assert not permissions.is_earner_in_duplicate_flag(AnonymousUser(), flag)


# people, frameworks and the registry


def test_a_district_admin_decides_who_joins_the_district(issuer, district, org_admin):
    assert permissions.can_decide_join_request(member(district, Role.ORG_ADMIN), district)
    assert not permissions.can_decide_join_request(member(district, Role.FACILITATOR), district)
    assert not permissions.can_decide_join_request(org_admin, issuer)


def test_an_issuers_authors_import_its_frameworks_and_staff_the_shared_ones(issuer, issuer_admin):
    staff = UserFactory(is_staff=True)

    assert permissions.can_import_framework(issuer_admin, issuer)
    assert not permissions.can_import_framework(issuer_admin, None)
    assert permissions.can_import_framework(staff, None)


def test_an_issuers_admins_publish_its_catalog_to_the_registry(
    issuer, district, issuer_admin, assessor
):
    assert permissions.can_publish_to_registry(issuer_admin, issuer)
    assert not permissions.can_publish_to_registry(assessor, issuer)
    assert not permissions.can_publish_to_registry(member(district, Role.ORG_ADMIN), district)

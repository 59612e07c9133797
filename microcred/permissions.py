"""Every "may this user do that?" answer in microcred.

Services enforce these predicates, so pages, the API and management commands get the
same answer; views and templates ask them only to decide what to show.
"""

from __future__ import annotations

from django.db.models import Q

from microcred.accounts.models import ADMIN_ROLES, ROLES_BY_KIND, Membership, Organization, Role
from microcred.catalog.models import Cohort, MicroCredentialVersion, Stack, VersionStatus
from microcred.submissions.states import State as SubmissionState

AUTHOR_ROLES = ADMIN_ROLES  # an issuer's admins write its catalog


def _roles_by_organization(user) -> dict[int, frozenset[str]]:
    """The user's active roles per organization id, read once per user object."""
    cached = getattr(user, "_microcred_roles", None)
    if cached is None:
        roles: dict[int, set[str]] = {}
        # Today's callers ask only of signed-in, active people; an anonymous visitor must
        # still hold no role if a new caller forgets to ask first.
        if user.is_authenticated:  # pragma: no branch
            for org_id, role in Membership.objects.filter(user=user, is_active=True).values_list(
                "organization_id", "role"
            ):
                roles.setdefault(org_id, set()).add(role)
        cached = {org_id: frozenset(r) for org_id, r in roles.items()}
        user._microcred_roles = cached
    return cached


def forget_roles(user) -> None:
    """Drop the cached roles after a membership of this user changed."""
    user.__dict__.pop("_microcred_roles", None)


def is_platform_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


# --- two-factor sign-in --------------------------------------------------------------------


def must_use_two_factor(user) -> bool:
    """Platform staff always sign in with a second factor; an organization's admins (issuer,
    district and state admins) when the organization asks for it."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_staff:
        return True
    # From the roles already read for this request: most people hold no admin role, and
    # their pages pay no query for this check.
    org_ids = organizations_with_role(user, *ADMIN_ROLES)
    return (
        bool(org_ids)
        and Organization.objects.filter(pk__in=org_ids, require_two_factor=True).exists()
    )


def can_change_sign_in_rules(user, organization: Organization) -> bool:
    """Whether the organization's admins must use two-factor sign-in is theirs to decide."""
    return can_manage_members(user, organization) and (
        is_platform_staff(user) or has_role(user, organization, *ADMIN_ROLES)
    )


def has_role(user, organization: Organization | int, *roles: str) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    org_id = organization if isinstance(organization, int) else organization.pk
    return bool(_roles_by_organization(user).get(org_id, frozenset()) & set(roles))


def organizations_with_role(user, *roles: str) -> list[int]:
    if not (user.is_authenticated and user.is_active):
        return []
    wanted = set(roles)
    return [org_id for org_id, held in _roles_by_organization(user).items() if held & wanted]


def administered_issuers(user):
    """The issuers whose catalog, desk and flags this person runs: every issuer for platform
    staff, else those where they hold an admin role."""
    issuers = Organization.objects.filter(kind=Organization.Kind.ISSUER)
    if is_platform_staff(user):
        return issuers
    return issuers.filter(pk__in=organizations_with_role(user, *AUTHOR_ROLES))


def can_author(user, issuer: Organization) -> bool:
    """Write micro-credentials and stacks for this issuer."""
    if issuer.kind != Organization.Kind.ISSUER:
        return False
    return is_platform_staff(user) or has_role(user, issuer, *AUTHOR_ROLES)


def can_author_anywhere(user) -> bool:
    """Author for at least one issuer (an org admin of a district or state is not one)."""
    if is_platform_staff(user):
        return True
    org_ids = organizations_with_role(user, *AUTHOR_ROLES)
    return (
        bool(org_ids)
        and Organization.objects.filter(pk__in=org_ids, kind=Organization.Kind.ISSUER).exists()
    )


def can_view_version(user, version: MicroCredentialVersion) -> bool:
    if version.status == VersionStatus.PUBLISHED:
        return True
    return can_author(user, version.micro_credential.issuer)


def can_edit_version(user, version: MicroCredentialVersion) -> bool:
    """Only a draft changes; a version in review or published is frozen."""
    return version.status == VersionStatus.DRAFT and can_author(
        user, version.micro_credential.issuer
    )


def can_submit_for_review(user, version: MicroCredentialVersion) -> bool:
    return can_edit_version(user, version)


def can_publish(user, version: MicroCredentialVersion) -> bool:
    return version.status in (VersionStatus.DRAFT, VersionStatus.IN_REVIEW) and can_author(
        user, version.micro_credential.issuer
    )


def can_return_to_draft(user, version: MicroCredentialVersion) -> bool:
    return version.status == VersionStatus.IN_REVIEW and can_author(
        user, version.micro_credential.issuer
    )


def can_retire(user, version: MicroCredentialVersion) -> bool:
    return version.status == VersionStatus.PUBLISHED and can_author(
        user, version.micro_credential.issuer
    )


def can_start_revision(user, version: MicroCredentialVersion) -> bool:
    return version.status in (VersionStatus.PUBLISHED, VersionStatus.RETIRED) and can_author(
        user, version.micro_credential.issuer
    )


def can_enroll(user, version: MicroCredentialVersion) -> bool:
    return bool(
        user.is_authenticated and user.is_active and version.status == VersionStatus.PUBLISHED
    )


def can_manage_stack(user, stack: Stack) -> bool:
    return can_author(user, stack.issuer)


def can_manage_cohort(user, cohort: Cohort) -> bool:
    return can_author(user, cohort.micro_credential.issuer)


def can_facilitate(user, cohort: Cohort) -> bool:
    return bool(user.is_authenticated and cohort.facilitator_id == user.pk) or can_manage_cohort(
        user, cohort
    )


# --- submissions -------------------------------------------------------------------------


def is_earner_of(user, submission) -> bool:
    return bool(user.is_authenticated and submission.enrollment.earner_id == user.pk)


def can_edit_submission(user, submission) -> bool:
    return is_earner_of(user, submission) and submission.state == SubmissionState.DRAFT


def can_submit(user, submission) -> bool:
    return can_edit_submission(user, submission)


def can_withdraw(user, submission) -> bool:
    """Until an assessor starts reviewing, the earner may take the submission back.

    Offers alone do not start a review (the sweep makes them within moments of submitting);
    accepting one, or scoring straight away, does.
    """
    if not is_earner_of(user, submission):
        return False
    if submission.state in (SubmissionState.DRAFT, SubmissionState.SUBMITTED):
        return True
    return (
        submission.state == SubmissionState.IN_REVIEW
        and not submission.assignments.filter(accepted_at__isnull=False).exists()
    )


# --- organizations and fees --------------------------------------------------------------

MEMBER_ROLES = frozenset(Role.values)


def can_manage_organization(user, organization: Organization) -> bool:
    return is_platform_staff(user) or has_role(user, organization, Role.ORG_ADMIN)


def can_manage_members(user, organization: Organization) -> bool:
    """See the members page of an organization, its invitations and its audit of roles."""
    return can_manage_organization(user, organization) or (
        organization.kind == Organization.Kind.ISSUER
        and has_role(user, organization, Role.ISSUER_ADMIN)
    )


# An issuer admin runs the issuer's program: its assessors and facilitators. Who holds
# admin roles is the organization admin's to decide.
ISSUER_ADMIN_GRANTS = frozenset({Role.ASSESSOR, Role.FACILITATOR})


def can_grant_role(user, organization: Organization, role: str) -> bool:
    """Give (or invite to) or take this role in this organization. Nobody changes their own
    roles: services refuse that separately, with its own message."""
    if role not in ROLES_BY_KIND.get(organization.kind, ()):
        return False
    if can_manage_organization(user, organization):
        return True
    return (
        organization.kind == Organization.Kind.ISSUER
        and role in ISSUER_ADMIN_GRANTS
        and has_role(user, organization, Role.ISSUER_ADMIN)
    )


def can_manage_vouchers(user, organization: Organization) -> bool:
    """Issuers' admins make vouchers for their catalog; district admins for their members."""
    if organization.kind == Organization.Kind.ISSUER:
        return can_author(user, organization)
    return organization.kind == Organization.Kind.DISTRICT and can_manage_organization(
        user, organization
    )


def can_view_ledger(user, organization: Organization) -> bool:
    return can_manage_vouchers(user, organization)


def can_pay(user, enrollment) -> bool:
    return bool(user.is_authenticated and enrollment.earner_id == user.pk)


def can_decide_sponsorship(user, request) -> bool:
    return can_manage_organization(user, request.district)


def can_record_invoice(user, invoice) -> bool:
    """The issuer's admins mark an invoice paid or cancel it; the earner does neither."""
    return can_author(user, invoice.payee)


# --- assessment --------------------------------------------------------------------------


def is_assessor(user) -> bool:
    return bool(organizations_with_role(user, Role.ASSESSOR))


def can_review(user, assignment) -> bool:
    """Only the assessor an assignment was offered to works on it."""
    return bool(user.is_authenticated and user.is_active and assignment.assessor.user_id == user.pk)


# --- credentials -------------------------------------------------------------------------


def can_manage_credentials(user, organization: Organization | int) -> bool:
    """Keys, identifier method, revocation, bulk issuance and API clients of an issuer."""
    return is_platform_staff(user) or has_role(user, organization, *AUTHOR_ROLES)


def can_revoke(user, award) -> bool:
    return can_manage_credentials(user, award.issuer_id)


def can_issue_for_cohort(user, cohort: Cohort) -> bool:
    return can_manage_credentials(user, cohort.micro_credential.issuer_id)


def can_see_award(user, award) -> bool:
    """The earner, the issuer's admins and platform staff see an award's private parts."""
    return bool(
        user.is_authenticated
        and (award.earner_id == user.pk or can_manage_credentials(user, award.issuer_id))
    )


def can_view_badge(user, award) -> bool:
    """A public badge page is anyone's; a private one only its earner's, and that of the
    issuer's admins and platform staff, who may have to revoke it."""
    return award.is_public or can_see_award(user, award)


def can_change_privacy(user, award) -> bool:
    """Only the earner decides who sees their badge page and whether evidence is shown."""
    return bool(user.is_authenticated and user.is_active and award.earner_id == user.pk)


def can_download_record(user, earner) -> bool:
    """A learner record is made for the earner alone."""
    return bool(user.is_authenticated and user.is_active and user.pk == earner.pk)


# --- facilitated cohorts -----------------------------------------------------------------


def is_facilitator_of(user, cohort: Cohort) -> bool:
    return bool(user.is_authenticated and user.is_active and cohort.facilitator_id == user.pk)


def can_read_cohort(user, cohort: Cohort) -> bool:
    """The facilitator and the issuer's admins see the cohort's earners and their drafts."""
    return is_facilitator_of(user, cohort) or can_manage_cohort(user, cohort)


def can_read_coaching(user, submission) -> bool:
    """The earner, and whoever reads the submission's cohort, read the coaching on it."""
    cohort = submission.enrollment.cohort
    return cohort is not None and (is_earner_of(user, submission) or can_read_cohort(user, cohort))


def is_cohort_open(cohort: Cohort, today) -> bool:
    """After its end date a cohort's content stays readable but takes nothing new."""
    return today <= cohort.ends_on


def can_coach(user, submission, today) -> bool:
    """Only the cohort's facilitator comments, on a draft, until the cohort ends."""
    cohort = submission.enrollment.cohort
    return (
        cohort is not None
        and is_facilitator_of(user, cohort)
        and is_cohort_open(cohort, today)
        and submission.state == SubmissionState.DRAFT
    )


def can_reply_to_coaching(user, submission, today) -> bool:
    cohort = submission.enrollment.cohort
    return (
        cohort is not None
        and is_earner_of(user, submission)
        and is_cohort_open(cohort, today)
        and submission.state == SubmissionState.DRAFT
    )


def can_set_deadlines(user, cohort: Cohort, today) -> bool:
    return can_read_cohort(user, cohort) and is_cohort_open(cohort, today)


# --- help desk ---------------------------------------------------------------------------


def is_issuer_staff(user, organization: Organization | int) -> bool:
    """Issuer admins and org admins of an issuer (and platform staff) answer its tickets."""
    return is_platform_staff(user) or has_role(user, organization, *AUTHOR_ROLES)


def can_open_ticket(user, submission) -> bool:
    return is_earner_of(user, submission)


def can_answer_ticket(user, ticket) -> bool:
    return is_issuer_staff(user, ticket.issuer_id)


def can_read_ticket(user, ticket) -> bool:
    return bool(user.is_authenticated and ticket.earner_id == user.pk) or can_answer_ticket(
        user, ticket
    )


# --- calibration and reliability -----------------------------------------------------------


def can_manage_anchors(user, micro_credential) -> bool:
    """Write anchors and calibration sets with expert scores for a micro-credential."""
    return can_author(user, micro_credential.issuer)


def can_view_reliability(user, micro_credential) -> bool:
    """See (and export) how consistently a micro-credential's assessors judge."""
    return can_author(user, micro_credential.issuer)


def can_calibrate(user, micro_credential) -> bool:
    """Only members of a micro-credential's assessor pool calibrate for it (paused members
    too: a pause stops live work, not training)."""
    from microcred.assessment.models import PoolMember, Qualification

    return bool(
        user.is_authenticated
        and user.is_active
        and Qualification.objects.filter(
            assessor__user=user, micro_credential=micro_credential, withdrawn_at__isnull=True
        ).exists()
        and PoolMember.objects.filter(
            assessor__user=user, issuer_id=micro_credential.issuer_id, removed_at__isnull=True
        ).exists()
    )


def can_manage_pool(user, issuer: Organization) -> bool:
    """Invite assessors to an issuer's pool, choose what each assesses, set capacity, pause
    and remove them: the issuer's admins and its organization admins."""
    return can_author(user, issuer)


# --- reports: certificates and transcripts -----------------------------------------------

EDUCATOR_ORGANIZATION_KINDS = (Organization.Kind.DISTRICT, Organization.Kind.STATE)


def can_view_educators(user, organization: Organization) -> bool:
    """A district's or state agency's admins see its educators' awards and credits."""
    return organization.kind in EDUCATOR_ORGANIZATION_KINDS and has_role(
        user, organization, Role.ORG_ADMIN
    )


def is_educator_of(earner, organization: Organization) -> bool:
    """An active earner of the district, or, for a state, of one of its districts."""
    if organization.kind not in EDUCATOR_ORGANIZATION_KINDS:
        return False
    return (
        Membership.objects.filter(user=earner, role=Role.EARNER, is_active=True)
        .filter(Q(organization=organization) | Q(organization__parent=organization))
        .exists()
    )


def can_pull_transcript(user, earner, organization: Organization | None = None) -> bool:
    """The earner pulls their own; an admin of a district or state the earner teaches in
    (through `organization`, or any they administer when it is None) pulls theirs."""
    if not (user.is_authenticated and user.is_active):
        return False
    if organization is None:
        if user.pk == earner.pk:
            return True
        administered = Organization.objects.filter(
            pk__in=organizations_with_role(user, Role.ORG_ADMIN),
            kind__in=EDUCATOR_ORGANIZATION_KINDS,
        )
        return any(is_educator_of(earner, o) for o in administered)
    return can_view_educators(user, organization) and is_educator_of(earner, organization)


def can_download_certificate(user, award) -> bool:
    """As private as the award: its earner, the issuer's credential admins and platform
    staff, and the admins of the earner's district or state."""
    return can_see_award(user, award) or can_pull_transcript(user, award.earner)


# --- duplicate evidence ------------------------------------------------------------------


def can_see_duplicate_flags(user, issuer: Organization | int) -> bool:
    """The issuer's admins; assessors never see that evidence was flagged."""
    return is_platform_staff(user) or has_role(user, issuer, *AUTHOR_ROLES)


def can_handle_duplicate_flag(user, flag) -> bool:
    """An issuer admin who reviews neither submission: the flag page names both earners,
    which would unblind a review."""
    if not can_see_duplicate_flags(user, flag.micro_credential.issuer_id):
        return False
    return not any(
        submission.assignments.filter(assessor__user_id=user.pk).exists()
        for submission in (flag.submission, flag.other)
    )


def is_earner_in_duplicate_flag(user, flag) -> bool:
    return bool(
        user.is_authenticated
        and user.pk in (flag.submission.enrollment.earner_id, flag.other.enrollment.earner_id)
    )


# --- people ------------------------------------------------------------------------------


def can_decide_join_request(user, district: Organization) -> bool:
    """Approve or decline an educator's request to join a district."""
    return district.kind == Organization.Kind.DISTRICT and can_grant_role(
        user, district, Role.EARNER
    )


# --- standards frameworks and registry publishing ------------------------------------------


def can_import_framework(user, organization: Organization | None) -> bool:
    """Import a CASE framework for an issuer's authors; one for every issuer is staff's."""
    if organization is None:
        return is_platform_staff(user)
    return can_author(user, organization)


def can_publish_to_registry(user, issuer: Organization) -> bool:
    """Send an issuer's published catalog to a Credential Engine registry."""
    return issuer.kind == Organization.Kind.ISSUER and can_manage_credentials(user, issuer)


def can_import_catalog(user, organization: Organization | None) -> bool:
    """List another provider's catalog beside ours, kept by an issuer (its admins import
    and import again) or, by platform staff, by the platform."""
    if organization is None:
        return is_platform_staff(user)
    return can_author(user, organization)


# --- webhooks ----------------------------------------------------------------------------


def can_manage_webhooks(user, organization: Organization) -> bool:
    """Register, change and remove an organization's webhook endpoints, see their secrets
    once and their deliveries: its admins (an issuer's issuer and org admins, a district's or
    state's org admins) and platform staff."""
    return is_platform_staff(user) or has_role(user, organization, *ADMIN_ROLES)


def can_manage_api_clients(user, organization: Organization) -> bool:
    """Give an organization's own systems access to the REST API, and take it back: the
    same people who manage its webhooks."""
    return can_manage_webhooks(user, organization)

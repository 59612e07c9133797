import importlib
import io
import json
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Prefetch
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from microcred.accounts.models import Membership, Organization, Role, User
from microcred.backpack import selectors as backpack_selectors
from microcred.backpack import services as backpack_services
from microcred.backpack.models import Enrollment, EnrollmentStatus
from microcred.catalog.checklist import failing_items
from microcred.catalog.models import (
    Cohort,
    EvidenceType,
    MicroCredential,
    MicroCredentialVersion,
    Requirement,
    Stack,
    VersionStatus,
)
from microcred.catalog.tests.factories import grade_band
from microcred.coaching.models import CoachingComment, CohortDeadline, DeadlineKind, Voice
from microcred.demo import content, loader
from microcred.demo.content import lifecycle
from microcred.submissions.models import Submission
from microcred.submissions.states import State
from microcred.support.models import Ticket, TicketMessage, TicketOrigin, TicketStatus

pytestmark = pytest.mark.django_db

GRADE_BANDS = importlib.import_module("microcred.catalog.migrations.0003_grade_bands").GRADE_BANDS


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker):
    """Load the demo once for the whole module, in a transaction rolled back at the end.

    Each test runs in its own savepoint inside it, so the tests see the loaded demo and
    cannot disturb one another or the rest of the suite.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        grade_band("k-2")  # an earlier test may have flushed the seeded grade bands
        yield run_load_demo()
        transaction.set_rollback(True)


def run_load_demo() -> str:
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Organization,
            User,
            Membership,
            MicroCredential,
            MicroCredentialVersion,
            Requirement,
            Stack,
            Cohort,
            Enrollment,
            Submission,
        )
    }


def published_versions():
    return MicroCredentialVersion.objects.filter(status=VersionStatus.PUBLISHED).prefetch_related(
        Prefetch("requirements", queryset=Requirement.objects.prefetch_related("criteria")),
        "resources",
        "alignments",
    )


def test_the_demo_has_three_issuers_and_a_state_with_two_districts(printed):
    issuers = Organization.objects.filter(kind=Organization.Kind.ISSUER)
    state = Organization.objects.get(kind=Organization.Kind.STATE)

    assert issuers.count() >= 3
    assert Organization.objects.filter(kind=Organization.Kind.DISTRICT, parent=state).count() == 2


def test_forty_published_micro_credentials_all_pass_the_quality_checklist(printed):
    versions = list(published_versions())

    assert len(versions) >= 40
    assert [v.title for v in versions if failing_items(v)] == []


def test_every_published_micro_credential_has_grade_bands_topics_and_a_png_badge(printed):
    versions = published_versions().annotate(
        bands=Count("grade_bands", distinct=True), topic_count=Count("topics", distinct=True)
    )

    assert all(v.bands and v.topic_count for v in versions)
    assert all(v.image.name.endswith(".png") for v in versions)


def test_eight_published_stacks_one_per_topic_each_with_a_badge(printed):
    stacks = Stack.objects.filter(is_published=True).annotate(size=Count("items"))

    assert stacks.count() == 8
    assert all(stack.size >= 5 and stack.image for stack in stacks)
    assert stacks.filter(is_ordered=True).exists()
    assert stacks.exclude(endorsement="").exists()


def test_stacks_carry_standards_of_their_own_and_their_credentials_say_so(printed):
    from microcred.credentials.models import Award

    aligned = Stack.objects.filter(alignments__isnull=False).distinct()
    assert {s.title for s in aligned} >= {
        "Foundations of Reading Instruction",
        "Instructional Coaching Cycles",
    }
    for award in Award.objects.filter(stack__in=aligned, signed_at__isnull=False):
        achievement = json.loads(award.credential_json)["credentialSubject"]["achievement"]
        assert achievement["alignment"]


def test_the_catalog_varies_by_fee_and_credit_unit(printed):
    versions = MicroCredentialVersion.objects.filter(status=VersionStatus.PUBLISHED)

    assert versions.filter(fee=0).exists()
    assert versions.filter(fee__gte=25, fee__lte=75).count() > versions.filter(fee=0).count()
    assert versions.values("credit_unit").distinct().count() >= 4


def test_every_role_has_demo_people_with_verified_addresses(printed):
    demo_people = User.objects.filter(email__endswith=f"@{loader.DOMAIN}")
    roles = set(Membership.objects.filter(user__in=demo_people).values_list("role", flat=True))
    unverified = demo_people.exclude(
        emailaddress__verified=True, emailaddress__primary=True
    ).values_list("email", flat=True)

    assert roles == set(Role.values)
    assert demo_people.filter(is_staff=True, is_superuser=True).exists()
    assert list(unverified) == []
    assert EmailAddress.objects.filter(user__in=demo_people).count() == demo_people.count()


def test_demo_people_sign_in_with_the_printed_password(printed, client):
    assert client.login(email=loader.email("earner"), password=loader.PASSWORD)
    assert client.get(reverse("backpack:home")).status_code == 200
    client.logout()
    assert client.login(email=loader.email("staff"), password=loader.PASSWORD)
    # Staff set up two-factor sign-in before they can open the admin.
    assert client.get(reverse("admin:index"))["Location"] == reverse("mfa_activate_totp")


def test_the_command_prints_a_summary_and_every_login(printed):
    assert "Demo data loaded" in printed
    for login in loader.logins():
        assert login.email in printed
    assert loader.PASSWORD in printed
    assert "Assessor, flagged for retraining" in printed


def test_every_printed_sign_in_works(printed, client):
    for login in loader.logins():
        assert client.login(email=login.email, password=login.password), login.email


def test_backpacks_hold_submissions_in_every_state(printed):
    assert set(Submission.objects.values_list("state", flat=True)) == set(State.values)
    assert set(Enrollment.objects.values_list("status", flat=True)) == set(EnrollmentStatus.values)


def test_awards_are_spread_over_past_months(printed):
    earned_on = {
        e.earned_at.date() for e in Enrollment.objects.filter(status=EnrollmentStatus.EARNED)
    }

    assert len(earned_on) >= 10
    assert (max(earned_on) - min(earned_on)).days >= 90


def test_one_earner_has_completed_a_stack_and_is_part_way_through_another(printed):
    earner = User.objects.get(email=loader.email("earner"))

    progress = backpack_selectors.backpack(earner)

    assert any(p.is_complete for p in progress.stacks)
    assert any(0 < p.earned < p.total for p in progress.stacks)
    assert progress.credits


def test_a_revised_micro_credential_keeps_its_first_version_for_its_earner(printed):
    mc = MicroCredential.objects.get(slug="number-talks")
    first, second = mc.versions.order_by("number")

    assert (first.status, second.status) == (VersionStatus.RETIRED, VersionStatus.PUBLISHED)
    assert mc.current_version == second
    assert Enrollment.objects.filter(version=first).exists()


def test_an_unfinished_draft_fails_the_checklist_and_another_waits_in_review(printed):
    draft = MicroCredentialVersion.objects.get(status=VersionStatus.DRAFT)
    in_review = MicroCredentialVersion.objects.get(status=VersionStatus.IN_REVIEW)

    assert failing_items(draft)
    assert failing_items(in_review) == []


def test_cohorts_with_the_facilitator_one_open_now_and_one_finished(printed):
    facilitator = User.objects.get(email=loader.email("facilitator"))
    cohorts = list(Cohort.objects.filter(facilitator=facilitator))
    today = timezone.localdate()

    assert any(c.is_enrolling(today) and c.enrollments.exists() for c in cohorts)
    assert any(c.ends_on < today for c in cohorts)


def test_loading_again_creates_nothing_and_keeps_what_people_did(printed):
    earner = User.objects.get(email=loader.email("earner2"))
    earner.name = "Daniel Reyes-Ortiz"
    earner.save()
    started = backpack_services.enroll(MicroCredential.objects.get(slug="number-talks"), by=earner)
    before = counts()

    output = run_load_demo()

    assert counts() == before
    assert User.objects.get(pk=earner.pk).name == "Daniel Reyes-Ortiz"
    assert Enrollment.objects.filter(pk=started.pk).exists()
    assert "nothing was changed" in output
    assert loader.email("earner") in output


def test_the_open_cohort_has_drafts_comments_and_deadlines(printed, client):
    facilitator = User.objects.get(email=loader.email("facilitator"))
    cohort = Cohort.objects.filter(facilitator=facilitator, comments__isnull=False).distinct().get()
    drafts = Submission.objects.filter(enrollment__cohort=cohort, state=State.DRAFT)

    assert drafts.count() >= 3
    assert CoachingComment.objects.filter(cohort=cohort, voice=Voice.FACILITATOR).count() >= 4
    assert CoachingComment.objects.filter(cohort=cohort, voice=Voice.EARNER).exists()
    assert set(cohort.deadlines.values_list("kind", flat=True)) == set(DeadlineKind.values)
    assert client.login(email=facilitator.email, password=loader.PASSWORD)
    assert "Maya Okafor" in client.get(f"/cohorts/{cohort.pk}/").content.decode()


def test_the_help_desk_has_a_waiting_a_solved_and_an_overdue_ticket(printed, client):
    assert set(Ticket.objects.values_list("status", flat=True)) >= {
        TicketStatus.WAITING,
        TicketStatus.SOLVED,
    }
    overdue = Ticket.objects.get(origin=TicketOrigin.OVERDUE)
    assert overdue.status == TicketStatus.OPEN
    assert client.login(email=loader.email("issuer-admin"), password=loader.PASSWORD)
    assert "Did my captions file reach the assessors?" in client.get("/help/desk/").content.decode()


def test_loading_again_adds_no_coaching_or_tickets(printed):
    models = (CoachingComment, CohortDeadline, Ticket, TicketMessage)
    before = [model.objects.count() for model in models]
    run_load_demo()
    assert [model.objects.count() for model in models] == before


def test_the_facilitator_and_issuer_staff_sign_ins_are_printed(printed):
    assert loader.email("facilitator") in printed
    assert loader.email("issuer-admin") in printed


def test_the_written_content_follows_the_house_rules_for_micro_credentials():
    seeded = {slug for slug, _name in GRADE_BANDS}
    micro_credentials = {
        mc.title: mc for stack in content.STACKS for mc in stack.micro_credentials
    } | {mc.title: mc for _issuer, mc, _colour in content.STANDALONE}

    for mc in [*micro_credentials.values(), *(mc for _i, mc, _c in lifecycle.IN_REVIEW)]:
        assert 3 <= len(mc.components) <= 5, mc.title
        assert 2 <= len(mc.requirements) <= 3, mc.title
        assert all(2 <= len(r.criteria) <= 3 for r in mc.requirements), mc.title
        assert all(set(r.evidence) <= set(EvidenceType.values) for r in mc.requirements)
        assert 2 <= len(mc.resources) <= 3, mc.title
        assert 1 <= len(mc.alignments) <= 2, mc.title
        assert 10 <= Decimal(mc.hours) <= 20, mc.title
        assert Decimal(mc.fee) == 0 or 25 <= Decimal(mc.fee) <= 75, mc.title
        assert set(mc.grades) <= seeded, mc.title


# -- Sharing, privacy and the learner record ------------------------------------------------


def test_every_demo_award_is_signed_and_ready_to_share(printed):
    from microcred.credentials.models import Award

    assert Award.objects.exists()
    assert not Award.objects.filter(signed_at__isnull=True).exists()


def test_one_demo_badge_page_is_private_and_one_shows_its_evidence(printed, client):
    import json

    from microcred.credentials.models import Award

    earner = User.objects.get(email=loader.email("earner"))
    private = Award.objects.get(earner=earner, is_public=False)
    shown = Award.objects.get(earner=earner, include_evidence=True)

    assert client.get(private.get_absolute_url()).status_code == 404
    assert json.loads(shown.credential_json)["evidence"]
    assert Award.objects.filter(is_public=False).count() == 1


def test_the_demo_backpack_offers_sharing_and_the_learner_record(printed, client):
    client.force_login(User.objects.get(email=loader.email("earner")))

    page = client.get(reverse("backpack:home")).text

    assert "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME" in page
    assert "Download the record (JSON)" in page
    assert "Private" in page


def test_every_demo_badge_page_links_its_baked_badges_and_2_0_documents_that_work(printed, client):
    from microcred.credentials import selectors
    from microcred.credentials.issuing import batch_signing
    from microcred.credentials.models import Award

    batch_signing.sign_pending()  # the worker does this after `make run`
    offered = 0
    for award in Award.objects.select_related("earner"):
        # A private page and its files are the earner's to open.
        client.force_login(award.earner)
        page = client.get(award.get_absolute_url()).content.decode()
        ob3 = [
            reverse(f"credentials:{name}", args=[award.public_id])
            for name in ("ob3_baked_png", "ob3_baked_svg")
        ]
        ob2 = [
            reverse(f"credentials:{name}", args=[award.public_id])
            for name in ("ob2_assertion", "ob2_baked_png", "ob2_baked_svg")
        ]
        for link in ob3:
            assert f'href="{link}' in page, (award, link)
            assert client.get(link).status_code == 200, (award, link)
        if selectors.ob2_unavailable_reason(award):
            # A 2.0 badge verifies only by its hosted assertion, which a private or
            # revoked award's does not give: the page offers none and says why.
            assert not any(f'href="{link}' in page for link in ob2), award
            continue
        for link in ob2:
            assert f'href="{link}' in page, (award, link)
            assert client.get(link).status_code == 200, (award, link)
        assertion = client.get(ob2[0]).json()
        for document in (assertion["badge"], assertion["image"]):
            assert client.get(document.removeprefix(settings.BASE_URL)).status_code == 200
        offered += 1
    assert offered, "no demo award offers its 2.0 badge"


def test_demo_awards_of_a_micro_credential_and_a_stack_pass_the_open_badges_2_validator(
    printed, monkeypatch
):
    from microcred.credentials.formats import ob2
    from microcred.credentials.models import Award, AwardKind
    from microcred.credentials.tests.ob2_validator import answered_by_our_views, errors, passes

    validate = answered_by_our_views(monkeypatch)
    for kind in (AwardKind.MICRO_CREDENTIAL, AwardKind.STACK):
        award = Award.objects.filter(kind=kind, revoked_at__isnull=True).first()

        result = validate(ob2.assertion_url(award))

        assert errors(result) == [], award
        assert passes(result)


def _privacy():
    from django.utils.text import slugify

    from microcred.demo.content import calibration as demo_calibration

    return MicroCredential.objects.get(slug=slugify(demo_calibration.MICRO_CREDENTIAL.title))


def test_calibration_sets_with_expert_scored_anchors_are_ready(printed):
    from microcred.assessment.models import Anchor, CalibrationSet, ExpertScore

    mc = _privacy()
    assert (
        CalibrationSet.objects.filter(micro_credential=mc, anchors__isnull=False).distinct().count()
        == 2
    )
    assert Anchor.objects.filter(micro_credential=mc, in_live_rotation=True).count() == 3
    assert not ExpertScore.objects.filter(anchor__micro_credential=mc, rationale="").exists()


def test_one_new_assessor_calibrated_one_is_flagged_and_one_waits(printed):
    from microcred.assessment.models import Qualification

    states = {
        q.assessor.user.name: (q.is_calibrated, q.retraining_since is not None)
        for q in Qualification.objects.filter(micro_credential=_privacy()).select_related(
            "assessor__user"
        )
    }
    assert states["Ravi Menon"] == (True, False)
    assert states["Dana Whitfield"] == (False, True)
    assert states["Lena Novak"] == (False, False)


def test_the_reliability_page_has_figures_right_after_loading(printed, client):
    from microcred.assessment import reliability

    report = reliability.report(_privacy())
    assert report.alpha is not None
    assert any(c.unclear for c in report.criteria)
    assert sum(1 for p in report.assessors if p.kappa is not None) >= 4
    admin = User.objects.get(email="issuer-admin-prairie@demo.microcred.org")
    client.force_login(admin)
    page = client.get(reverse("assessment:reliability_detail", args=[_privacy().pk]))
    assert "Dana Whitfield" in page.content.decode()


def test_the_issuer_admin_sees_a_lightly_edited_copy_flagged(printed, client):
    from microcred.submissions.duplicates.models import Flag

    # The copy matches Maya's answers and, through them, her co-planner Jordan's.
    flags = list(Flag.objects.select_related("submission__enrollment__earner"))
    assert {f.submission.enrollment.earner.email for f in flags} == {loader.email("earner2")}
    flag = flags[0]
    admin = User.objects.get(email=loader.email("issuer-admin"))
    client.force_login(admin)

    page = client.get(reverse("duplicates:flag", args=[flag.pk]))

    assert page.status_code == 200
    assert "<mark>" in page.text
    assert flag.submission.reference in client.get(reverse("duplicates:list")).text


def test_the_declared_co_planning_pair_is_checked_and_not_flagged(printed):
    from microcred.submissions.duplicates.models import Check, Flag

    partner = Submission.objects.get(
        enrollment__earner__email=loader.email("earner5"),
        enrollment__micro_credential__slug="co-planning-with-a-special-educator",
    )
    assert Check.objects.get(submission=partner).candidates >= 1
    assert not Flag.objects.filter(submission=partner).exists()


def test_the_rest_of_the_demo_evidence_raises_no_flag(printed):
    from microcred.submissions.duplicates.models import Flag
    from microcred.submissions.duplicates.services import check_submission

    for pk in (
        Submission.objects.exclude(state=State.DRAFT).order_by("pk").values_list("pk", flat=True)
    ):
        check_submission(pk)

    assert set(Flag.objects.values_list("submission__enrollment__earner__email", flat=True)) == {
        loader.email("earner2")
    }


def test_every_published_demo_micro_credential_can_start_its_review(printed):
    from microcred.assessment import staffing

    published = MicroCredential.objects.filter(current_version__status=VersionStatus.PUBLISHED)
    result = staffing.staffing_of(published.values_list("pk", flat=True))

    assert published.filter(slug="two-way-communication-with-families").exists()
    assert {pk: s.is_staffed for pk, s in result.items()} == dict.fromkeys(result, True)


def test_the_unfinished_draft_warns_that_its_review_cannot_start(printed, client):
    draft = MicroCredentialVersion.objects.get(title=lifecycle.DRAFT.title)
    admin = draft.micro_credential.issuer.memberships.filter(role=Role.ISSUER_ADMIN).first().user
    client.force_login(admin)

    page = client.get(reverse("author:version", args=[draft.pk])).content.decode()

    assert "Review cannot start: 0 of the 3 calibrated assessors it needs." in page
    assert reverse("assessment:pool", args=[draft.micro_credential.issuer.slug]) in page

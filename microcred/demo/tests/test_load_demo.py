import importlib
import io
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Prefetch
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
from microcred.demo import content, loader
from microcred.demo.content import lifecycle
from microcred.submissions.models import Submission
from microcred.submissions.states import State

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
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_command_prints_a_summary_and_every_login(printed):
    assert "Demo data loaded" in printed
    for login in loader.logins():
        assert login.email in printed
    assert loader.PASSWORD in printed


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

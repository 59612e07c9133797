import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.backpack import services as backpack
from microcred.catalog import services
from microcred.catalog.models import (
    MicroCredentialVersion,
    Requirement,
    RubricCriterion,
    VersionStatus,
)
from microcred.catalog.tests.factories import (
    CompleteDraftFactory,
    DraftVersionFactory,
    published_version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(issuer):
    return CompleteDraftFactory(micro_credential__issuer=issuer)


def test_an_author_creates_a_draft_as_version_one(issuer, issuer_admin):
    version = services.create_micro_credential(issuer, by=issuer_admin, title="Wait time")

    assert (version.number, version.status) == (1, VersionStatus.DRAFT)
    assert version.micro_credential.slug == "wait-time"
    assert version.micro_credential.current_version is None


def test_a_blank_title_is_refused_and_nothing_is_saved(issuer, issuer_admin):
    with pytest.raises(ValidationError):
        services.create_micro_credential(issuer, by=issuer_admin, title="   ")

    assert not MicroCredentialVersion.objects.exists()


def test_an_admin_of_another_issuer_may_not_author(issuer, other_issuer):
    stranger = MembershipFactory(organization=other_issuer, role="issuer_admin").user

    with pytest.raises(PermissionDenied):
        services.create_micro_credential(issuer, by=stranger, title="Wait time")


def test_publishing_makes_the_version_current_and_searchable(draft, issuer_admin):
    services.publish(draft, by=issuer_admin)

    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
    assert draft.published_at is not None
    assert draft.micro_credential.current_version == draft
    assert "discussion" in draft.search_text


def test_publishing_a_draft_that_fails_the_checklist_changes_nothing(issuer, issuer_admin):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)

    with pytest.raises(services.ChecklistFailed) as failure:
        services.publish(draft, by=issuer_admin)

    assert {item.key for item in failure.value.failing} >= {"rubric", "image", "fee", "credit"}
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    assert draft.micro_credential.current_version is None


def test_sending_to_review_needs_the_checklist_too(issuer, issuer_admin):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)

    with pytest.raises(services.ChecklistFailed):
        services.submit_for_review(draft, by=issuer_admin)
    assert MicroCredentialVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_a_version_in_review_is_frozen_until_returned_to_draft(draft, issuer_admin):
    services.submit_for_review(draft, by=issuer_admin)

    with pytest.raises(services.VersionLocked):
        services.update_details(draft, by=issuer_admin, title="Changed")
    services.return_to_draft(draft, by=issuer_admin)
    services.update_details(draft, by=issuer_admin, title="Changed")

    assert MicroCredentialVersion.objects.get(pk=draft.pk).title == "Changed"


@pytest.mark.parametrize(
    ("change", "kwargs"),
    [
        (services.update_details, {"title": "Edited after publishing"}),
        (
            services.add_requirement,
            {"title": "More", "instructions": "More", "evidence_types": ["text"]},
        ),
        (services.add_resource, {"title": "Another resource"}),
        (services.add_alignment, {"framework": "CASEL", "name": "Self-awareness"}),
    ],
)
def test_a_published_version_never_changes(draft, issuer_admin, change, kwargs):
    services.publish(draft, by=issuer_admin)
    before = MicroCredentialVersion.objects.get(pk=draft.pk)

    with pytest.raises(services.VersionLocked):
        change(draft, by=issuer_admin, **kwargs)

    after = MicroCredentialVersion.objects.get(pk=draft.pk)
    assert after.title == before.title
    assert after.requirements.count() == 1
    assert after.resources.count() == 1
    assert after.alignments.count() == 1


def test_removing_a_criterion_of_a_published_version_is_refused(draft, issuer_admin):
    services.publish(draft, by=issuer_admin)
    criterion = RubricCriterion.objects.get(requirement__version=draft)

    with pytest.raises(services.VersionLocked):
        services.remove_criterion(criterion, by=issuer_admin)
    assert RubricCriterion.objects.filter(pk=criterion.pk).exists()


def test_a_new_version_copies_everything_and_leaves_the_published_one_live(draft, issuer_admin):
    services.publish(draft, by=issuer_admin)

    revision = services.start_revision(draft.micro_credential, by=issuer_admin)

    assert (revision.number, revision.status) == (2, VersionStatus.DRAFT)
    assert revision.title == draft.title
    assert revision.fee == Decimal("25.00")
    assert [r.title for r in revision.requirements.all()] == ["Lesson plan"]
    assert RubricCriterion.objects.filter(requirement__version=revision).count() == 1
    assert revision.resources.count() == revision.alignments.count() == 1
    assert list(revision.grade_bands.all()) == list(draft.grade_bands.all())
    assert revision.image.name == draft.image.name
    draft.micro_credential.refresh_from_db()
    assert draft.micro_credential.current_version == draft


def test_starting_a_revision_twice_returns_the_open_draft(draft, issuer_admin):
    services.publish(draft, by=issuer_admin)

    first = services.start_revision(draft.micro_credential, by=issuer_admin)
    second = services.start_revision(draft.micro_credential, by=issuer_admin)

    assert first == second
    assert draft.micro_credential.versions.count() == 2


def test_publishing_a_new_version_retires_the_old_and_earners_keep_theirs(
    draft, issuer_admin, earner
):
    services.publish(draft, by=issuer_admin)
    enrollment = backpack.enroll(draft.micro_credential, by=earner)
    revision = services.start_revision(draft.micro_credential, by=issuer_admin)
    services.update_details(revision, by=issuer_admin, title="Discussion protocols, revised")

    services.publish(revision, by=issuer_admin)

    draft.refresh_from_db()
    enrollment.refresh_from_db()
    assert draft.status == VersionStatus.RETIRED
    assert enrollment.version == draft
    assert draft.micro_credential.current_version == revision


def test_retiring_takes_the_micro_credential_out_of_the_catalog(draft, issuer_admin):
    services.publish(draft, by=issuer_admin)

    services.retire(draft, by=issuer_admin)

    draft.micro_credential.refresh_from_db()
    assert draft.micro_credential.current_version is None
    assert MicroCredentialVersion.objects.get(pk=draft.pk).status == VersionStatus.RETIRED


def test_a_requirement_must_accept_some_evidence(draft, issuer_admin):
    with pytest.raises(ValidationError) as error:
        services.add_requirement(
            draft, by=issuer_admin, title="Video", instructions="Film it", evidence_types=[]
        )

    assert "evidence_types" in error.value.message_dict
    assert Requirement.objects.filter(version=draft).count() == 1


def test_unknown_evidence_types_are_dropped(draft, issuer_admin):
    requirement = services.add_requirement(
        draft,
        by=issuer_admin,
        title="Video",
        instructions="Film a lesson",
        evidence_types=["file", "carrier-pigeon"],
    )

    assert requirement.evidence_types == ["file"]


def test_a_negative_fee_is_refused(draft, issuer_admin):
    with pytest.raises(ValidationError):
        services.update_details(draft, by=issuer_admin, fee=Decimal("-5"))

    assert MicroCredentialVersion.objects.get(pk=draft.pk).fee == Decimal("25.00")


def test_a_stack_holds_only_its_issuers_micro_credentials(issuer, other_issuer, draft):
    staff = UserFactory(is_staff=True)
    services.publish(draft, by=staff)
    foreign = published_version(staff, micro_credential__issuer=other_issuer)

    with pytest.raises(ValidationError):
        services.create_stack(
            issuer,
            by=staff,
            title="Discussion",
            description="Talk",
            micro_credentials=[draft.micro_credential, foreign.micro_credential],
        )


def test_a_cohort_that_ends_before_it_starts_is_refused(draft, issuer_admin):
    day = datetime.date(2026, 9, 1)
    with pytest.raises(ValidationError):
        services.create_cohort(
            draft.micro_credential,
            by=issuer_admin,
            name="Fall",
            starts_on=day,
            ends_on=day - datetime.timedelta(days=1),
            enrollment_opens_on=day,
            enrollment_closes_on=day,
            capacity=20,
        )

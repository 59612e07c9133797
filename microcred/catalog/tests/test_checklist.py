import pytest

from microcred.catalog.checklist import failing_items, quality_checklist
from microcred.catalog.models import Alignment, RubricCriterion
from microcred.catalog.tests.factories import CompleteDraftFactory, DraftVersionFactory

pytestmark = pytest.mark.django_db


def test_a_complete_draft_passes_every_item():
    assert failing_items(CompleteDraftFactory()) == []


def test_an_empty_draft_fails_every_item():
    assert {item.key for item in failing_items(DraftVersionFactory())} == {
        item.key for item in quality_checklist(DraftVersionFactory())
    }


def test_a_requirement_without_criteria_is_named():
    version = CompleteDraftFactory()
    RubricCriterion.objects.filter(requirement__version=version).delete()

    [item] = failing_items(version)

    assert item.key == "rubric"
    assert "Lesson plan" in str(item.hint)


def test_no_alignment_fails_the_alignment_item():
    version = CompleteDraftFactory()
    Alignment.objects.filter(version=version).delete()

    assert [item.key for item in failing_items(version)] == ["alignment"]


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("fee", None, "fee"),
        ("credit_unit", "", "credit"),
        ("credit_authority", "", "credit"),
        ("image", "", "image"),
        ("research", "", "resources"),
        ("competency", "", "competency"),
    ],
)
def test_each_missing_piece_fails_its_item(field, value, key):
    version = CompleteDraftFactory()
    setattr(version, field, value)

    assert [item.key for item in failing_items(version)] == [key]


def test_a_free_micro_credential_states_its_fee_as_zero():
    version = CompleteDraftFactory(fee=0)

    assert failing_items(version) == []

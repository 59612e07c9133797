import pytest

from microcred.catalog.checklist import failing_items, quality_checklist
from microcred.catalog.models import Alignment, RubricCriterion
from microcred.catalog.tests.factories import CompleteDraftFactory, DraftVersionFactory

pytestmark = pytest.mark.django_db


def test_a_complete_draft_passes_every_item():
    assert failing_items(CompleteDraftFactory()) == []


def test_an_empty_draft_fails_every_item_but_the_way_to_pay_which_waits_for_the_fee():
    assert {item.key for item in failing_items(DraftVersionFactory())} == {
        item.key for item in quality_checklist(DraftVersionFactory())
    } - {"payment"}


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


def test_a_paid_micro_credential_with_no_way_to_pay_fails_the_payment_item():
    version = CompleteDraftFactory(payment_methods=[])

    [item] = failing_items(version)

    assert (item.key, str(item.hint)) == ("payment", "Choose at least one way to pay.")


def test_card_only_without_a_card_processor_is_caught_with_the_reason(settings):
    settings.PAYMENT_PROVIDER = ""
    version = CompleteDraftFactory(payment_methods=["card"])

    [item] = failing_items(version)

    assert item.key == "payment"
    assert "Card cannot be used here: no card processor is set up" in str(item.hint)


def test_card_only_passes_where_a_card_processor_is_set_up(settings):
    settings.PAYMENT_PROVIDER = "microcred.payments.providers.stripe.StripeProvider"

    assert failing_items(CompleteDraftFactory(payment_methods=["card"])) == []


@pytest.mark.parametrize("method", ["voucher", "sponsorship", "invoice"])
def test_any_method_but_card_needs_no_processor(settings, method):
    settings.PAYMENT_PROVIDER = ""

    assert failing_items(CompleteDraftFactory(payment_methods=[method])) == []


def test_a_free_micro_credential_needs_no_way_to_pay():
    assert failing_items(CompleteDraftFactory(fee=0, payment_methods=[])) == []

"""An issuer chooses, per version, which ways to pay its fee it accepts."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from microcred.catalog import services
from microcred.catalog.models import MicroCredentialVersion, PaymentOption
from microcred.catalog.tests.factories import CompleteDraftFactory, DraftVersionFactory

pytestmark = pytest.mark.django_db

DETAILS = {"currency": "USD", "assessors_per_submission": "2", "max_attempts": "3"}


def test_a_new_micro_credential_accepts_every_way_to_pay(issuer, issuer_admin):
    version = services.create_micro_credential(issuer, by=issuer_admin, title="Exit tickets")

    assert version.payment_methods == ["card", "voucher", "sponsorship", "invoice"]


def test_an_author_chooses_the_ways_to_pay_on_the_details_form(client, issuer, issuer_admin):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)
    client.force_login(issuer_admin)

    client.post(
        reverse("author:save_details", args=[draft.pk]),
        {"title": draft.title, "fee": "40", **DETAILS, "payment_methods": ["invoice", "voucher"]},
    )

    assert MicroCredentialVersion.objects.get(pk=draft.pk).payment_methods == [
        "voucher",
        "invoice",
    ]


def test_an_unknown_way_to_pay_is_refused_on_the_form_and_nothing_changes(
    client, issuer, issuer_admin
):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:save_details", args=[draft.pk]),
        {"title": "Changed", **DETAILS, "payment_methods": ["voucher", "bitcoin"]},
    )

    assert response.status_code == 400
    assert "bitcoin is not a way to pay" in response.text
    saved = MicroCredentialVersion.objects.get(pk=draft.pk)
    assert (saved.title, saved.payment_methods) == (draft.title, PaymentOption.values)


def test_the_service_refuses_an_unknown_way_to_pay(issuer, issuer_admin):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)

    with pytest.raises(ValidationError, match="Not a way to pay: bitcoin"):
        services.update_details(draft, by=issuer_admin, payment_methods=["bitcoin"])


def test_publishing_card_only_without_a_processor_is_refused_with_the_reason(
    client, settings, issuer, issuer_admin
):
    settings.PAYMENT_PROVIDER = ""
    draft = CompleteDraftFactory(micro_credential__issuer=issuer, payment_methods=["card"])
    client.force_login(issuer_admin)

    response = client.post(reverse("author:publish", args=[draft.pk]))

    assert response.status_code == 400
    assert "no card processor is set up" in response.text
    assert MicroCredentialVersion.objects.get(pk=draft.pk).status == "draft"


def test_a_published_version_shows_the_ways_to_pay(client, issuer, issuer_admin):
    draft = CompleteDraftFactory(
        micro_credential__issuer=issuer, payment_methods=["voucher", "invoice"]
    )
    services.publish(draft, by=issuer_admin)
    client.force_login(issuer_admin)

    page = client.get(reverse("author:version", args=[draft.pk])).text

    assert "Voucher, Invoice or purchase order" in page


def test_a_new_version_keeps_the_ways_to_pay(issuer, issuer_admin):
    draft = CompleteDraftFactory(micro_credential__issuer=issuer, payment_methods=["invoice"])
    services.publish(draft, by=issuer_admin)

    revision = services.start_revision(draft.micro_credential, by=issuer_admin)

    assert revision.payment_methods == ["invoice"]

"""Stacks and facilitated cohorts, authored by an issuer's admins."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory
from microcred.backpack.models import Enrollment
from microcred.catalog import services
from microcred.catalog.models import Cohort, Stack
from microcred.catalog.tests.factories import CompleteDraftFactory, published_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(issuer, issuer_admin):
    return [
        published_version(issuer_admin, micro_credential__issuer=issuer, title=title)
        for title in ("Norms", "Protocols", "Reflection")
    ]


def test_an_author_builds_an_ordered_stack_from_positions(client, issuer, issuer_admin, three):
    norms, protocols, reflection = (v.micro_credential for v in three)
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:stack_new", args=[issuer.slug]),
        {
            "title": "Discussion that includes everyone",
            "description": "Three steps to structured talk.",
            "is_ordered": "on",
            f"position_{reflection.pk}": "2",
            f"position_{norms.pk}": "1",
        },
    )

    stack = Stack.objects.get()
    assert response["Location"] == reverse("author:stack", args=[stack.pk])
    assert [item.micro_credential for item in stack.items.all()] == [norms, reflection]
    assert stack.is_ordered
    assert not stack.is_published


def test_a_stack_without_a_description_is_refused(client, issuer, issuer_admin, three):
    client.force_login(issuer_admin)

    response = client.post(reverse("author:stack_new", args=[issuer.slug]), {"title": "Talk"})

    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not Stack.objects.exists()


def test_a_stack_of_one_cannot_be_published(issuer, issuer_admin, three):
    stack = services.create_stack(
        issuer,
        by=issuer_admin,
        title="Alone",
        description="Just one",
        micro_credentials=[three[0].micro_credential],
    )

    with pytest.raises(ValidationError, match="at least 2"):
        services.set_stack_published(stack, by=issuer_admin, published=True)
    assert not Stack.objects.get(pk=stack.pk).is_published


def test_a_stack_with_an_unpublished_micro_credential_cannot_be_published(
    issuer, issuer_admin, three
):
    draft = CompleteDraftFactory(micro_credential__issuer=issuer)

    with pytest.raises(ValidationError):
        services.create_stack(
            issuer,
            by=issuer_admin,
            title="Mixed",
            description="Some not yet live",
            micro_credentials=[three[0].micro_credential, draft.micro_credential],
            publish=True,
        )
    assert not Stack.objects.exists()


def test_publishing_a_stack_puts_it_in_the_catalog(client, issuer, issuer_admin, three):
    stack = services.create_stack(
        issuer,
        by=issuer_admin,
        title="Talk moves",
        description="Structured discussion",
        micro_credentials=[v.micro_credential for v in three],
    )
    client.force_login(issuer_admin)

    client.post(reverse("author:stack_publish", args=[stack.pk]), {"publish": "1"})

    assert "Talk moves" in client.get(reverse("catalog:stacks")).text


def test_another_issuers_admin_cannot_edit_the_stack(client, issuer, issuer_admin, other_issuer):
    stack = services.create_stack(issuer, by=issuer_admin, title="Mine", description="Ours")
    stranger = MembershipFactory(organization=other_issuer, role=Role.ISSUER_ADMIN).user
    client.force_login(stranger)

    assert client.get(reverse("author:stack", args=[stack.pk])).status_code == 403
    assert client.post(reverse("author:stack_publish", args=[stack.pk])).status_code == 403


def _cohort_form(days_from_today=0, **overrides):
    today = timezone.localdate() + datetime.timedelta(days=days_from_today)
    data = {
        "name": "Spring cohort",
        "starts_on": today + datetime.timedelta(days=14),
        "ends_on": today + datetime.timedelta(days=70),
        "enrollment_opens_on": today - datetime.timedelta(days=1),
        "enrollment_closes_on": today + datetime.timedelta(days=10),
        "capacity": 2,
    }
    return {**data, **overrides}


def test_an_author_offers_a_cohort_with_a_facilitator(client, issuer, issuer_admin, three):
    facilitator = MembershipFactory(organization=issuer, role=Role.FACILITATOR).user
    client.force_login(issuer_admin)

    client.post(
        reverse("author:cohort_new", args=[three[0].micro_credential.slug]),
        _cohort_form(facilitator=facilitator.pk),
    )

    cohort = Cohort.objects.get()
    assert cohort.facilitator == facilitator


def test_a_cohort_with_its_dates_reversed_is_refused_with_a_message(client, issuer_admin, three):
    client.force_login(issuer_admin)
    form = _cohort_form()
    form["ends_on"] = form["starts_on"] - datetime.timedelta(days=1)

    response = client.post(
        reverse("author:cohort_new", args=[three[0].micro_credential.slug]), form
    )

    assert response.status_code == 400
    assert "A cohort ends on or after its start." in response.text
    assert not Cohort.objects.exists()


def test_an_earner_joins_an_open_cohort_from_the_page(client, issuer_admin, earner, three):
    mc = three[0].micro_credential
    cohort = services.create_cohort(
        mc,
        by=issuer_admin,
        **{k: v for k, v in _cohort_form().items() if k != "facilitator"},
    )
    client.force_login(earner)

    page = client.get(mc.get_absolute_url()).text
    client.post(reverse("backpack:enroll", args=[mc.slug]), {"cohort": cohort.pk})

    assert "Join Spring cohort" in page
    assert "2 places left" in page
    assert Enrollment.objects.get(earner=earner).cohort == cohort


def test_a_malformed_cohort_id_is_404(client, earner, three):
    client.force_login(earner)

    response = client.post(
        reverse("backpack:enroll", args=[three[0].micro_credential.slug]), {"cohort": "x'--"}
    )

    assert response.status_code == 404
    assert not Enrollment.objects.exists()

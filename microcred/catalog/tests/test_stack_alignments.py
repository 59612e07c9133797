"""A stack's own standards: written on its authoring page, shown on its public page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from microcred.catalog import services
from microcred.catalog.tests.factories import StackFactory, add_to_stack, published_version

pytestmark = pytest.mark.django_db

ISTE = {
    "framework": "ISTE Standards for Educators",
    "code": "2.5.a",
    "name": "Designer: personalized learning",
    "url": "https://iste.org/standards/educators",
}


@pytest.fixture
def stack(issuer, issuer_admin):
    stack = StackFactory(issuer=issuer, title="Foundations of Reading", is_published=True)
    add_to_stack(
        stack,
        *(
            published_version(issuer_admin, micro_credential__issuer=issuer).micro_credential
            for _ in range(2)
        ),
    )
    return stack


def test_an_author_aligns_a_stack_to_a_standard(client, stack, issuer_admin):
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:stack_alignment_add", args=[stack.pk]),
        {f"alignment-{name}": value for name, value in ISTE.items()},
    )

    assert response.status_code == 302
    assert [(a.framework, a.code) for a in stack.alignments.all()] == [
        ("ISTE Standards for Educators", "2.5.a")
    ]
    page = client.get(reverse("author:stack", args=[stack.pk]))
    assert "Designer: personalized learning" in page.text
    assert "Remove alignment “Designer: personalized learning”" in page.text


def test_an_alignment_without_a_framework_is_refused_with_a_message(client, stack, issuer_admin):
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:stack_alignment_add", args=[stack.pk]),
        {"alignment-framework": "  ", "alignment-name": "Designer"},
    )

    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not stack.alignments.exists()


def test_an_author_removes_a_stacks_alignment(client, stack, issuer_admin):
    alignment = services.add_stack_alignment(stack, by=issuer_admin, **ISTE)
    client.force_login(issuer_admin)

    client.post(reverse("author:stack_alignment_remove", args=[stack.pk, alignment.pk]))

    assert not stack.alignments.exists()


def test_only_the_issuers_authors_align_its_stacks(client, stack, outsider):
    with pytest.raises(PermissionDenied):
        services.add_stack_alignment(stack, by=outsider, **ISTE)
    client.force_login(outsider)
    response = client.post(
        reverse("author:stack_alignment_add", args=[stack.pk]),
        {f"alignment-{name}": value for name, value in ISTE.items()},
    )
    assert response.status_code == 403
    assert not stack.alignments.exists()


def test_the_service_refuses_a_blank_standard_name(stack, issuer_admin):
    with pytest.raises(ValidationError):
        services.add_stack_alignment(stack, by=issuer_admin, framework="ISTE", name=" ")


def test_the_public_stack_page_names_its_standards(client, stack, issuer_admin):
    services.add_stack_alignment(stack, by=issuer_admin, **ISTE)
    services.add_stack_alignment(
        stack, by=issuer_admin, framework="Learning Forward", name="Learning Designs"
    )

    response = client.get(stack.get_absolute_url())

    assert '<a href="https://iste.org/standards/educators" rel="noopener">' in response.text
    assert "ISTE Standards for Educators 2.5.a" in response.text
    assert "Learning Forward" in response.text
    assert "Learning Designs" in response.text

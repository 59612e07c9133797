import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from microcred.accounts.tests.factories import UserFactory
from microcred.catalog.models import MicroCredentialVersion, Requirement, VersionStatus
from microcred.catalog.tests.factories import (
    CompleteDraftFactory,
    DraftVersionFactory,
    StackFactory,
    add_to_stack,
    png_upload,
    published_version,
)

pytestmark = pytest.mark.django_db

# What the details form always sends besides the fields a test changes.
DETAILS = {"currency": "USD", "assessors_per_submission": "2", "max_attempts": "3"}


@pytest.fixture
def published(issuer, issuer_admin):
    return published_version(
        issuer_admin, micro_credential__issuer=issuer, title="Questioning for deeper thinking"
    )


# --- public pages --------------------------------------------------------------------


def test_the_catalog_needs_no_sign_in(client, published):
    response = client.get(reverse("catalog:index"), {"q": "questioning"})

    assert response.status_code == 200
    assert "Questioning for deeper thinking" in response.text


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "a OR b NOT c", "1'; DROP TABLE x;--", "😀 emoji", "x" * 5000, "%_%"],
)
def test_odd_searches_answer_with_a_page_not_an_error(client, published, query):
    response = client.get(reverse("catalog:index"), {"q": query, "page": "abc", "sort": "?"})

    assert response.status_code == 200


def test_quotes_operators_and_emoji_around_a_search_still_find_its_words(client, published):
    response = client.get(
        reverse("catalog:index"), {"q": '"deeper" (thinking) 😀 questioning\'; --'}
    )

    assert response.status_code == 200
    assert "Questioning for deeper thinking" in response.text


def test_a_long_search_says_it_was_shortened(client, published):
    response = client.get(reverse("catalog:index"), {"q": "word " * 1000})

    assert "only its first" in response.text


def test_an_htmx_search_returns_only_the_results_part(client, published):
    response = client.get(
        reverse("catalog:index"),
        {"q": "questioning"},
        headers={"HX-Request": "true", "HX-Target": "catalog-body"},
    )

    assert 'id="catalog-body"' in response.text
    assert "<html" not in response.text


def test_the_micro_credential_page_shows_the_whole_rubric(client, published):
    response = client.get(published.get_absolute_url())

    assert response.status_code == 200
    assert "Protocol chosen" in response.text
    assert "The plan names a protocol and why it fits the students." in response.text
    assert "Sign in to earn this micro-credential" in response.text


def test_a_signed_in_earner_sees_the_earn_button(client, published, earner):
    client.force_login(earner)

    assert "Earn this micro-credential" in client.get(published.get_absolute_url()).text


def test_a_draft_is_not_public(client, issuer):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)

    response = client.get(reverse("catalog:micro_credential", args=[draft.micro_credential.slug]))

    assert response.status_code == 404


def test_an_unknown_micro_credential_is_404(client):
    assert client.get("/catalog/no-such-thing/").status_code == 404


def test_a_stack_page_shows_the_signed_in_earners_progress(client, issuer, published, earner):
    stack = StackFactory(issuer=issuer, title="Thinking classrooms")
    add_to_stack(stack, published.micro_credential)
    client.force_login(earner)
    client.post(reverse("backpack:enroll", args=[published.micro_credential.slug]))

    response = client.get(stack.get_absolute_url())

    assert "0 of 1 earned" in response.text
    assert "In progress" in response.text


def test_an_unpublished_stack_is_404(client, issuer):
    stack = StackFactory(issuer=issuer, is_published=False)

    assert client.get(stack.get_absolute_url()).status_code == 404


def test_badge_images_are_served_publicly_but_nothing_else(client, published):
    response = client.get(published.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client.get("/media/evidence/secret.pdf").status_code == 404
    assert client.get("/media/badges/../../config/settings.py").status_code == 404


# --- authoring -------------------------------------------------------------------------


def test_authoring_is_closed_to_earners(client, earner, issuer):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)
    client.force_login(earner)

    assert client.get(reverse("author:workspace")).status_code == 403
    assert client.get(reverse("author:version", args=[draft.pk])).status_code == 403
    response = client.post(reverse("author:save_details", args=[draft.pk]), {"title": "Mine"})
    assert response.status_code == 403
    assert MicroCredentialVersion.objects.get(pk=draft.pk).title != "Mine"


def test_authoring_asks_a_signed_out_visitor_to_sign_in(client):
    response = client.get(reverse("author:workspace"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_an_author_starts_a_draft(client, issuer_admin, issuer):
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:workspace"), {"issuer": issuer.pk, "title": "Exit tickets"}
    )

    version = MicroCredentialVersion.objects.get(title="Exit tickets")
    assert response["Location"] == reverse("author:version", args=[version.pk])


def test_a_draft_without_a_title_is_refused_with_a_message(client, issuer_admin, issuer):
    client.force_login(issuer_admin)

    response = client.post(reverse("author:workspace"), {"issuer": issuer.pk, "title": ""})

    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not MicroCredentialVersion.objects.exists()


def test_a_requirement_with_missing_fields_shows_each_problem(client, issuer_admin, issuer):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:add_requirement", args=[draft.pk]), {"requirement-title": "Plan"}
    )

    assert response.status_code == 400
    assert "Choose at least one kind of evidence." in response.text
    assert not Requirement.objects.filter(version=draft).exists()


def test_saving_details_with_a_bad_fee_keeps_the_rest_unsaved(client, issuer_admin, issuer):
    draft = DraftVersionFactory(micro_credential__issuer=issuer, title="Before")
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:save_details", args=[draft.pk]),
        {"title": "After", "fee": "-10", **DETAILS},
    )

    assert response.status_code == 400
    assert MicroCredentialVersion.objects.get(pk=draft.pk).title == "Before"


def test_an_upload_that_is_not_an_image_is_refused(client, issuer_admin, issuer):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)
    client.force_login(issuer_admin)
    fake = SimpleUploadedFile("badge.png", b"MZ\x90\x00 not an image", content_type="image/png")

    response = client.post(
        reverse("author:save_details", args=[draft.pk]),
        {"title": draft.title, **DETAILS, "image": fake},
    )

    assert response.status_code == 400
    assert not MicroCredentialVersion.objects.get(pk=draft.pk).image


def test_an_image_upload_is_saved(client, issuer_admin, issuer):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)
    client.force_login(issuer_admin)

    client.post(
        reverse("author:save_details", args=[draft.pk]),
        {"title": draft.title, **DETAILS, "image": png_upload()},
    )

    assert MicroCredentialVersion.objects.get(pk=draft.pk).image


def test_publishing_an_incomplete_draft_shows_the_checklist(client, issuer_admin, issuer):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)
    client.force_login(issuer_admin)

    response = client.post(reverse("author:publish", args=[draft.pk]))

    assert response.status_code == 400
    assert "8 items of the quality checklist are still missing" in response.text
    assert "Rubric criteria for every requirement" in response.text
    assert MicroCredentialVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_publishing_a_complete_draft_puts_it_in_the_catalog(client, issuer_admin, issuer):
    draft = CompleteDraftFactory(micro_credential__issuer=issuer, title="Think-pair-share")
    client.force_login(issuer_admin)

    client.post(reverse("author:publish", args=[draft.pk]))

    assert "Think-pair-share" in client.get(reverse("catalog:index")).text


def test_editing_a_published_version_says_to_start_a_new_one(client, issuer_admin, published):
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:save_details", args=[published.pk]),
        {"title": "Sneaky edit", **DETAILS},
        follow=True,
    )

    assert "cannot change. Start a new version to edit." in response.text
    assert MicroCredentialVersion.objects.get(pk=published.pk).title != "Sneaky edit"


def test_starting_a_new_version_opens_a_draft_copy(client, issuer_admin, published):
    client.force_login(issuer_admin)

    response = client.post(reverse("author:start_revision", args=[published.pk]), follow=True)

    draft = published.micro_credential.versions.get(number=2)
    assert response.redirect_chain[-1][0] == reverse("author:version", args=[draft.pk])
    assert draft.status == VersionStatus.DRAFT


def test_removing_a_part_of_another_version_is_404(client, issuer_admin, issuer, published):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)
    requirement = published.requirements.get()
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:remove_part", args=[draft.pk, "requirement", requirement.pk])
    )

    assert response.status_code == 404
    assert Requirement.objects.filter(pk=requirement.pk).exists()


def test_an_unknown_part_kind_is_refused(client, issuer_admin, issuer):
    draft = DraftVersionFactory(micro_credential__issuer=issuer)
    client.force_login(issuer_admin)

    response = client.post(reverse("author:remove_part", args=[draft.pk, "version", draft.pk]))

    assert response.status_code == 403


def test_staff_see_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get("/admin/").status_code == 200

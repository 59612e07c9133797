"""Sharing an award and deciding who sees it: the badge page's share section, Open Graph
tags, LinkedIn's add-to-profile link, private pages, evidence, and learner record
downloads from the backpack."""

import json
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from microcred.accounts.tests.factories import UserFactory
from microcred.credentials.issuing import batch_signing, services
from microcred.credentials.models import AuditAction, Award, CredentialAudit
from microcred.credentials.verification import verify

from .factories import earned_stack, met_submission, signed_award

pytestmark = pytest.mark.django_db

RECORD = reverse("credentials:record")


@pytest.fixture
def award(earner, issuer, issuer_admin):
    return signed_award(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, title="Wait Time"
    )


@pytest.fixture
def private_award(award, earner):
    return services.set_privacy(award, by=earner, is_public=False, include_evidence=False)


def _privacy_url(award):
    return reverse("credentials:badge_privacy", args=[award.public_id])


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: dict[str, str] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.tags[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])


def _parsed(html: str) -> _Meta:
    parser = _Meta()
    parser.feed(html)
    return parser


# -- New awards -----------------------------------------------------------------------------


def test_a_new_award_has_a_public_page(award):
    assert award.is_public


# -- Open Graph ----------------------------------------------------------------------------


def test_the_badge_page_has_open_graph_and_twitter_tags_with_absolute_urls(client, award):
    tags = _parsed(client.get(award.get_absolute_url()).text).tags

    assert tags["og:title"] == "Wait Time"
    assert "Lakeside Teaching Institute" in tags["og:description"]
    assert tags["og:url"] == settings.BASE_URL + award.get_absolute_url()
    assert tags["og:image"].startswith(settings.BASE_URL + "/")
    assert tags["og:image"].endswith(".png")
    assert tags["twitter:card"] == "summary"
    assert tags["twitter:image"] == tags["og:image"]


# -- LinkedIn and the share section ----------------------------------------------------------


def _linkedin(html: str) -> dict:
    (link,) = [h for h in _parsed(html).links if h.startswith("https://www.linkedin.com/")]
    parts = urlsplit(link)
    assert (parts.netloc, parts.path) == ("www.linkedin.com", "/profile/add")
    return {key: values[0] for key, values in parse_qs(parts.query).items()}


def test_the_linkedin_link_fills_in_the_certification(client, award, earner):
    client.force_login(earner)

    fields = _linkedin(client.get(award.get_absolute_url()).text)

    assert fields == {
        "startTask": "CERTIFICATION_NAME",
        "name": "Wait Time",
        "organizationName": "Lakeside Teaching Institute",
        "issueYear": str(award.awarded_at.year),
        "issueMonth": str(award.awarded_at.month),
        "certUrl": settings.BASE_URL + award.get_absolute_url(),
        "certId": str(award.public_id),
    }


def test_the_earner_finds_a_share_link_an_embed_snippet_and_downloads(client, award, earner):
    client.force_login(earner)

    response = client.get(award.get_absolute_url())

    page = response.text
    share = response.context["share"]
    assert share["url"] in page
    assert f'href="{share["url"]}"' in share["embed"]
    assert f'src="{share["image"]}"' in share["embed"]
    assert "Download the badge image" in page
    assert "Download the credential (JSON)" in page
    assert "Download the credential (JWT)" in page


def test_visitors_see_no_share_or_privacy_controls(client, award):
    page = client.get(award.get_absolute_url()).text

    assert "Share this badge" not in page
    assert "Who sees this badge" not in page


def test_the_backpack_offers_linkedin_and_sharing_for_each_credential(client, award, earner):
    client.force_login(earner)

    page = client.get(reverse("backpack:home")).text

    assert _linkedin(page)["certId"] == str(award.public_id)
    assert f"{award.get_absolute_url()}#share" in page


# -- Private pages ------------------------------------------------------------------------------


def test_a_private_badge_page_is_not_found_by_a_signed_out_visitor(client, private_award):
    assert client.get(private_award.get_absolute_url()).status_code == 404


def test_a_private_badge_page_is_not_found_by_another_earner(client, private_award, outsider):
    client.force_login(outsider)

    assert client.get(private_award.get_absolute_url()).status_code == 404


def test_a_private_badges_credential_files_are_not_found_by_others(client, private_award):
    for name in ("credentials:badge_credential", "credentials:badge_jwt"):
        url = reverse(name, args=[private_award.public_id])
        assert client.get(url).status_code == 404
    negotiated = client.get(private_award.get_absolute_url(), HTTP_ACCEPT="application/json")
    assert negotiated.status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "credentials:ob2_assertion",
        "credentials:ob2_baked_png",
        "credentials:ob2_baked_svg",
        "credentials:ob3_baked_png",
        "credentials:ob3_baked_svg",
    ],
)
def test_a_private_badges_open_badges_2_documents_and_baked_images_are_not_found_by_others(
    client, private_award, outsider, name
):
    url = reverse(name, args=[private_award.public_id])

    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_the_earner_downloads_their_private_baked_badge_and_nothing_caches_it(
    client, private_award, earner
):
    client.force_login(earner)

    response = client.get(reverse("credentials:ob3_baked_png", args=[private_award.public_id]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Access-Control-Allow-Origin" not in response


def test_a_private_badge_page_is_visible_to_its_earner(client, private_award, earner):
    client.force_login(earner)

    response = client.get(private_award.get_absolute_url())

    assert response.status_code == 200
    assert 'name="robots" content="noindex"' in response.text
    assert "This page is private" in response.text


def test_the_issuers_admin_still_opens_a_private_page_to_revoke_it(
    client, private_award, issuer_admin
):
    client.force_login(issuer_admin)

    response = client.get(private_award.get_absolute_url())

    assert response.status_code == 200
    assert response.context["can_revoke"]


def test_a_private_credential_still_verifies_from_its_file_and_its_status_list_works(
    private_award, issuer_admin
):
    assert verify.verify_text(private_award.credential_json).verified

    services.revoke(private_award, by=issuer_admin, reason="Withdrawn by the issuer.")

    assert verify.verify_text(private_award.credential_json).revoked


def test_the_earner_makes_a_page_private_and_public_again(client, award, earner):
    client.force_login(earner)

    response = client.post(_privacy_url(award), {"visibility": "private"})
    assert response.status_code == 302
    assert not Award.objects.get(pk=award.pk).is_public

    client.post(_privacy_url(award), {"visibility": "public"})
    assert Award.objects.get(pk=award.pk).is_public


def test_another_earner_cannot_change_a_public_awards_privacy(client, award, outsider):
    client.force_login(outsider)

    response = client.post(_privacy_url(award), {"visibility": "private"})

    assert response.status_code == 403
    assert Award.objects.get(pk=award.pk).is_public


def test_another_earner_finds_no_private_award_to_change(client, private_award, outsider):
    client.force_login(outsider)

    response = client.post(_privacy_url(private_award), {"visibility": "public"})

    assert response.status_code == 404
    assert not Award.objects.get(pk=private_award.pk).is_public


def test_the_issuers_admin_cannot_change_the_earners_privacy(client, award, issuer_admin):
    client.force_login(issuer_admin)

    response = client.post(_privacy_url(award), {"visibility": "private"})

    assert response.status_code == 403


def test_a_signed_out_privacy_change_asks_to_sign_in(client, award):
    response = client.post(_privacy_url(award), {"visibility": "private"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert Award.objects.get(pk=award.pk).is_public


def test_a_privacy_change_without_a_choice_is_refused_with_a_reason(client, award, earner):
    client.force_login(earner)

    response = client.post(_privacy_url(award), {"visibility": "everyone"})

    assert response.status_code == 400
    assert "Choose who can see the badge page" in response.text
    assert Award.objects.get(pk=award.pk).is_public


def test_a_privacy_change_without_its_csrf_token_is_refused(award, earner):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(earner)

    response = strict.post(_privacy_url(award), {"visibility": "private"})

    assert response.status_code == 403
    assert Award.objects.get(pk=award.pk).is_public


# -- Evidence ---------------------------------------------------------------------------------


def test_showing_evidence_signs_the_credential_again_with_it(client, award, earner):
    before = award.credential_json
    client.force_login(earner)

    client.post(_privacy_url(award), {"visibility": "public", "evidence": "on"})

    award.refresh_from_db()
    credential = json.loads(award.credential_json)
    assert award.include_evidence
    assert credential["evidence"][0]["narrative"] == "My lesson plan and what happened."
    assert credential["id"] == json.loads(before)["id"]
    assert verify.verify_text(award.credential_json).verified
    assert verify.verify_text(before).verified  # a copy given out before still holds


def test_shown_evidence_appears_on_the_page_and_hidden_evidence_leaves_both(client, award, earner):
    services.set_privacy(award, by=earner, is_public=True, include_evidence=True)
    assert "My lesson plan and what happened." in client.get(award.get_absolute_url()).text

    services.set_privacy(award, by=earner, is_public=True, include_evidence=False)

    award.refresh_from_db()
    assert "evidence" not in json.loads(award.credential_json)
    assert "My lesson plan and what happened." not in client.get(award.get_absolute_url()).text


def test_every_change_of_what_an_award_shows_is_in_the_credential_audit(award, earner):
    services.set_privacy(award, by=earner, is_public=True, include_evidence=True)
    services.set_privacy(award, by=earner, is_public=False, include_evidence=True)
    services.set_privacy(award, by=earner, is_public=False, include_evidence=True)  # no change

    entries = list(CredentialAudit.objects.filter(award=award, action=AuditAction.PRIVACY))
    assert [(e.actor, e.reason) for e in entries] == [
        (earner, "page public, evidence shown; signed again"),
        (earner, "page private, evidence shown"),
    ]
    with pytest.raises(ValidationError):
        entries[0].delete()


def test_evidence_chosen_before_signing_is_signed_in_by_the_worker(earner, issuer, issuer_admin):
    submission = met_submission(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    unsigned = Award.objects.get(submission=submission)

    services.set_privacy(unsigned, by=earner, is_public=True, include_evidence=True)
    batch_signing.sign_pending()

    assert "evidence" in json.loads(Award.objects.get(pk=unsigned.pk).credential_json)


# -- Learner records from the backpack ------------------------------------------------------------


@pytest.fixture
def stack_awards(earner, issuer, issuer_admin):
    return earned_stack(earner, issuer_admin=issuer_admin, issuer=issuer)


def test_the_backpack_offers_the_learner_record_of_every_signed_credential(
    client, earner, stack_awards
):
    client.force_login(earner)

    page = client.get(reverse("backpack:home")).text

    parts, stack = stack_awards
    for award in [*parts, stack]:
        assert f'value="{award.public_id}"' in page
    assert "Download the record (JSON)" in page
    assert "Download the record (JWT)" in page


def test_the_earner_downloads_the_whole_record_as_json(client, earner, stack_awards):
    client.force_login(earner)

    response = client.post(RECORD, {"format": "json", "scope": "all"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+ld+json"
    assert response["Content-Disposition"].startswith('attachment; filename="learner-record-')
    result = verify.verify_text(response.content)
    assert result.verified
    assert len(result.credentials) == 3


def test_the_earner_downloads_some_credentials_as_a_jwt(client, earner, stack_awards):
    parts, _stack = stack_awards
    client.force_login(earner)

    response = client.post(RECORD, {"format": "jwt", "award": [str(a.public_id) for a in parts]})

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.jwt"')
    result = verify.verify_text(response.content)
    assert result.verified
    assert len(result.credentials) == 2
    assert result.credential["partial"] is True


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param({"format": "json"}, "Choose at least one credential", id="empty"),
        pytest.param(
            {"format": "json", "award": "../../etc"}, "is not a credential id", id="malformed"
        ),
        pytest.param(
            {"format": "json", "award": "5b0c9d6e-2f45-4d7a-8e22-1a2b3c4d5e6f"},
            "not among your",
            id="unknown",
        ),
        pytest.param({"format": "pdf", "scope": "all"}, "Choose JSON or JWT", id="format"),
    ],
)
def test_a_bad_record_request_gets_the_form_again_with_a_reason(
    client, earner, stack_awards, data, message
):
    client.force_login(earner)

    response = client.post(RECORD, data)

    assert response.status_code == 400
    assert message in response.text


def test_a_record_of_someone_elses_award_is_refused(client, award, issuer, issuer_admin):
    other = UserFactory(name="Oda Other")
    client.force_login(other)

    response = client.post(RECORD, {"format": "json", "award": str(award.public_id)})

    assert response.status_code == 400
    assert "not among your" in response.text


def test_a_signed_out_record_request_asks_to_sign_in(client, stack_awards):
    response = client.post(RECORD, {"format": "json", "scope": "all"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_record_request_without_its_csrf_token_is_refused(earner, stack_awards):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(earner)

    response = strict.post(RECORD, {"format": "json", "scope": "all"})

    assert response.status_code == 403


def test_the_record_page_explains_and_offers_the_choice(client, earner, stack_awards):
    client.force_login(earner)

    response = client.get(RECORD)

    assert response.status_code == 200
    assert "Comprehensive Learner Record" in response.text
    assert len(response.context["awards"]) == 3

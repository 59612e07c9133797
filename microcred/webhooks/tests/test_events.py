"""What each organization is told of decisions and awards, and what it is not told."""

import pytest

from microcred.accounts import services as accounts
from microcred.accounts.models import Role
from microcred.accounts.tests.factories import OrganizationFactory, UserFactory
from microcred.credentials.issuing import services as credentials
from microcred.credentials.models import Award
from microcred.credentials.tests.factories import reviewed_submission
from microcred.webhooks import services
from microcred.webhooks.models import EventType

from .receiver import verify

pytestmark = pytest.mark.django_db

EVENTS = [
    EventType.SUBMISSION_DECIDED,
    EventType.AWARD_ISSUED,
    EventType.AWARD_REVOKED,
    EventType.MEMBER_JOINED,
]


def test_a_met_decision_tells_the_issuer_blind_and_the_district_who_earned_it(
    receiver, issuer, issuer_admin, earner, district, django_capture_on_commit_callbacks
):
    _endpoint, issuer_secret = services.register(
        issuer, by=issuer_admin, url=receiver.url + "/issuer", events=EVENTS
    )
    district_admin = UserFactory()
    accounts._take_role(district, district_admin, Role.ORG_ADMIN)
    _other, district_secret = services.register(
        district, by=district_admin, url=receiver.url + "/district", events=EVENTS
    )
    with django_capture_on_commit_callbacks(execute=True):
        submission = reviewed_submission(
            earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer
        )
    award = Award.objects.get(submission=submission)
    told = {"/hooks/issuer": [], "/hooks/district": []}
    secrets = {"/hooks/issuer": issuer_secret, "/hooks/district": district_secret}
    for message in receiver.received:
        told[message.path].append(verify(secrets[message.path], message.headers, message.body))
    issuer_messages = told["/hooks/issuer"]
    types = sorted(m["type"] for m in issuer_messages)
    assert types == ["award.issued", "submission.decided"]
    decided = next(m for m in issuer_messages if m["type"] == "submission.decided")
    assert decided["data"]["submission"] == {
        "id": submission.reference,
        "attempt": 1,
        "outcome": "met",
        "by_tie_break": False,
        "decided_at": decided["data"]["submission"]["decided_at"],
    }
    issued = next(m for m in issuer_messages if m["type"] == "award.issued")
    assert issued["data"]["award"]["id"] == str(award.public_id)
    assert issued["data"]["award"]["url"].endswith(award.get_absolute_url())
    assert issued["data"]["issuer"]["id"] == issuer.slug
    # Nothing in what the issuer hears names the earner.
    for message in issuer_messages:
        text = str(message)
        assert "earner" not in message["data"]
        assert earner.email not in text
        assert earner.name not in text
    # The district hears of the award, with its educator, and not of the decision.
    [district_message] = told["/hooks/district"]
    assert district_message["type"] == "award.issued"
    assert district_message["data"]["earner"] == {"name": earner.name, "email": earner.email}
    assert district_message["data"]["award"] == issued["data"]["award"]


def test_a_state_hears_of_awards_to_educators_of_its_districts(
    receiver, issuer, issuer_admin, district, django_capture_on_commit_callbacks
):
    state = OrganizationFactory(kind="state")
    district.parent = state
    district.save()
    state_admin = UserFactory()
    accounts._take_role(state, state_admin, Role.ORG_ADMIN)
    _endpoint, secret = services.register(
        state, by=state_admin, url=receiver.url, events=[EventType.AWARD_ISSUED]
    )
    educator = UserFactory()
    accounts._take_role(district, educator, Role.EARNER)
    with django_capture_on_commit_callbacks(execute=True):
        reviewed_submission(educator, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    [message] = receiver.checked(secret)
    assert message["data"]["earner"]["email"] == educator.email


def test_a_private_badge_page_is_not_given_away_and_a_revocation_is_announced(
    receiver, issuer, issuer_admin, earner, django_capture_on_commit_callbacks
):
    submission = reviewed_submission(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer
    )
    award = Award.objects.get(submission=submission)
    Award.objects.filter(pk=award.pk).update(is_public=False)
    _endpoint, secret = services.register(
        issuer, by=issuer_admin, url=receiver.url, events=[EventType.AWARD_REVOKED]
    )
    with django_capture_on_commit_callbacks(execute=True):
        credentials.revoke(award, by=issuer_admin, reason="Plagiarised evidence")
    [message] = receiver.checked(secret)
    assert message["type"] == "award.revoked"
    assert message["data"]["award"]["url"] is None
    assert message["data"]["award"]["revoked_at"]
    assert "Plagiarised" not in str(message)


def test_a_not_met_decision_is_announced_and_awards_nothing(
    receiver, issuer, issuer_admin, earner, django_capture_on_commit_callbacks
):
    _endpoint, secret = services.register(issuer, by=issuer_admin, url=receiver.url, events=EVENTS)
    with django_capture_on_commit_callbacks(execute=True):
        submission = reviewed_submission(
            earner, issuer_admin=issuer_admin, met=False, micro_credential__issuer=issuer
        )
    messages = receiver.checked(secret)
    assert [m["type"] for m in messages] == ["submission.decided"]
    assert messages[0]["data"]["submission"]["id"] == submission.reference
    assert messages[0]["data"]["submission"]["outcome"] == "not_met"


def test_another_issuer_hears_nothing(
    receiver, issuer, other_issuer, issuer_admin, earner, django_capture_on_commit_callbacks
):
    admin = UserFactory()
    accounts._take_role(other_issuer, admin, Role.ORG_ADMIN)
    services.register(other_issuer, by=admin, url=receiver.url, events=EVENTS)
    with django_capture_on_commit_callbacks(execute=True):
        reviewed_submission(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    assert not receiver.received

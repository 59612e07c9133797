"""Idempotency keys on writes that create: the same request again gets the first answer
and makes nothing more; the key with another request, a bad key, errors, and two callers
who happen to choose one key."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from microcred.accounts.tests.factories import UserFactory
from microcred.api.models import IdempotencyKey
from microcred.connect import scopes

from . import idempotent_urls
from .tokens import bearer, person_token

pytestmark = [pytest.mark.django_db, pytest.mark.urls("microcred.api.tests.idempotent_urls")]


@pytest.fixture(autouse=True)
def _nothing_made_yet():
    idempotent_urls.made.clear()


def post(token, body, key=None):
    headers = bearer(token)
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return Client().post(
        "/api/v1/notes/", data=json.dumps(body), content_type="application/json", **headers
    )


@pytest.fixture
def token(earner):
    return person_token(earner, scopes.CATALOG_WRITE)


def test_a_replay_gets_the_first_answer_and_makes_nothing_more(token):
    first = post(token, {"text": "one"}, key="k-1")
    again = post(token, {"text": "one"}, key="k-1")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() == {"number": 1, "text": "one"}
    assert again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert idempotent_urls.made == ["one"]


def test_without_a_key_each_request_makes_one(token):
    post(token, {"text": "one"})
    post(token, {"text": "one"})
    assert len(idempotent_urls.made) == 2


def test_the_same_key_with_another_body_is_refused_with_422(token):
    post(token, {"text": "one"}, key="k-1")

    other = post(token, {"text": "two"}, key="k-1")

    assert other.status_code == 422
    assert other["Content-Type"] == "application/problem+json"
    assert "different request" in other.json()["detail"]
    assert idempotent_urls.made == ["one"]


@pytest.mark.parametrize("key", ["x" * 256, "tab\tinside", "   "])
def test_a_key_that_is_not_1_to_255_printable_characters_is_refused_with_400(token, key):
    response = post(token, {"text": "one"}, key=key)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["errors"]
    assert idempotent_urls.made == []
    assert not IdempotencyKey.objects.exists()


def test_an_answer_with_errors_is_not_kept_so_the_corrected_request_runs(token):
    refused = post(token, {"text": ""}, key="k-1")
    corrected = post(token, {"text": "one"}, key="k-1")

    assert refused.status_code == 400
    assert "text" in refused.json()["errors"]
    assert corrected.status_code == 201
    assert "Idempotent-Replayed" not in corrected
    assert idempotent_urls.made == ["one"]


def test_two_callers_may_choose_the_same_key(token):
    other = person_token(UserFactory(), scopes.CATALOG_WRITE)

    mine = post(token, {"text": "one"}, key="shared")
    theirs = post(other, {"text": "one"}, key="shared")

    assert mine.status_code == theirs.status_code == 201
    assert "Idempotent-Replayed" not in theirs
    assert theirs.json()["number"] == 2


def test_a_key_past_its_hours_runs_the_request_again(earner, token, settings):
    post(token, {"text": "one"}, key="k-1")

    with time_machine.travel(timezone.now() + timedelta(hours=settings.API_IDEMPOTENCY_HOURS + 1)):
        again = post(person_token(earner, scopes.CATALOG_WRITE), {"text": "one"}, key="k-1")

    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again
    assert len(idempotent_urls.made) == 2


def test_the_periodic_round_forgets_keys_past_their_hours(earner, token, settings):
    post(token, {"text": "old"}, key="old")
    later = timezone.now() + timedelta(hours=settings.API_IDEMPOTENCY_HOURS + 1)
    with time_machine.travel(later):
        post(person_token(earner, scopes.CATALOG_WRITE), {"text": "new"}, key="new")

        call_command("run_periodic", "--once")

    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]

"""Cohorts through the REST API: the cohorts a facilitator or an issuer's admin reads, one
cohort with its earners, making and changing cohorts, and setting their deadlines."""

import json
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from microcred.accounts import services as accounts
from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.catalog import services as catalog
from microcred.catalog.models import Cohort
from microcred.catalog.tests.factories import CompleteDraftFactory
from microcred.coaching.models import CohortDeadline
from microcred.coaching.tests.factories import (
    CohortFactory,
    cohort_draft,
    facilitator_of,
    two_part_version,
)
from microcred.connect import scopes
from microcred.connect.models import OrganizationClient
from microcred.notifications.models import Notification

from .tokens import bearer, client_token, person_token

pytestmark = pytest.mark.django_db

COHORTS = "/api/v1/cohorts/"


@pytest.fixture
def micro_credential(issuer, issuer_admin):
    return two_part_version(issuer_admin, issuer).micro_credential


@pytest.fixture
def facilitator(issuer):
    return facilitator_of(issuer)


@pytest.fixture
def cohort(micro_credential, facilitator, earner):
    cohort = CohortFactory(micro_credential=micro_credential, facilitator=facilitator)
    cohort_draft(earner, cohort)
    return cohort


@pytest.fixture
def admin_token(issuer_admin):
    return person_token(issuer_admin, scopes.COHORTS)


@pytest.fixture
def system_token(issuer, org_admin):
    return client_token(issuer, by=org_admin, roles=[Role.ISSUER_ADMIN], scopes=[scopes.COHORTS])


def _send(method, url, body, token, **headers):
    return Client().generic(
        method,
        url,
        data=json.dumps(body),
        content_type="application/json",
        **bearer(token),
        **headers,
    )


def _new(micro_credential, /, **fields):
    today = timezone.localdate()
    return {
        "micro_credential": micro_credential.slug,
        "name": "Autumn cohort",
        "starts_on": str(today + timedelta(days=30)),
        "ends_on": str(today + timedelta(days=90)),
        "enrollment_opens_on": str(today),
        "enrollment_closes_on": str(today + timedelta(days=29)),
        "capacity": 25,
        **fields,
    }


def test_a_facilitator_lists_the_cohorts_they_facilitate(cohort, facilitator, micro_credential):
    CohortFactory(micro_credential=micro_credential)  # someone else's

    response = Client().get(COHORTS, **bearer(person_token(facilitator, scopes.COHORTS)))

    assert response.status_code == 200
    [listed] = response.json()["results"]
    assert (listed["id"], listed["earner_count"], listed["can_change"]) == (cohort.pk, 1, False)
    assert listed["can_set_deadlines"] is True


def test_an_issuers_admin_lists_its_cohorts_filtered_by_micro_credential(
    cohort, issuer, issuer_admin, admin_token
):
    other = two_part_version(issuer_admin, issuer).micro_credential
    CohortFactory(micro_credential=other)

    everything = Client().get(COHORTS, **bearer(admin_token))
    filtered = Client().get(
        COHORTS, {"micro_credential": cohort.micro_credential.slug}, **bearer(admin_token)
    )

    assert everything.json()["count"] == 2
    assert [c["id"] for c in filtered.json()["results"]] == [cohort.pk]


def test_one_cohort_shows_its_earners_latest_attempts_and_deadlines(cohort, facilitator, earner):
    CohortDeadline.objects.create(
        cohort=cohort, kind="submit", due_on=cohort.ends_on, set_by=facilitator
    )

    response = Client().get(
        f"{COHORTS}{cohort.pk}/", **bearer(person_token(facilitator, scopes.COHORTS))
    )

    body = response.json()
    [member] = body["members"]
    assert (member["name"], member["state"], member["status"]) == (
        earner.name,
        "draft",
        "in_progress",
    )
    assert member["submission"]
    assert body["facilitator"]["email"] == facilitator.email
    assert [d["kind"] for d in body["deadlines"]] == ["submit"]


def test_the_issuers_own_system_makes_a_cohort_with_a_facilitator_named_by_e_mail(
    micro_credential, facilitator, system_token
):
    made = _send(
        "POST", COHORTS, _new(micro_credential, facilitator=facilitator.email.upper()), system_token
    )

    assert made.status_code == 201, made.content
    cohort = Cohort.objects.get()
    assert made["Location"].endswith(f"/api/v1/cohorts/{cohort.pk}/")
    assert (cohort.name, cohort.facilitator, cohort.capacity) == ("Autumn cohort", facilitator, 25)
    assert made.json()["members"] == []


def test_the_same_cohort_sent_twice_is_made_once(micro_credential, admin_token):
    body = _new(micro_credential)
    first = _send("POST", COHORTS, body, admin_token, HTTP_IDEMPOTENCY_KEY="c-1")
    again = _send("POST", COHORTS, body, admin_token, HTTP_IDEMPOTENCY_KEY="c-1")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert Cohort.objects.count() == 1


def test_a_cohort_of_another_issuers_published_micro_credential_is_refused(
    other_issuer, admin_token
):
    theirs = two_part_version(UserFactory(is_staff=True), other_issuer).micro_credential

    response = _send("POST", COHORTS, _new(theirs), admin_token)

    assert response.status_code == 403
    assert not Cohort.objects.exists()


def test_another_issuers_unpublished_micro_credential_is_not_named(other_issuer, admin_token):
    draft = CompleteDraftFactory(micro_credential__issuer=other_issuer).micro_credential

    response = _send("POST", COHORTS, _new(draft), admin_token)

    assert response.status_code == 400
    assert "micro_credential" in response.json()["errors"]


def test_someone_who_is_not_the_issuers_facilitator_cannot_facilitate(
    micro_credential, admin_token, outsider
):
    response = _send(
        "POST", COHORTS, _new(micro_credential, facilitator=outsider.email), admin_token
    )

    assert response.status_code == 400
    assert outsider.email in response.json()["errors"]["facilitator"][0]
    assert not Cohort.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": -5}, "capacity"),
        ({"capacity": 10**30}, "capacity"),
        ({"capacity": "many"}, "capacity"),
        ({"starts_on": "soon"}, "starts_on"),
        ({"ends_on": "2020-01-01"}, "ends_on"),
        ({"enrollment_closes_on": "2000-01-01"}, "enrollment_closes_on"),
        ({"facilitator": "not an address"}, "facilitator"),
        ({"micro_credential": "no-such-thing"}, "micro_credential"),
        ({"micro_credential": 7}, "micro_credential"),
        ({"description": ["a"]}, "description"),
    ],
)
def test_a_bad_cohort_is_refused_naming_the_field(micro_credential, admin_token, fields, field):
    response = _send("POST", COHORTS, _new(micro_credential, **fields), admin_token)

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Cohort.objects.exists()


def test_an_admin_changes_the_places_and_dates_and_earners_are_told(cohort, admin_token, earner):
    new_end = cohort.ends_on + timedelta(days=7)

    response = _send(
        "PATCH", f"{COHORTS}{cohort.pk}/", {"capacity": 30, "ends_on": str(new_end)}, admin_token
    )

    assert response.status_code == 200, response.content
    cohort.refresh_from_db()
    assert (cohort.capacity, cohort.ends_on) == (30, new_end)
    assert Notification.objects.filter(user=earner, subject__contains=cohort.name).exists()


def test_a_change_that_strands_earners_is_refused_beside_its_field(cohort, admin_token, district):
    second = MembershipFactory(organization=district, role=Role.EARNER).user
    cohort_draft(second, cohort)

    response = _send("PATCH", f"{COHORTS}{cohort.pk}/", {"capacity": 1}, admin_token)

    assert response.status_code == 400
    assert "capacity" in response.json()["errors"]
    assert Cohort.objects.get(pk=cohort.pk).capacity == cohort.capacity


def test_the_facilitator_reads_but_may_not_change_the_cohort(cohort, facilitator):
    token = person_token(facilitator, scopes.COHORTS)

    response = _send("PATCH", f"{COHORTS}{cohort.pk}/", {"name": "Mine now"}, token)

    assert response.status_code == 403
    assert Cohort.objects.get(pk=cohort.pk).name == cohort.name


def test_another_issuers_cohort_is_not_found(cohort, other_issuer):
    stranger = UserFactory()
    MembershipFactory(user=stranger, organization=other_issuer, role=Role.ISSUER_ADMIN)
    token = person_token(stranger, scopes.COHORTS)

    read = Client().get(f"{COHORTS}{cohort.pk}/", **bearer(token))
    change = _send("PATCH", f"{COHORTS}{cohort.pk}/", {"name": "Taken"}, token)
    huge = Client().get(f"{COHORTS}{10**30}/", **bearer(token))

    assert (read.status_code, change.status_code, huge.status_code) == (404, 404, 404)
    assert Cohort.objects.get(pk=cohort.pk).name == cohort.name


def test_no_token_is_told_to_bring_one(cohort):
    assert Client().get(COHORTS).status_code == 401


def test_a_token_without_the_cohorts_scope_is_refused_naming_it(cohort, issuer_admin):
    token = person_token(issuer_admin, scopes.VOUCHERS)

    response = Client().get(f"{COHORTS}{cohort.pk}/", **bearer(token))

    assert response.status_code == 403
    assert response.json()["scope"] == scopes.COHORTS


# -- Deadlines ----------------------------------------------------------------------------


def _deadline(cohort, kind="first_draft"):
    return f"{COHORTS}{cohort.pk}/deadlines/{kind}/"


def test_a_facilitators_system_sets_a_deadline_and_then_moves_it(cohort, issuer, issuer_admin):
    token = client_token(issuer, by=issuer_admin, roles=[Role.FACILITATOR], scopes=[scopes.COHORTS])
    catalog.update_cohort(
        cohort, by=issuer_admin, facilitator=OrganizationClient.objects.get().account
    )
    day = timezone.localdate() + timedelta(days=10)

    set_ = _send("PUT", _deadline(cohort), {"due_on": str(day), "note": "Bring a plan"}, token)
    moved = _send("PUT", _deadline(cohort), {"due_on": str(day + timedelta(days=1))}, token)

    assert (set_.status_code, moved.status_code) == (201, 200), set_.content
    assert set_["Location"].endswith(_deadline(cohort))
    assert CohortDeadline.objects.get(cohort=cohort).due_on == day + timedelta(days=1)
    read = Client().get(_deadline(cohort), **bearer(token))
    assert read.json()["due_on"] == str(day + timedelta(days=1))


def test_an_ended_cohorts_deadlines_no_longer_change(cohort, facilitator):
    after_the_end = cohort.ends_on + timedelta(days=1)

    noon = datetime.combine(after_the_end, time(12), tzinfo=timezone.get_current_timezone())

    with time_machine.travel(noon):
        response = _send(
            "PUT",
            _deadline(cohort),
            {"due_on": str(after_the_end)},
            person_token(facilitator, scopes.COHORTS),
        )

    assert response.status_code == 409, response.content
    assert "ended" in response.json()["detail"]
    assert not CohortDeadline.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{"due_on": "2001-01-01"}, {"due_on": "2999-01-01"}, {"due_on": "tomorrow"}, {}, {"due_on": 5}],
)
def test_a_bad_deadline_is_refused_naming_the_date(cohort, facilitator, body):
    response = _send("PUT", _deadline(cohort), body, person_token(facilitator, scopes.COHORTS))

    assert response.status_code == 400
    assert "due_on" in response.json()["errors"]
    assert not CohortDeadline.objects.exists()


def test_a_deadline_of_an_unknown_kind_and_an_unset_one_are_not_found(cohort, facilitator):
    token = person_token(facilitator, scopes.COHORTS)

    unknown = _send("PUT", _deadline(cohort, "party"), {"due_on": "2030-01-01"}, token)
    unset = Client().get(_deadline(cohort, "submit"), **bearer(token))

    assert (unknown.status_code, unset.status_code) == (404, 404)


def test_someone_elses_cohorts_deadline_is_not_found(cohort, outsider):
    response = _send(
        "PUT",
        _deadline(cohort),
        {"due_on": str(timezone.localdate())},
        person_token(outsider, scopes.COHORTS),
    )

    assert response.status_code == 404
    assert not CohortDeadline.objects.exists()


def test_the_list_and_a_cohort_read_in_the_same_number_of_queries_however_many(
    cohort, micro_credential, admin_token, district
):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(url, **bearer(admin_token)).status_code == 200
        return len(queries)

    few = (count(COHORTS), count(f"{COHORTS}{cohort.pk}/"))
    for _ in range(3):
        CohortFactory(micro_credential=micro_credential)
        cohort_draft(MembershipFactory(organization=district, role=Role.EARNER).user, cohort)

    assert (count(COHORTS), count(f"{COHORTS}{cohort.pk}/")) == few


def test_asking_which_methods_a_deadline_takes_is_answered(cohort, facilitator):
    response = Client().options(
        _deadline(cohort), **bearer(person_token(facilitator, scopes.COHORTS))
    )

    assert response.status_code == 200
    assert "PUT" in response["Allow"]


def test_a_facilitator_whose_role_ended_is_refused_with_the_reason(
    cohort, facilitator, issuer, issuer_admin, admin_token
):
    accounts.revoke_role(issuer, facilitator, Role.FACILITATOR, by=issuer_admin)

    response = _send(
        "PATCH",
        f"{COHORTS}{cohort.pk}/",
        {"facilitator": facilitator.email, "name": "Renamed"},
        admin_token,
    )

    assert response.status_code == 400
    assert "is not a facilitator" in response.json()["errors"]["facilitator"][0]
    assert Cohort.objects.get(pk=cohort.pk).name == cohort.name


def test_an_admin_takes_the_facilitator_off_a_cohort(cohort, admin_token):
    response = _send("PATCH", f"{COHORTS}{cohort.pk}/", {"facilitator": None}, admin_token)

    assert response.status_code == 200
    assert response.json()["facilitator"] is None
    assert Cohort.objects.get(pk=cohort.pk).facilitator is None


def test_the_list_filters_by_issuer(cohort, issuer, other_issuer, admin_token):
    mine = Client().get(COHORTS, {"issuer": issuer.slug}, **bearer(admin_token))
    theirs = Client().get(COHORTS, {"issuer": other_issuer.slug}, **bearer(admin_token))

    assert ([c["id"] for c in mine.json()["results"]], theirs.json()["count"]) == ([cohort.pk], 0)


def test_a_null_character_refuses_the_whole_cohort(micro_credential, admin_token):
    response = _send("POST", COHORTS, _new(micro_credential, name="a\x00b"), admin_token)

    assert response.status_code == 400
    assert "null character" in response.json()["detail"]
    assert not Cohort.objects.exists()

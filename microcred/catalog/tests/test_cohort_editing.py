"""A cohort stays editable by its issuer, unless the change would strand its earners."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from microcred.accounts.models import Membership, Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.catalog import services
from microcred.catalog.models import Cohort
from microcred.coaching import services as coaching
from microcred.coaching.tests.factories import (
    CohortFactory,
    cohort_draft,
    facilitator_of,
    two_part_version,
)
from microcred.notifications.models import Notification

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


@pytest.fixture
def version(issuer, issuer_admin):
    return two_part_version(issuer_admin, issuer)


@pytest.fixture
def facilitator(issuer):
    return facilitator_of(issuer)


@pytest.fixture
def cohort(version, facilitator):
    return CohortFactory(
        micro_credential=version.micro_credential, facilitator=facilitator, capacity=20
    )


@pytest.fixture
def draft(earner, cohort):
    return cohort_draft(earner, cohort)


def _form(cohort: Cohort, **changes) -> dict:
    data = {
        "name": cohort.name,
        "description": cohort.description,
        "facilitator": cohort.facilitator_id or "",
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "enrollment_opens_on": cohort.enrollment_opens_on,
        "enrollment_closes_on": cohort.enrollment_closes_on,
        "capacity": cohort.capacity,
    }
    return {**data, **changes}


def test_an_issuer_admin_edits_dates_places_facilitator_and_words(
    client, cohort, issuer, issuer_admin
):
    other = facilitator_of(issuer, name="Gus Second")
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:cohort_edit", args=[cohort.pk]),
        _form(
            cohort,
            name="Autumn cohort",
            description="Fortnightly calls on Tuesdays.",
            facilitator=other.pk,
            ends_on=_days(60),
            capacity=30,
        ),
    )

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert (cohort.name, cohort.description, cohort.facilitator, cohort.ends_on) == (
        "Autumn cohort",
        "Fortnightly calls on Tuesdays.",
        other,
        _days(60),
    )
    assert cohort.capacity == 30


def test_the_edit_page_shows_the_cohort_as_it_is(client, cohort, issuer_admin):
    client.force_login(issuer_admin)

    page = client.get(reverse("author:cohort_edit", args=[cohort.pk])).text

    assert f'value="{cohort.name}"' in page
    assert "0 earners enrolled" in page


def test_places_below_the_earners_enrolled_are_refused(client, cohort, draft, issuer_admin):
    cohort_draft(UserFactory(), cohort)
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:cohort_edit", args=[cohort.pk]), _form(cohort, capacity=1)
    )

    assert response.status_code == 400
    assert "2 earners are already in this cohort; it needs at least 2 places." in response.text
    cohort.refresh_from_db()
    assert cohort.capacity == 20


def test_places_equal_to_the_earners_enrolled_are_fine(cohort, draft, issuer_admin):
    services.update_cohort(cohort, by=issuer_admin, capacity=1)

    assert Cohort.objects.get(pk=cohort.pk).capacity == 1


def test_an_end_date_in_the_past_is_refused_while_earners_have_drafts(cohort, draft, issuer_admin):
    with pytest.raises(ValidationError, match="1 earner still has a draft"):
        services.update_cohort(cohort, by=issuer_admin, ends_on=_days(-1))

    assert Cohort.objects.get(pk=cohort.pk).ends_on == cohort.ends_on


def test_an_end_date_in_the_past_is_allowed_when_nobody_is_drafting(cohort, issuer_admin):
    services.update_cohort(cohort, by=issuer_admin, ends_on=_days(-1))

    assert Cohort.objects.get(pk=cohort.pk).ends_on == _days(-1)


def test_an_end_before_the_start_is_refused(client, cohort, issuer_admin):
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:cohort_edit", args=[cohort.pk]),
        _form(cohort, starts_on=_days(10), ends_on=_days(5)),
    )

    assert response.status_code == 400
    assert "A cohort ends on or after its start." in response.text


def test_enrollment_closing_before_it_opens_is_refused(cohort, issuer_admin):
    with pytest.raises(ValidationError, match="Enrollment closes on or after it opens"):
        services.update_cohort(
            cohort, by=issuer_admin, enrollment_opens_on=_days(5), enrollment_closes_on=_days(1)
        )


def test_a_facilitator_who_is_not_the_issuers_is_refused(client, cohort, issuer_admin):
    stranger = UserFactory(name="Sam Stranger")
    client.force_login(issuer_admin)

    with pytest.raises(ValidationError, match="Sam Stranger is not a facilitator of"):
        services.update_cohort(cohort, by=issuer_admin, facilitator=stranger)
    assert Cohort.objects.get(pk=cohort.pk).facilitator_id == cohort.facilitator_id


def test_a_facilitator_whose_role_ended_is_refused_with_the_reason_on_the_page(
    client, cohort, facilitator, issuer_admin
):
    Membership.objects.filter(user=facilitator).update(is_active=False)
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:cohort_edit", args=[cohort.pk]), _form(cohort, capacity=25)
    )

    assert response.status_code == 400
    assert "Fiona Facilitator is not a facilitator of" in response.text


def test_a_facilitator_of_another_issuer_cannot_be_posted(
    client, cohort, other_issuer, issuer_admin
):
    elsewhere = MembershipFactory(organization=other_issuer, role=Role.FACILITATOR).user
    client.force_login(issuer_admin)

    response = client.post(
        reverse("author:cohort_edit", args=[cohort.pk]), _form(cohort, facilitator=elsewhere.pk)
    )

    assert response.status_code == 400
    assert Cohort.objects.get(pk=cohort.pk).facilitator_id == cohort.facilitator_id


def test_creating_a_cohort_with_someone_elses_facilitator_is_refused(version, issuer_admin):
    with pytest.raises(ValidationError, match="is not a facilitator of"):
        services.create_cohort(
            version.micro_credential,
            by=issuer_admin,
            name="Mine",
            facilitator=UserFactory(name="Not One"),
            starts_on=_days(1),
            ends_on=_days(30),
            enrollment_opens_on=_days(0),
            enrollment_closes_on=_days(5),
            capacity=5,
        )


def test_an_end_before_a_coaching_deadline_is_refused_with_the_deadline(
    cohort, facilitator, issuer_admin
):
    coaching.set_deadline(cohort, by=facilitator, kind="submit", due_on=_days(40))

    with pytest.raises(ValidationError, match=f"deadline “Submit by {_days(40).isoformat()}”"):
        services.update_cohort(cohort, by=issuer_admin, ends_on=_days(30))

    assert Cohort.objects.get(pk=cohort.pk).ends_on == cohort.ends_on


def test_a_start_after_a_coaching_deadline_is_refused(cohort, facilitator, issuer_admin):
    coaching.set_deadline(cohort, by=facilitator, kind="first_draft", due_on=_days(3))

    with pytest.raises(ValidationError, match="would fall outside the cohort's dates"):
        services.update_cohort(cohort, by=issuer_admin, starts_on=_days(5))


def test_earners_are_told_when_the_dates_change(cohort, draft, earner, issuer_admin):
    services.update_cohort(cohort, by=issuer_admin, ends_on=_days(80))

    note = Notification.objects.filter(user=earner).latest("pk")
    assert note.subject == f"New dates for {cohort.name}"
    assert _days(80).isoformat() in note.body


def test_changing_only_the_description_tells_nobody(cohort, draft, earner, issuer_admin):
    before = Notification.objects.filter(user=earner).count()

    services.update_cohort(cohort, by=issuer_admin, description="Now with office hours.")

    assert Notification.objects.filter(user=earner).count() == before


@pytest.mark.parametrize("who", ["facilitator", "earner", "outsider"])
def test_only_the_issuers_admins_edit_a_cohort(client, cohort, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)

    response = client.post(
        reverse("author:cohort_edit", args=[cohort.pk]), _form(cohort, capacity=99)
    )

    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_cohort(cohort, by=user, capacity=99)
    assert Cohort.objects.get(pk=cohort.pk).capacity == 20


def test_the_issuer_finds_the_edit_page_from_its_cohort_pages(
    client, cohort, version, issuer_admin
):
    client.force_login(issuer_admin)
    edit = reverse("author:cohort_edit", args=[cohort.pk])

    assert edit in client.get(reverse("coaching:cohorts")).text
    assert edit in client.get(reverse("coaching:cohort", args=[cohort.pk])).text
    assert edit in client.get(reverse("author:version", args=[version.pk])).text


def test_the_facilitator_sees_no_edit_link(client, cohort, facilitator):
    client.force_login(facilitator)

    assert (
        reverse("author:cohort_edit", args=[cohort.pk])
        not in client.get(reverse("coaching:cohorts")).text
    )

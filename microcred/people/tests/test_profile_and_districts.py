"""Every person's profile page, and an educator joining a district by asking: the district's
admins approve or decline, and a joined educator counts for sponsorship and reports."""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from microcred.accounts.models import Membership, MembershipChange, Role
from microcred.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from microcred.notifications.models import Notification
from microcred.payments import services as fees
from microcred.people import services
from microcred.people.models import JoinRequest
from microcred.reports.selectors import educators_of
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db

PROFILE = "/profile/"


@pytest.fixture
def district_admin(district):
    return MembershipFactory(
        organization=district, role=Role.ORG_ADMIN, user__name="Dana District"
    ).user


@pytest.fixture
def newcomer():
    return UserFactory(name="Nia Newcomer")


# --- the profile page --------------------------------------------------------------------


def test_the_profile_page_is_named_and_shows_roles_and_district(client, earner, issuer):
    MembershipFactory(user=earner, organization=issuer, role=Role.ASSESSOR)
    client.force_login(earner)

    page = client.get(reverse("people:profile"))

    assert reverse("people:profile") == PROFILE
    text = page.content.decode()
    assert "Your district:" in text
    assert "<strong>Riverbend Unified</strong>" in text
    assert "Leave: assessor at Lakeside Teaching Institute" in text
    assert reverse("account_email") in text


@pytest.fixture
def spanish(settings):
    """Spanish offered, as once its translation is in microcred/locale."""
    settings.LANGUAGES = [("en", "English"), ("es", "Spanish")]


def test_details_and_language_are_saved_and_the_language_applied(client, earner, spanish):
    client.force_login(earner)

    response = client.post(
        PROFILE, {"name": "Erin E. Earner", "school": "Hill ES", "language": "es"}
    )

    earner.refresh_from_db()
    assert (earner.name, earner.school, earner.language) == ("Erin E. Earner", "Hill ES", "es")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert client.get(PROFILE).headers["Content-Language"] == "es"


def test_a_new_browser_speaks_the_preferred_language_after_sign_in(client, earner, spanish):
    earner.language = "es"
    earner.save()
    client.force_login(earner)

    response = client.get(PROFILE)

    assert response.headers["Content-Language"] == "es"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_an_empty_name_or_unknown_language_is_refused(client, earner):
    client.force_login(earner)
    assert client.post(PROFILE, {"name": " ", "language": ""}).status_code == 400
    response = client.post(PROFILE, {"name": "Erin", "language": "xx"})
    assert response.status_code == 400
    earner.refresh_from_db()
    assert earner.name == "Erin Earner"


def test_the_email_is_changed_only_after_the_new_address_is_verified(client, earner):
    client.force_login(earner)
    old = earner.email
    assert client.get(reverse("account_email")).status_code == 200

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "erin.new@example.org"}
    )

    assert response.status_code == 302
    assert mail.outbox[-1].to == ["erin.new@example.org"]
    earner.refresh_from_db()
    assert earner.email == old
    assert not EmailAddress.objects.get(email="erin.new@example.org").verified


def test_a_role_is_left_after_confirmation_but_not_the_last_admin(
    client, district, district_admin, earner
):
    client.force_login(earner)
    leave = reverse("people:leave", args=[district.slug, Role.EARNER])
    assert b"Leave this role" in client.get(leave).content
    client.post(leave)
    assert not Membership.objects.get(user=earner).is_active
    assert MembershipChange.objects.get().action == "revoked"

    client.force_login(district_admin)
    refused = client.post(reverse("people:leave", args=[district.slug, Role.ORG_ADMIN]))
    assert refused.status_code == 409
    assert "is the last admin of Riverbend Unified" in refused.content.decode()


# --- asking to join a district -----------------------------------------------------------


def test_an_educator_asks_and_the_district_admins_are_told(
    client, district, district_admin, newcomer
):
    client.force_login(newcomer)
    response = client.post(
        reverse("people:join"),
        {"district": district.pk, "school": "Hill ES", "note": "I teach grade 3."},
        follow=True,
    )

    assert b"Riverbend Unified has been asked" in response.content
    request = JoinRequest.objects.get()
    assert (request.user, request.status, request.school) == (newcomer, "requested", "Hill ES")
    told = Notification.objects.get(user=district_admin)
    assert told.subject == "Nia Newcomer asks to join Riverbend Unified"
    assert told.url == reverse("people:members", args=[district.slug])


def test_districts_are_found_by_name_never_listed_all_at_once(client, district, newcomer):
    OrganizationFactory(kind="district", name="Lakeshore Schools")
    client.force_login(newcomer)

    unsearched = client.get(PROFILE).content.decode()
    found = client.get(PROFILE, {"q": "river"}).content.decode()
    missed = client.get(PROFILE, {"q": "nowhere"}).content.decode()

    assert "Find my district" in unsearched
    assert "Riverbend Unified" not in unsearched
    assert "Lakeshore Schools" not in unsearched
    assert ">Riverbend Unified</option>" in found
    assert "Lakeshore Schools" not in found
    assert "No district you have not joined has “nowhere” in its name" in missed


def test_asking_a_district_one_belongs_to_is_refused(client, district, earner):
    client.force_login(earner)
    response = client.post(reverse("people:join"), {"district": district.pk})
    assert response.status_code == 400
    assert "You already belong to Riverbend Unified." in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_asking_twice_is_refused(district, newcomer):
    services.ask_to_join(district, by=newcomer)
    with pytest.raises(services.MembershipProblem, match="its admins have not answered yet"):
        services.ask_to_join(district, by=newcomer)
    assert JoinRequest.objects.count() == 1


def test_only_a_district_takes_requests(client, issuer, newcomer):
    client.force_login(newcomer)
    response = client.post(reverse("people:join"), {"district": issuer.pk})
    assert "Lakeside Teaching Institute is not a school district" in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_after_a_decline_one_may_ask_again(district, district_admin, newcomer):
    first = services.ask_to_join(district, by=newcomer)
    services.decide_join_request(first, by=district_admin, approve=False)

    second = services.ask_to_join(district, by=newcomer, note="Now with my principal's OK")

    assert second.status == "requested"
    assert Notification.objects.filter(user=newcomer, subject__contains="declined").exists()
    assert not Membership.objects.filter(user=newcomer).exists()


def test_approving_makes_an_educator_who_counts_for_reports_and_sponsorship(
    client, district, district_admin, newcomer, issuer, issuer_admin
):
    request = services.ask_to_join(district, by=newcomer, school="Hill ES")
    client.force_login(district_admin)
    assert (
        b"Approve Nia Newcomer"
        in client.get(reverse("people:members", args=[district.slug])).content
    )

    client.post(
        reverse("people:decide_join_request", args=[district.slug, request.pk]), {"approve": "1"}
    )

    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("approved", district_admin)
    assert Membership.objects.get(user=newcomer, organization=district).role == Role.EARNER
    change = MembershipChange.objects.get(action="granted")
    assert (change.actor, change.subject, change.role) == (district_admin, newcomer, "earner")
    assert Notification.objects.get(user=newcomer).subject == "You joined Riverbend Unified"
    newcomer.refresh_from_db()
    assert newcomer.school == "Hill ES"
    assert newcomer in educators_of(district)
    enrollment = enrollment_for(
        newcomer, issuer_admin=issuer_admin, micro_credential__issuer=issuer
    )
    asked = fees.request_sponsorship(enrollment, by=newcomer, district=district)
    assert asked.district == district


def test_approving_needs_the_right(client, district, newcomer, earner):
    request = services.ask_to_join(district, by=newcomer)
    other_admin = MembershipFactory(
        organization=OrganizationFactory(kind="district"), role=Role.ORG_ADMIN
    ).user
    for person in (earner, other_admin):
        client.force_login(person)
        response = client.post(
            reverse("people:decide_join_request", args=[district.slug, request.pk]),
            {"approve": "1"},
        )
        assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.decide_join_request(request, by=newcomer, approve=True)
    assert not Membership.objects.filter(user=newcomer).exists()


def test_approving_twice_is_refused_with_who_answered(district, district_admin, newcomer):
    request = services.ask_to_join(district, by=newcomer)
    services.decide_join_request(request, by=district_admin, approve=True)

    with pytest.raises(services.MembershipProblem, match="already approved on .* by Dana District"):
        services.decide_join_request(request, by=district_admin, approve=True)
    assert MembershipChange.objects.filter(action="granted").count() == 1

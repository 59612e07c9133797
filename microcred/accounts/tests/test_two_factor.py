"""Two-factor sign-in: required of staff, and of an organization's admins when it asks."""

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

from microcred.accounts.models import Organization, Role
from microcred.accounts.tests.factories import TOTP_SECRET, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
SET_UP = reverse("mfa_activate_totp")


def current_code(secret=TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_staff_without_a_second_factor_are_sent_to_set_one_up_from_admin_and_staff_pages(client):
    staff = UserFactory(is_staff=True, is_superuser=True, two_factor=False)
    signed_in = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert client.get(signed_in["Location"])["Location"] == SET_UP

    for url in (reverse("admin:index"), reverse("author:workspace"), reverse("home")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == SET_UP

    # Adding an authenticator asks for the password again, and the page says why.
    page = client.get(SET_UP, follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert "needs a second step at sign-in" in page.text
    page = client.post(page.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert page.redirect_chain[-1][0] == SET_UP
    assert "Authenticator secret" in page.text
    assert client.get(reverse("account_email")).status_code == 200


def test_staff_with_a_second_factor_use_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admin_has_no_sign_in_of_its_own_that_would_skip_the_second_factor(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_sign_in_with_password_then_a_code_from_their_app(client):
    staff = UserFactory(is_staff=True)
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    client.post(reverse("mfa_authenticate"), {"code": current_code()})
    assert client.session["_auth_user_id"] == str(staff.pk)


@pytest.mark.parametrize("role", [Role.ORG_ADMIN, Role.ISSUER_ADMIN])
def test_an_organizations_admins_set_it_up_once_the_organization_requires_it(client, issuer, role):
    admin = UserFactory()
    MembershipFactory(user=admin, organization=issuer, role=role)
    client.force_login(admin)
    members = reverse("people:members", args=[issuer.slug])
    assert client.get(members).status_code == 200

    issuer.require_two_factor = True
    issuer.save()
    assert client.get(members)["Location"] == SET_UP


def test_other_roles_of_an_organization_requiring_it_sign_in_as_before(client, issuer, assessor):
    issuer.require_two_factor = True
    issuer.save()
    client.force_login(assessor)
    assert client.get(reverse("home")).status_code == 200


def test_an_admin_with_a_second_factor_keeps_working_when_it_becomes_required(client, issuer):
    admin = UserFactory(two_factor=True)
    MembershipFactory(user=admin, organization=issuer, role=Role.ORG_ADMIN)
    Organization.objects.filter(pk=issuer.pk).update(require_two_factor=True)
    client.force_login(admin)
    assert client.get(reverse("people:members", args=[issuer.slug])).status_code == 200


def test_the_organizations_admin_turns_the_requirement_on_and_off(client, issuer, org_admin):
    # The admin has no second factor yet: turning it on sends them to set it up.
    client.force_login(org_admin)
    url = reverse("people:sign_in_rules", args=[issuer.slug])
    assert "Sign-in rules" in client.get(reverse("people:members", args=[issuer.slug])).text
    page = client.get(url)
    assert page.status_code == 200
    assert "Admins must sign in with two-factor authentication" in page.text

    response = client.post(url, {"require_two_factor": "on"})
    assert response["Location"] == reverse("people:members", args=[issuer.slug])
    issuer.refresh_from_db()
    assert issuer.require_two_factor
    assert client.get(reverse("people:members", args=[issuer.slug]))["Location"] == SET_UP


def test_the_requirement_is_turned_off_by_an_admin_who_has_set_it_up(client, issuer):
    admin = UserFactory(two_factor=True)
    MembershipFactory(user=admin, organization=issuer, role=Role.ORG_ADMIN)
    Organization.objects.filter(pk=issuer.pk).update(require_two_factor=True)
    client.force_login(admin)
    client.post(reverse("people:sign_in_rules", args=[issuer.slug]), {})
    issuer.refresh_from_db()
    assert not issuer.require_two_factor


def test_only_the_organizations_admins_change_its_sign_in_rules(
    client, issuer, assessor, other_issuer
):
    outside_admin = UserFactory()
    MembershipFactory(user=outside_admin, organization=other_issuer, role=Role.ORG_ADMIN)
    url = reverse("people:sign_in_rules", args=[issuer.slug])
    for person in (assessor, outside_admin):
        client.force_login(person)
        assert client.post(url, {"require_two_factor": "on"}).status_code == 403
    issuer.refresh_from_db()
    assert not issuer.require_two_factor


def test_new_passwords_are_hashed_with_argon2_and_old_hashes_upgraded_at_sign_in(client):
    assert UserFactory().password.startswith("argon2$")
    old = UserFactory()
    old.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    old.save()

    client.post(reverse("account_login"), {"login": old.email, "password": PASSWORD})

    assert client.session["_auth_user_id"] == str(old.pk)
    old.refresh_from_db()
    assert old.password.startswith("argon2$")


@override_settings(
    SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=False, SECURE_HSTS_PRELOAD=True
)
def test_hsts_asks_for_preloading_when_configured(client):
    response = client.get(reverse("home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; preload"

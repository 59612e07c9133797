import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from microcred.accounts.models import User
from microcred.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def sign_up(client, email="new.teacher@example.org", name="Nia Newcomer", **overrides):
    data = {"name": name, "email": email, "password1": PASSWORD, "password2": PASSWORD}
    return client.post(reverse("account_signup"), {**data, **overrides})


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_sends_a_verification_mail_and_keeps_the_name(client):
    response = sign_up(client)

    assert response.status_code == 302
    user = User.objects.get(email="new.teacher@example.org")
    assert user.name == "Nia Newcomer"
    assert not EmailAddress.objects.get(user=user).verified
    [message] = mail.outbox
    assert message.to == ["new.teacher@example.org"]
    assert "/accounts/confirm-email/" in link_in(message)


def test_confirming_the_mail_verifies_and_signs_in(client):
    sign_up(client)
    confirm_url = link_in(mail.outbox[0])

    client.post(confirm_url)

    assert EmailAddress.objects.get(email="new.teacher@example.org").verified
    assert client.get(reverse("backpack:home")).status_code == 200


def test_an_unverified_user_cannot_sign_in_and_is_sent_the_link_again(client):
    UserFactory(email="pending@example.org", verified=False)

    response = client.post(
        reverse("account_login"), {"login": "pending@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("backpack:home")).status_code == 302
    assert mail.outbox[0].to == ["pending@example.org"]


def test_a_wrong_password_is_refused_with_a_message(client):
    UserFactory(email="teacher@example.org")

    response = client.post(
        reverse("account_login"), {"login": "teacher@example.org", "password": "wrong"}
    )

    assert response.status_code == 200
    assert "not correct" in response.text
    assert "_auth_user_id" not in client.session


def test_signing_up_twice_with_one_address_makes_one_account_and_warns_its_owner(client):
    UserFactory(email="taken@example.org", name="First Owner")

    sign_up(client, email="Taken@Example.org", name="Someone Else")

    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    assert User.objects.get(email="taken@example.org").name == "First Owner"
    [message] = mail.outbox
    assert message.to == ["taken@example.org"]
    assert "already" in message.body.lower()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("email", "not-an-address", "Enter a valid email address."),
        ("password2", "something else", "You must type the same password each time."),
        ("password1", "123", "This password is too short."),
    ],
)
def test_sign_up_with_a_bad_field_explains_and_saves_nothing(client, field, value, message):
    overrides = {field: value}
    if field == "password1":
        overrides["password2"] = value

    response = sign_up(client, **overrides)

    assert response.status_code == 200
    assert message in response.text
    assert not User.objects.exists()


def test_password_reset_mails_a_link(client):
    UserFactory(email="forgetful@example.org")

    client.post(reverse("account_reset_password"), {"email": "forgetful@example.org"})

    [message] = mail.outbox
    assert message.to == ["forgetful@example.org"]
    assert "/accounts/password/reset/key/" in link_in(message)


def _buttons(html: str) -> dict[str, str]:
    """Each button's words and its class."""
    return {
        re.sub(r"\s+", " ", words).strip(): classes
        for classes, words in re.findall(
            r'<button[^>]*?class="([^"]*)"[^>]*>(.*?)</button>', html, flags=re.S
        )
    }


def test_the_sign_up_sign_in_and_confirm_buttons_look_like_every_other_button(client):
    assert _buttons(client.get(reverse("account_signup")).text)["Sign Up"] == "button"
    assert _buttons(client.get(reverse("account_login")).text)["Sign In"] == "button"
    sign_up(client)
    confirm = client.get(link_in(mail.outbox[-1])).text
    assert _buttons(confirm)["Confirm"] == "button"

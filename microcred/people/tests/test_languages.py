"""The language menu offers only languages the platform is translated into."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _translated() -> set[str]:
    locale = settings.LOCALE_PATHS[0]
    return {"en"} | {
        folder.name
        for folder in (locale.iterdir() if locale.is_dir() else ())
        if (folder / "LC_MESSAGES" / "django.po").is_file()
    }


def test_every_language_offered_has_a_translation():
    assert {code for code, _name in settings.LANGUAGES} == _translated()


def test_with_one_language_the_pages_offer_no_language_menu(client):
    page = client.get(reverse("home")).text

    assert 'name="language"' not in page


def test_with_a_second_language_the_menu_offers_both(client, settings):
    settings.LANGUAGES = [("en", "English"), ("es", "Spanish")]

    page = client.get(reverse("home")).text

    assert '<option value="es"' in page
    assert '<option value="en" selected' in page


def test_a_language_without_a_translation_is_refused_on_the_profile(client, earner):
    client.force_login(earner)

    response = client.post("/profile/", {"name": "Erin", "language": "es"})

    assert response.status_code == 400
    earner.refresh_from_db()
    assert earner.language == ""

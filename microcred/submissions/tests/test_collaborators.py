"""Collaborators are people: rows of name and e-mail, added and removed on the page
without JavaScript, recognized by their e-mail."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from microcred.accounts.tests.factories import UserFactory
from microcred.submissions.collaborator_names import split_name_and_email
from microcred.submissions.models import Collaborator, Submission
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db

NOTE = "We planned the unit together and each taught it to our own class."


@pytest.fixture
def draft(client, earner, issuer, issuer_admin):
    enrollment = enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    client.force_login(earner)
    client.post(reverse("submissions:start", args=[enrollment.pk]))
    return Submission.objects.get(enrollment=enrollment)


def _rows(*people, **extra):
    data = {
        "collaborator-TOTAL_FORMS": str(len(people)),
        "collaborator-INITIAL_FORMS": "0",
        "collaborated": "on",
        "note": NOTE,
    }
    for i, (name, email) in enumerate(people):
        data[f"collaborator-{i}-name"] = name
        data[f"collaborator-{i}-email"] = email
    return {**data, **extra}


def _post(client, draft, data):
    return client.post(reverse("submissions:collaboration", args=[draft.reference]), data)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Casey Lin casey@x.org", ("Casey Lin", "casey@x.org")),
        ("Casey Lin, Casey@X.org", ("Casey Lin", "casey@x.org")),
        ("Casey Lin <casey@x.org>", ("Casey Lin", "casey@x.org")),
        ("Casey Lin", ("Casey Lin", "")),
        ("Casey at the bat @ noon", ("Casey at the bat @ noon", "")),
    ],
)
def test_an_address_typed_with_the_name_is_read_as_the_email(typed, expected):
    assert split_name_and_email(typed) == expected


def test_the_page_offers_one_empty_person_row_to_start(client, draft):
    page = client.get(reverse("submissions:detail", args=[draft.reference])).text

    assert "Name of person 1" in page
    assert "E-mail of person 1" in page
    assert "Name of person 2" not in page
    assert "Add another person" in page


def test_add_another_draws_one_more_row_and_keeps_what_was_typed(client, draft):
    response = _post(client, draft, _rows(("Casey Lin", "casey@x.org"), add_person="1"))

    assert "Name of person 2" in response.text
    assert 'value="Casey Lin"' in response.text
    assert not Collaborator.objects.exists()  # nothing saved until Save


def test_remove_takes_that_row_away(client, draft):
    response = _post(
        client,
        draft,
        _rows(("Casey Lin", "casey@x.org"), ("Sam Roe", "sam@x.org"), remove_person="0"),
    )

    assert 'value="Sam Roe"' in response.text
    assert 'value="Casey Lin"' not in response.text
    assert "Name of person 2" not in response.text


def test_saving_keeps_each_person_as_a_row_linked_to_their_account(client, draft):
    casey = UserFactory(email="casey@x.org")

    _post(client, draft, _rows(("Casey Lin", "Casey@X.org"), ("Sam Roe", "")))

    rows = list(Collaborator.objects.filter(submission=draft).order_by("name"))
    assert [(c.name, c.email, c.user) for c in rows] == [
        ("Casey Lin", "casey@x.org", casey),
        ("Sam Roe", "", None),
    ]


def test_a_wrong_address_is_refused_with_what_was_typed_kept(client, draft):
    response = _post(client, draft, _rows(("Casey Lin", "casey at x dot org")))

    assert response.status_code == 400
    assert "Person 1: “casey at x dot org” is not an e-mail address." in response.text
    assert 'value="casey at x dot org"' in response.text
    assert not Collaborator.objects.exists()


def test_old_free_text_declarations_are_read_into_rows_and_the_line_is_kept(draft):
    casey = UserFactory(email="casey@x.org")
    row = Collaborator.objects.create(submission=draft, name="Casey Lin casey@x.org")
    migration = importlib.import_module(
        "microcred.submissions.migrations.0005_collaborators_read_from_free_text"
    )

    migration.read_addresses(django_apps, None)

    row.refresh_from_db()
    assert (row.name, row.email, row.user, row.declared_as) == (
        "Casey Lin",
        "casey@x.org",
        casey,
        "Casey Lin casey@x.org",
    )


def test_more_people_than_the_list_holds_is_refused_with_the_limit(client, draft):
    people = [(f"Person {n}", f"p{n}@x.org") for n in range(31)]

    response = _post(client, draft, _rows(*people))

    assert response.status_code == 400
    assert "List at most 30 people." in response.text
    assert not Collaborator.objects.exists()


def test_a_post_without_the_list_is_refused_not_an_error(client, draft):
    response = _post(client, draft, {"collaborated": "on", "note": NOTE})

    assert response.status_code == 400
    assert not Collaborator.objects.exists()

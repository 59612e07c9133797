import io

import pytest
from django.core.management import call_command

from microcred.accounts.models import Membership, Organization, Role, User
from microcred.backpack.models import Enrollment
from microcred.catalog.checklist import failing_items
from microcred.catalog.models import MicroCredentialVersion, Stack, VersionStatus
from microcred.demo import loader
from microcred.submissions.models import Submission
from microcred.submissions.states import State

pytestmark = pytest.mark.django_db


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts():
    return (
        Organization.objects.count(),
        User.objects.count(),
        MicroCredentialVersion.objects.count(),
        Stack.objects.count(),
        Enrollment.objects.count(),
        Submission.objects.count(),
    )


# Loading takes seconds, so one test checks everything a first load promises.
def test_the_demo_has_a_catalog_people_in_every_role_and_work_in_every_state(client):
    output = load()

    published = MicroCredentialVersion.objects.filter(status=VersionStatus.PUBLISHED)
    assert Organization.objects.filter(kind="issuer").count() >= 3
    assert published.count() >= 40
    assert Stack.objects.filter(is_published=True).count() == 8
    assert [v.title for v in published if failing_items(v)] == []
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert set(Submission.objects.values_list("state", flat=True)) == set(State.values)
    assert client.login(email=loader.email("earner"), password=loader.PASSWORD)
    assert "earner@demo.microcred.org" in output
    assert loader.PASSWORD in output


def test_loading_again_keeps_what_users_did():
    load()
    earner = User.objects.get(email=loader.email("earner"))
    earner.name = "Maya Okafor-Lind"
    earner.save()
    before = counts()

    output = load()

    assert counts() == before
    assert User.objects.get(pk=earner.pk).name == "Maya Okafor-Lind"
    assert "nothing changed" in output

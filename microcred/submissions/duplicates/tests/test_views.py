import pytest
from django.urls import reverse

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.assessment.services import assign
from microcred.assessment.tests.factories import qualified_assessor
from microcred.submissions.duplicates import services
from microcred.submissions.duplicates.models import Flag, FlagAction, FlagStatus

from .factories import LIGHTLY_EDITED, ORIGINAL, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def flag(version):
    first = submitted(version, earner=UserFactory(name="Fern Earlier"), text=ORIGINAL)
    services.check_submission(first.pk)
    copy = submitted(version, earner=UserFactory(name="Lou Later"), text=LIGHTLY_EDITED)
    services.check_submission(copy.pk)
    return Flag.objects.get()


def _url(flag, name="flag"):
    return reverse(f"duplicates:{name}", args=[flag.pk])


def test_the_admins_list_shows_open_flags(client, flag, issuer_admin):
    client.force_login(issuer_admin)

    response = client.get(reverse("duplicates:list"))

    assert response.status_code == 200
    assert flag.submission.reference in response.text
    assert flag.other.reference in response.text


def test_a_cleared_flag_leaves_the_open_list_for_the_cleared_one(client, flag, issuer_admin):
    services.clear(flag, by=issuer_admin, note="Co-planned.")
    client.force_login(issuer_admin)

    assert flag.submission.reference not in client.get(reverse("duplicates:list")).text
    cleared = client.get(reverse("duplicates:list") + "?status=cleared").text
    assert flag.submission.reference in cleared


def test_the_flag_page_shows_both_answers_with_the_shared_passages_marked(
    client, flag, issuer_admin
):
    client.force_login(issuer_admin)

    response = client.get(_url(flag))

    assert response.status_code == 200
    assert "<mark>" in response.text
    assert "sorted the tickets into three piles" in response.text
    assert "Fern Earlier" in response.text
    assert "Lou Later" in response.text
    assert "eleven" in response.text  # the edited words are shown, unmarked


def test_clearing_from_the_page_keeps_the_note_in_the_history(client, flag, issuer_admin):
    client.force_login(issuer_admin)

    response = client.post(_url(flag, "clear"), {"clear-note": "Same school; co-planned."})

    assert response.status_code == 302
    page = client.get(_url(flag)).text
    assert "Same school; co-planned." in page
    assert "Ivy Issuer" in page
    flag.refresh_from_db()
    assert flag.status == FlagStatus.CLEARED


def test_clearing_a_cleared_flag_answers_clearly_and_keeps_what_was_typed(
    client, flag, issuer_admin, org_admin
):
    services.clear(flag, by=org_admin, note="First look: fine.")
    client.force_login(issuer_admin)

    response = client.post(_url(flag, "clear"), {"clear-note": "My own second note."})

    assert response.status_code == 409
    assert "already cleared by Oren Orgadmin" in response.text
    assert "My own second note." in response.text
    assert flag.events.get(action=FlagAction.CLEARED).note == "First look: fine."


def test_clearing_without_a_note_is_refused_with_a_message(client, flag, issuer_admin):
    client.force_login(issuer_admin)

    response = client.post(_url(flag, "clear"), {"clear-note": ""})

    assert response.status_code == 400
    assert "This field is required" in response.text
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_asking_from_the_page_sends_both_earners_to_their_explanation_page(
    client, flag, issuer_admin
):
    client.force_login(issuer_admin)

    response = client.post(_url(flag, "ask"), {"ask-note": "Did you plan this together?"})

    assert response.status_code == 302
    later = flag.submission.enrollment.earner
    client.force_login(later)
    page = client.get(_url(flag, "explain"))
    assert page.status_code == 200
    assert "Did you plan this together?" in page.text
    assert flag.submission.reference in page.text
    assert flag.other.reference not in page.text
    assert "Fern Earlier" not in page.text
    assert ORIGINAL[:60] not in page.text


def test_an_earners_explanation_appears_on_the_flag_page(client, flag, issuer_admin):
    services.request_explanation(flag, by=issuer_admin, note="Please explain.")
    client.force_login(flag.other.enrollment.earner)

    response = client.post(_url(flag, "explain"), {"text": "I wrote it during the course."})

    assert response.status_code == 302
    client.force_login(issuer_admin)
    assert "I wrote it during the course." in client.get(_url(flag)).text


def test_an_explanation_after_the_flag_was_cleared_is_refused_and_shown_back(
    client, flag, issuer_admin
):
    services.request_explanation(flag, by=issuer_admin, note="Please explain.")
    services.clear(flag, by=issuer_admin, note="Resolved by phone.")
    client.force_login(flag.other.enrollment.earner)

    response = client.post(_url(flag, "explain"), {"text": "My late answer."})

    assert response.status_code == 409
    assert "already cleared" in response.text
    assert "My late answer." in response.text


def test_an_assessor_is_refused_the_flag_page_and_the_list(client, flag, assessor):
    client.force_login(assessor)

    assert client.get(_url(flag)).status_code == 403
    assert client.get(reverse("duplicates:list")).status_code == 403
    assert client.post(_url(flag, "clear"), {"clear-note": "x"}).status_code == 403


def test_another_issuers_admin_is_refused_the_flag_page(client, flag, other_issuer):
    stranger = UserFactory()
    MembershipFactory(user=stranger, organization=other_issuer, role=Role.ISSUER_ADMIN)
    client.force_login(stranger)

    assert client.get(_url(flag)).status_code == 403
    assert flag.submission.reference not in client.get(reverse("duplicates:list")).text


def test_an_admin_who_reviews_one_of_the_submissions_does_not_see_the_flag(
    client, flag, issuer, issuer_admin
):
    reviewer = qualified_assessor(flag.micro_credential)
    MembershipFactory(user=reviewer.user, organization=issuer, role=Role.ISSUER_ADMIN)
    assign.sweep()
    assert reviewer.assignments.exists()
    client.force_login(reviewer.user)

    assert client.get(_url(flag)).status_code == 403
    assert flag.submission.reference not in client.get(reverse("duplicates:list")).text


def test_an_outsider_cannot_open_an_earners_explanation_page(client, flag, outsider):
    client.force_login(outsider)
    assert client.get(_url(flag, "explain")).status_code == 404


def test_a_missing_flag_is_not_found(client, issuer_admin):
    client.force_login(issuer_admin)
    assert client.get(reverse("duplicates:flag", args=[999_999])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, flag):
    assert client.get(_url(flag)).status_code == 302

"""A person's own data: downloading all of it from the profile, and deleting the account
while the awards stay verifiable and the audit logs keep a pseudonym."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from microcred.accounts.models import Membership, MembershipChange, Role, User
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.assessment.models import Assignment, AssignmentStatus, PoolMember
from microcred.assessment.services import assign
from microcred.assessment.tests.factories import qualified_assessor, submitted
from microcred.catalog.models import Requirement
from microcred.connect.models import HeldCredential
from microcred.connect.tests.wallet import Wallet
from microcred.credentials.formats import ob2
from microcred.credentials.issuing import batch_signing
from microcred.credentials.models import Award
from microcred.credentials.tests.factories import decide
from microcred.credentials.verification import verify
from microcred.notifications.services import notify
from microcred.people import erasure
from microcred.submissions import services as submissions
from microcred.submissions.models import Evidence, Removal, StateChange
from microcred.submissions.states import State
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ANSWER = "We used think-pair-share; Maya and Leo led the discussion."


@pytest.fixture
def met(earner, issuer, issuer_admin):
    """A submission with a written answer and a file, reviewed Met, its award signed."""
    enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    for _ in range(2):
        qualified_assessor(enrollment.micro_credential)
    submission = submissions.start_attempt(enrollment, by=earner)
    requirement = Requirement.objects.get(version=enrollment.version)
    submissions.save_text(submission, requirement, by=earner, kind="text", text=ANSWER)
    submissions.add_file(
        submission,
        requirement,
        by=earner,
        upload=SimpleUploadedFile("Class photo.pdf", PDF, "application/pdf"),
    )
    submissions.submit(submission, by=earner)
    assign.sweep()
    decide(submission, met=True)
    batch_signing.sign_pending()
    return submission


def _archive(client, user) -> zipfile.ZipFile:
    client.force_login(user)
    response = client.post(reverse("people:download_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _json(archive, name):
    return json.loads(archive.read(name))


# --- downloading -------------------------------------------------------------------------


def test_the_profile_offers_the_download_and_the_deletion(client, earner):
    client.force_login(earner)
    page = client.get("/profile/").content.decode()
    assert "Download my data (ZIP)" in page
    assert reverse("people:delete_account") in page


def test_the_download_holds_the_account_and_everything_about_it(client, earner, met):
    notify([earner], subject="Your award is ready", body="Well done.")

    archive = _archive(client, earner)

    account = _json(archive, "account.json")
    assert (account["email"], account["name"]) == (earner.email, "Erin Earner")
    assert _json(archive, "memberships.json")[0]["role"] == Role.EARNER
    assert _json(archive, "enrollments.json")[0]["status"]
    [submission] = _json(archive, "submissions.json")
    assert submission["reference"] == met.reference
    texts = [e["text"] for e in submission["evidence"]]
    assert ANSWER in texts
    [file_entry] = [e for e in submission["evidence"] if e["file_name"]]
    assert archive.read(file_entry["file"]) == PDF
    assert _json(archive, "notifications.json")[-1]["subject"] == "Your award is ready"
    assert set(_json(archive, "README.json")["files"]) >= {"payments", "tickets"}


def test_reviews_in_the_download_never_say_who_the_assessor_was(client, earner, met):
    assessors = [a.assessor.user for a in Assignment.objects.filter(submission=met)]

    archive = _archive(client, earner)

    reviews = [r for r in _json(archive, "reviews_received.json") if "assessor" in r]
    assert {r["assessor"] for r in reviews} == {"Assessor A", "Assessor B"}
    assert all(r["criteria"][0]["met"] for r in reviews)
    raw = archive.read("reviews_received.json").decode()
    for person in assessors:
        assert person.name not in raw
        assert person.email not in raw


def test_the_credential_in_the_download_verifies(client, earner, met):
    archive = _archive(client, earner)

    [award] = _json(archive, "awards.json")
    result = verify.verify_text(archive.read(award["credential"]).decode())
    assert result.verified, result.errors


def test_nobody_else_can_download_someone_s_data(client):
    response = client.post(reverse("people:download_data"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- deleting ----------------------------------------------------------------------------


def _delete(client, user, password=PASSWORD):
    client.force_login(user)
    return client.post(reverse("people:delete_account"), {"password": password})


def test_the_confirmation_page_says_plainly_what_happens(client, earner):
    client.force_login(earner)
    page = client.get(reverse("people:delete_account")).content.decode()
    assert "stay verifiable" in page
    assert "Former member" in page
    assert "cannot be undone" in page


def test_a_wrong_password_deletes_nothing(client, earner):
    response = _delete(client, earner, password="not it")

    assert response.status_code == 400
    assert "That is not your password. Nothing was deleted." in response.content.decode()
    earner.refresh_from_db()
    assert earner.erased_at is None
    assert earner.name == "Erin Earner"


def test_a_missing_password_is_asked_for(client, earner):
    response = _delete(client, earner, password="")

    assert response.status_code == 400
    assert "Enter your password to delete your account." in response.content.decode()


def test_deleting_erases_the_person_and_their_evidence(client, earner, met, settings):
    piece = Evidence.objects.get(submission=met, kind="file")
    path = Path(settings.MEDIA_ROOT) / piece.file.name
    assert path.exists()
    email = earner.email

    response = _delete(client, earner)

    assert response.status_code == 302
    person = User.objects.get(pk=earner.pk)
    assert person.erased_at is not None
    assert person.name.startswith("Former member ")
    assert "Erin" not in person.name
    assert email != person.email
    assert not person.school
    assert not person.is_active
    assert not person.has_usable_password()
    assert not path.exists()
    assert not Evidence.objects.filter(submission=met).exclude(text="").exists()
    assert set(
        Evidence.objects.filter(submission=met).values_list("removed_because", flat=True)
    ) == {Removal.ACCOUNT_DELETED}
    assert not Membership.objects.filter(user=person, is_active=True).exists()


def test_deleting_ends_the_session(client, earner):
    _delete(client, earner)

    assert client.get("/profile/").status_code == 302


def test_other_sessions_end_too(client, earner):
    other = type(client)()
    other.force_login(earner)

    _delete(client, earner)

    assert other.get("/profile/").status_code == 302


def test_the_award_stays_verifiable_and_its_page_no_longer_names_them(client, earner, met):
    award = Award.objects.get(submission=met)
    signed, recipient = award.credential_json, ob2.recipient(award)

    _delete(client, earner)

    award.refresh_from_db()
    assert award.credential_json == signed
    assert verify.verify_text(award.credential_json).verified
    assert ob2.recipient(award) == recipient
    page = client.get(award.get_absolute_url()).content.decode()
    assert "Erin Earner" not in page
    assert "Former member" in page
    assert ANSWER not in page


def test_audit_entries_keep_a_pseudonym_instead_of_the_person(client, earner, met, district):
    email = earner.email
    count = StateChange.objects.filter(submission=met).count()

    _delete(client, earner)

    person = User.objects.get(pk=earner.pk)
    assert StateChange.objects.filter(submission=met).count() == count
    submitted_by = StateChange.objects.filter(submission=met, event="submit").get().actor
    assert str(submitted_by) == person.name
    changes = MembershipChange.objects.filter(subject=person)
    assert changes.filter(action=MembershipChange.Action.REVOKED, organization=district).exists()
    assert not MembershipChange.objects.filter(email__iexact=email).exists()
    assert set(changes.values_list("email", flat=True)) == {person.email}


def test_an_in_flight_submission_is_withdrawn_and_its_reviews_called_off(
    client, earner, issuer, issuer_admin
):
    enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    for _ in range(2):
        qualified_assessor(enrollment.micro_credential)
    submission = submitted(enrollment)
    assign.sweep()

    _delete(client, earner)

    submission.refresh_from_db()
    assert submission.state == State.WITHDRAWN
    assert not Assignment.objects.filter(
        submission=submission, status__in=[AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED]
    ).exists()


def test_an_assessor_leaves_every_pool_and_accepted_reviews_go_to_others(
    client, earner, issuer, issuer_admin
):
    enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    profiles = [qualified_assessor(enrollment.micro_credential) for _ in range(3)]
    submission = submitted(enrollment)
    assign.sweep()
    leaving = Assignment.objects.filter(submission=submission).first()
    Assignment.objects.filter(pk=leaving.pk).update(
        status=AssignmentStatus.ACCEPTED, accepted_at=leaving.offered_at
    )
    person = leaving.assessor.user

    _delete(client, person)

    assert PoolMember.objects.get(assessor__user=person).removed_at is not None
    leaving.refresh_from_db()
    assert leaving.status == AssignmentStatus.REASSIGNED
    assert not Membership.objects.filter(user=person, role=Role.ASSESSOR, is_active=True).exists()
    assert len(profiles) == 3


def test_the_last_admin_of_an_organization_must_hand_it_on_first(client, district):
    admin = MembershipFactory(organization=district, role=Role.ORG_ADMIN).user

    client.force_login(admin)
    page = client.get(reverse("people:delete_account")).content.decode()
    response = _delete(client, admin)

    assert "You are the last admin of Riverbend Unified" in page
    assert response.status_code == 400
    admin.refresh_from_db()
    assert admin.erased_at is None


def test_someone_else_cannot_erase_an_account(earner, outsider):
    with pytest.raises(erasure.PermissionDenied):
        erasure.erase_account(earner, by=outsider, password=PASSWORD)


def test_a_deleted_account_cannot_sign_in(client, earner):
    email = earner.email
    _delete(client, earner)
    client.logout()

    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})

    assert response.status_code == 200
    assert client.get("/profile/").status_code == 302


def test_the_same_address_can_make_a_new_account(client, earner):
    email = earner.email
    _delete(client, earner)

    assert UserFactory(email=email).pk != earner.pk


# --- what connected apps hold ------------------------------------------------------------


def _connected(earner):
    """An app the earner approved, which put another issuer's credential in their
    backpack."""
    browser = Client()
    browser.force_login(earner)
    tokens = Wallet.register().connect(browser)
    HeldCredential.objects.create(
        earner=earner,
        credential_id="urn:uuid:outside-1",
        issuer_id="did:key:z6Mkoutside",
        issuer_name="Outside Academy",
        name="Outside badge",
        credential_json=json.dumps({"id": "urn:uuid:outside-1"}),
    )
    return tokens


def test_the_download_holds_what_connected_apps_put_there_and_the_apps(client, earner):
    _connected(earner)

    archive = _archive(client, earner)

    [held] = _json(archive, "held_credentials.json")
    assert held["issuer"] == "Outside Academy"
    assert json.loads(archive.read(held["credential"])) == {"id": "urn:uuid:outside-1"}
    [app] = _json(archive, "connected_apps.json")
    assert app["name"] == "Pocket Wallet"


def test_deleting_disconnects_every_app_and_deletes_what_they_put_there(client, earner):
    tokens = _connected(earner)

    erasure.erase_account(earner, by=earner, password=PASSWORD)

    assert not HeldCredential.objects.filter(earner=earner).exists()
    response = Client().get(
        "/ims/ob/v3p0/credentials", HTTP_AUTHORIZATION=f"Bearer {tokens['access_token']}"
    )
    assert response.status_code == 401

"""A list of people to invite, uploaded as a CSV file: read as spreadsheets save it, checked
in a dry run that changes nothing, then sent once; every row gets an answer."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from microcred.accounts import services as accounts
from microcred.accounts.models import Invitation, MembershipChange, Role
from microcred.accounts.tests.factories import MembershipFactory
from microcred.people import invitation_lists, services
from microcred.people.invitation_lists import ListProblem
from microcred.people.models import InvitationImport

pytestmark = pytest.mark.django_db

GOOD = (
    "e-mail,name,role\nana@example.org,Ana López,Educator\nsam@example.org,Sam Lee,district admin\n"
)


@pytest.fixture
def district_admin(district):
    return MembershipFactory(organization=district, role=Role.ORG_ADMIN).user


# --- reading the file --------------------------------------------------------------------


def test_utf8_with_or_without_a_byte_order_mark_is_read():
    for data in (GOOD.encode(), b"\xef\xbb\xbf" + GOOD.encode()):
        assert invitation_lists.read(data) == [
            [2, "ana@example.org", "Ana López", "Educator"],
            [3, "sam@example.org", "Sam Lee", "district admin"],
        ]


def test_semicolons_and_tabs_between_columns_are_read_too():
    for delimiter in (";", "\t"):
        rows = invitation_lists.read(GOOD.replace(",", delimiter).encode())
        assert rows[0][1:] == ["ana@example.org", "Ana López", "Educator"]


def test_columns_are_found_by_name_in_any_order_and_the_name_may_be_left_out():
    rows = invitation_lists.read(b"Role,E-mail Address\neducator,ana@example.org\n\n\n")
    assert rows == [[2, "ana@example.org", "", "educator"]]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (GOOD.encode("utf-16"), "The file is in UTF-16"),
        (GOOD.encode("latin-1"), "The file is not in UTF-8: line 2"),
        (b"", "The file is empty"),
        (b"\n \n", "The file is empty"),
        (b"e-mail,name,role\n", "lists nobody under them"),
        (b"PK\x03\x04\x14\x00\x06\x00", "spreadsheet workbook"),
        (b"%PDF-1.7\n", "This is not a CSV text file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "This is not a CSV text file"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_what_to_do(data, says):
    with pytest.raises(ListProblem, match=says) as refused:
        invitation_lists.read(data)
    if "UTF" in says or "not a CSV" in says or "workbook" in says:
        assert "CSV UTF-8" in str(refused.value)


def test_missing_columns_are_named():
    with pytest.raises(ListProblem, match="has no role column") as refused:
        invitation_lists.read(b"email,name\nana@example.org,Ana\n")
    assert "“email”, “name”" in str(refused.value)
    with pytest.raises(ListProblem, match="has no e-mail or role column"):
        invitation_lists.read(b"Lorem ipsum dolor sit amet.\nConsectetur.\n")


def test_more_rows_than_a_file_may_hold_are_refused_with_the_count():
    data = "email,role\n" + "".join(f"t{n}@example.org,educator\n" for n in range(100_000))

    with pytest.raises(ListProblem, match="lists 100,000 people; a file may list at most 10,000"):
        invitation_lists.read(data.encode())


def test_a_file_larger_than_the_limit_is_refused_before_reading_it():
    with pytest.raises(ListProblem, match="larger than 5 MB"):
        invitation_lists.read(b"email,role\n" + b"x" * invitation_lists.MAX_BYTES)


# --- the dry run and sending -------------------------------------------------------------


def _check(district, by, text):
    return services.check_list(district, by=by, data=text.encode(), filename="teachers.csv")


def test_the_dry_run_answers_every_row_and_changes_nothing(district, district_admin, earner):
    accounts.invite(district, by=district_admin, email="waiting@example.org", role=Role.EARNER)
    record = _check(
        district,
        district_admin,
        "email,name,role\n"
        "ana@example.org,Ana,EDUCATOR\n"
        f"{earner.email},Erin,educator\n"
        "waiting@example.org,Wes,educator\n"
        "not-an-address,Nobody,educator\n"
        "bo@example.org,Bo,principal\n"
        "cy@example.org,Cy,assessor\n"
        "ANA@example.org,Ana again,facilitator\n"
        "dee@example.org,Dee,\n",
    )
    before = (Invitation.objects.count(), MembershipChange.objects.count())

    rows = services.list_report(record, by=district_admin)

    assert [(row.line, row.label) for row in rows] == [
        (2, "Will be invited"),
        (3, "Already a member"),
        (4, "Already invited"),
        (5, "Bad e-mail"),
        (6, "Unknown role"),
        (7, "Role not allowed"),
        (8, "Duplicate in the file"),
        (9, "Unknown role"),
    ]
    assert rows[4].message == (
        "“principal” is not a role. Write one of: district admin, facilitator, educator."
    )
    assert rows[6].message == "Same e-mail as row 2; only row 2 counts."
    assert rows[7].message.startswith("No role given.")
    assert (Invitation.objects.count(), MembershipChange.objects.count()) == before
    assert len(mail.outbox) == 0


def test_sending_invites_the_good_rows_and_keeps_each_rows_answer(
    district, district_admin, django_capture_on_commit_callbacks
):
    record = _check(district, district_admin, GOOD + "bad,Bad,educator\n")

    with django_capture_on_commit_callbacks(execute=True):
        services.send_list(record, by=district_admin)

    record.refresh_from_db()
    assert record.status == InvitationImport.Status.SENT
    assert set(Invitation.objects.values_list("email", "role")) == {
        ("ana@example.org", Role.EARNER),
        ("sam@example.org", Role.ORG_ADMIN),
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "sam@example.org"]
    report = services.list_report(record, by=district_admin)
    assert [row.label for row in report] == ["Invited", "Invited", "Bad e-mail"]


def test_a_list_is_sent_only_once(district, district_admin):
    record = _check(district, district_admin, GOOD)
    services.send_list(record, by=district_admin)

    with pytest.raises(services.MembershipProblem, match="already been sent"):
        services.send_list(record, by=district_admin)
    assert Invitation.objects.count() == 2


def test_only_the_uploader_reads_or_sends_their_list(district, district_admin):
    other_admin = MembershipFactory(organization=district, role=Role.ORG_ADMIN).user
    record = _check(district, district_admin, GOOD)

    with pytest.raises(services.PermissionDenied):
        services.send_list(record, by=other_admin)
    assert not Invitation.objects.exists()


# --- the pages ---------------------------------------------------------------------------


def _upload(client, district, text: bytes, name="teachers.csv"):
    return client.post(
        reverse("people:list_upload", args=[district.slug]),
        {"file": SimpleUploadedFile(name, text, content_type="text/csv")},
    )


def test_upload_dry_run_and_confirmation_through_the_pages(
    client, district, district_admin, django_capture_on_commit_callbacks
):
    client.force_login(district_admin)
    response = _upload(client, district, (GOOD + "ana@example.org,Ana,educator\n").encode())
    record = InvitationImport.objects.get()
    assert response.url == reverse("people:list", args=[district.slug, record.pk])

    page = client.get(response.url)
    assert b"Check before sending" in page.content
    assert b"Send 2 invitations" in page.content
    assert "Row 4: Duplicate in the file" in page.content.decode()
    assert not Invitation.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(response.url, follow=True)
    assert b"2 invitations sent. 1 row skipped." in sent.content
    assert b"Invitations sent" in sent.content
    assert len(mail.outbox) == 2

    again = client.post(response.url)
    assert again.status_code == 409
    assert b"already been sent" in again.content

    report = client.get(reverse("people:list_csv", args=[district.slug, record.pk]))
    lines = report.content.decode().splitlines()
    assert lines[0] == "row,e-mail,name,role,result,detail"
    assert lines[3].startswith("4,ana@example.org,Ana,educator,Duplicate in the file")


def test_the_upload_page_states_the_format_and_limit(client, district, district_admin):
    client.force_login(district_admin)
    page = client.get(reverse("people:list_upload", args=[district.slug])).content.decode()
    assert "At most 10,000 people and 5 MB per file" in page
    assert "CSV UTF-8" in page
    assert "district admin, facilitator, educator" in page


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (GOOD.encode("utf-16"), "The file is in UTF-16"),
        (b"email,name\na@example.org,A\n", "The file has no role column"),
        (b"", "The submitted file is empty."),
    ],
)
def test_a_bad_file_is_answered_on_the_upload_page(client, district, district_admin, data, says):
    client.force_login(district_admin)
    response = _upload(client, district, data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not InvitationImport.objects.exists()


def test_someone_without_the_right_cannot_upload_or_open_a_list(
    client, district, district_admin, earner
):
    record = _check(district, district_admin, GOOD)
    client.force_login(earner)

    assert client.get(reverse("people:list_upload", args=[district.slug])).status_code == 403
    assert _upload(client, district, GOOD.encode()).status_code == 403
    assert client.post(reverse("people:list", args=[district.slug, record.pk])).status_code == 403
    assert not Invitation.objects.exists()

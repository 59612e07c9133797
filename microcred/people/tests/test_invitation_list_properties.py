"""Any file uploaded as a list of people is read, or refused with a reason: never an error
page. A list a spreadsheet saved is read back cell for cell, and its dry run answers every
row."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory
from microcred.people import invitation_lists, services
from microcred.people.invitation_lists import ListProblem

HEADER_NAMES = {"email": ["e-mail", "Email", "E-mail address"], "name": ["Name", "full name"]}
ROLE_TEXTS = ["Educator", "district admin", "teacher", "assessor", "", "Headteacher"]
# Cells as people type them: any printable text, quotes, delimiters and line breaks too.
cells = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from('\n\r\t,;"'), max_size=30
)


@pytest.fixture
def district_admin(district):
    return MembershipFactory(organization=district, role=Role.ORG_ADMIN).user


def read(data: bytes) -> tuple[list, str]:
    """The rows read, or the reason the file was refused."""
    try:
        return invitation_lists.read(data), ""
    except ListProblem as problem:
        return [], str(problem)


@given(data=st.binary(max_size=4096))
def test_any_bytes_are_read_or_refused_with_a_reason(data):
    rows, reason = read(data)

    assert bool(rows) != bool(reason.strip())
    assert all(len(row) == 4 and isinstance(row[0], int) for row in rows)


@given(text=st.text(max_size=2048))
def test_any_text_is_read_or_refused_with_a_reason(text):
    rows, reason = read(text.encode())

    assert bool(rows) != bool(reason.strip())


@st.composite
def saved_lists(draw):
    """A list as a spreadsheet saves it: the three columns in any order, any delimiter,
    optionally a byte-order mark, and rows of any cells."""
    order = draw(st.permutations(["email", "name", "role"]))
    header = [
        draw(st.sampled_from(HEADER_NAMES[c])) if c in HEADER_NAMES else "Role" for c in order
    ]
    people = draw(
        st.lists(
            st.fixed_dictionaries(
                {"email": cells, "name": cells, "role": cells | st.sampled_from(ROLE_TEXTS)}
            ),
            min_size=1,
            max_size=8,
        )
    )
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for person in people:
        writer.writerow([person[c] for c in order])
    data = out.getvalue().encode()
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return data, people


@given(saved=saved_lists())
def test_a_saved_list_is_read_back_cell_for_cell(saved):
    data, people = saved
    listed = [p for p in people if any(v.strip() for v in (p["email"], p["name"], p["role"]))]

    rows, reason = read(data)

    assert not reason or not listed, reason  # only a list of nobody is refused
    assert [row[1:] for row in rows] == [
        [p["email"].strip(), p["name"].strip()[:150], p["role"].strip()[:60]] for p in listed
    ]


@pytest.mark.django_db
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(saved=saved_lists())
def test_the_dry_run_of_any_list_answers_every_row(district, district_admin, saved):
    data, _people = saved
    try:
        record = services.check_list(district, by=district_admin, data=data, filename="list.csv")
    except ListProblem:
        return

    report = services.list_report(record, by=district_admin)

    assert [row.line for row in report] == [row[0] for row in record.rows]
    assert all(row.outcome and str(row.message).strip() for row in report)

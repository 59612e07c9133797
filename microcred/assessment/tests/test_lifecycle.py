"""Every move of an assignment goes through assessment.lifecycle and leaves an audit row;
every write of a lifecycle field anywhere in the code goes through its door."""

import ast
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from microcred.assessment import lifecycle
from microcred.assessment.models import Assignment, AssignmentChange, AssignmentStatus
from microcred.assessment.services import assign
from microcred.assessment.services import reviews as review_services

from . import test_reviews as reviews
from .test_reviews import reviewers, score

# The review tests' fixtures: an earner's submission in review with a pool of four.
enrollment, pool, in_review = reviews.enrollment, reviews.pool, reviews.in_review

pytestmark = pytest.mark.django_db


def history(assignment):
    return list(
        AssignmentChange.objects.filter(assignment=assignment).values_list(
            "event", "from_status", "to_status"
        )
    )


def test_an_offer_accepted_and_finished_leaves_its_history(in_review):
    first = reviewers(in_review)[0]
    review_services.accept(first, by=first.assessor.user)
    score(first, met=True)
    assert history(first) == [
        ("offer", "", "offered"),
        ("accept", "offered", "accepted"),
        ("complete", "accepted", "completed"),
    ]
    change = AssignmentChange.objects.filter(assignment=first, event="accept").get()
    assert change.actor == first.assessor.user
    first.refresh_from_db()
    assert first.accepted_at is not None
    assert first.closed_at is not None


def test_a_decision_closes_what_is_still_open_with_a_reason(in_review, pool):
    first, second = reviewers(in_review)
    taken = {first.assessor_id, second.assessor_id}
    spare = Assignment.objects.create(
        submission=in_review,
        assessor=next(p for p in pool if p.pk not in taken),
        label="C",
        respond_by=first.respond_by,
        due_on=first.due_on,
    )
    score(first, met=True)
    score(second, met=True)
    spare.refresh_from_db()
    assert spare.status == AssignmentStatus.REASSIGNED
    change = AssignmentChange.objects.get(assignment=spare)
    assert (change.event, change.from_status, change.actor) == ("close", "offered", None)
    assert change.reason == "the submission is decided"


def test_a_declined_offer_records_who_and_why(in_review):
    first = reviewers(in_review)[0]
    review_services.decline(first, by=first.assessor.user, reason="On leave this month")
    change = AssignmentChange.objects.filter(assignment=first).last()
    assert (change.event, change.to_status, change.reason) == (
        "decline",
        "declined",
        "On leave this month",
    )


def test_a_move_that_does_not_apply_changes_nothing(in_review):
    first = reviewers(in_review)[0]
    score(first, met=True)
    with pytest.raises(lifecycle.IllegalMove):
        lifecycle.move([first], lifecycle.Event.ACCEPT)
    first.refresh_from_db()
    assert first.status == AssignmentStatus.COMPLETED
    assert history(first)[-1][0] == "complete"


def test_the_audit_is_append_only(in_review):
    change = AssignmentChange.objects.first()
    with pytest.raises(ValidationError):
        change.save()
    with pytest.raises(ValidationError):
        change.delete()


def test_expired_offers_are_logged_by_the_sweep(in_review):
    from datetime import timedelta

    from django.utils import timezone

    first = reviewers(in_review)[0]
    assign.sweep(now=timezone.now() + timedelta(days=30))
    first.refresh_from_db()
    assert first.status == AssignmentStatus.EXPIRED
    assert ("expire", "offered", "expired") in history(first)


# --- the doors -----------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
# (keyword or attribute written, the enum its value comes from, the one module allowed)
DOORS = [
    ("status", "AssignmentStatus", ROOT / "assessment" / "lifecycle.py"),
    ("state", "State", ROOT / "submissions" / "workflow.py"),
    ("status", "EnrollmentStatus", ROOT / "backpack" / "services.py"),
]


def _writes(tree):
    """(line, field, enum) for every `.update(field=Enum.X)` and `obj.field = Enum.X`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "update":
            for keyword in node.keywords:
                yield node.lineno, keyword.arg, _enum(keyword.value)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute):
                    yield node.lineno, target.attr, _enum(node.value)


def _enum(value):
    if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
        return value.value.id
    return None


# An award's lifecycle is in several fields rather than one enum: issuing an award, and
# every write of one of them to the database (a query's update, or SQL setting it), goes
# through its door.
AWARD_FIELDS = {
    "signed_at",
    "credential_json",
    "credential_jwt",
    "revoked_at",
    "revocation_reason",
    "revoked_by",
    "is_public",
    "include_evidence",
}
AWARD_DOOR = ROOT / "credentials" / "issuing" / "lifecycle.py"
_WRITES = {"update", "create", "bulk_create", "get_or_create", "update_or_create"}


def _award_writes(tree):
    """(line, field) for every new award, every query on Award that updates a lifecycle
    field, and every SQL text that sets one."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in _WRITES - {"update"} and _rooted_at_award(node.func):
                yield node.lineno, "(a new award)"
            elif name == "update" and _rooted_at_award(node.func):
                for keyword in node.keywords:
                    if keyword.arg in AWARD_FIELDS or keyword.arg is None:
                        yield node.lineno, keyword.arg or "**fields"
            elif name == "insert_rows" and node.args and _is_award(node.args[0]):
                yield node.lineno, "every column"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.upper()
            if "SET " in text and any(f.upper() in text for f in AWARD_FIELDS):
                yield node.lineno, "SQL"


def _rooted_at_award(func) -> bool:
    node = func
    while isinstance(node, ast.Attribute | ast.Call):
        node = node.value if isinstance(node, ast.Attribute) else node.func
    return _is_award(node)


def _is_award(node) -> bool:
    return isinstance(node, ast.Name) and node.id == "Award"


def test_every_write_of_a_lifecycle_field_goes_through_its_door():
    strays = []
    for path in sorted(ROOT.rglob("*.py")):
        if {"tests", "migrations"} & set(path.parts):
            continue
        for line, field, enum in _writes(ast.parse(path.read_text())):
            for door_field, door_enum, door in DOORS:
                if (field, enum) == (door_field, door_enum) and path != door:
                    strays.append(f"{path.relative_to(ROOT.parent)}:{line} writes {field}")
        if path != AWARD_DOOR:
            for line, field in _award_writes(ast.parse(path.read_text())):
                strays.append(f"{path.relative_to(ROOT.parent)}:{line} writes award {field}")
    assert not strays, "Lifecycle fields written outside their door:\n" + "\n".join(strays)

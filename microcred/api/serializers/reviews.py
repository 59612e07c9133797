"""Assignments and reviews as an assessor's app sees them: exactly what the review pages
show, built from the same blind packet (`assessment.selectors.review_packet`). Nothing
here reads the earner: no name, e-mail, school or district, no file name the earner gave,
no other assessor's scores, and nothing that tells an anchor from an earner's work."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from microcred.assessment.models import AssignmentStatus, Purpose

# The statuses in which the review page serves the evidence files (its evidence view).
FILES_SERVED = (AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED, AssignmentStatus.COMPLETED)

# Bounds on what a review may carry: the review form keeps feedback to this length.
FEEDBACK_MAX = 10_000
CRITERIA_MAX = 500


def _absolute(context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


class AssignmentSerializer(serializers.Serializer):
    """One line of the assessor's queue, or of the reviews they finished."""

    id = serializers.IntegerField(source="pk")
    url = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=AssignmentStatus.choices)
    purpose = serializers.ChoiceField(
        choices=Purpose.choices,
        help_text="tie_break when the first reviewers disagreed and this review decides.",
    )
    assessor_label = serializers.CharField(
        source="label", help_text="The letter the earner knows this review by."
    )
    submission = serializers.CharField(source="submission.reference")
    title = serializers.CharField(source="submission.enrollment.version.title")
    version = serializers.IntegerField(source="submission.enrollment.version.number")
    offered_at = serializers.DateTimeField()
    respond_by = serializers.DateTimeField(help_text="When an offer not accepted expires.")
    accepted_at = serializers.DateTimeField(allow_null=True)
    due_on = serializers.DateField()
    closed_at = serializers.DateTimeField(allow_null=True)

    def get_url(self, assignment) -> str:
        return _absolute(self.context, reverse("api:assignment", args=[assignment.pk]))


class RubricCriterionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    met_description = serializers.CharField()


class PacketEvidenceSerializer(serializers.Serializer):
    """One piece of evidence: a file under a neutral name ("File 1 (PDF)"), a link, or
    text written into the form."""

    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    name = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True, help_text="The address, for a link.")
    size = serializers.IntegerField(help_text="Bytes, for a file.")
    download = serializers.SerializerMethodField(
        help_text=(
            "For a file: where its copy without identifying metadata is downloaded, while "
            "the assignment is offered, accepted or completed; null otherwise."
        )
    )

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download(self, item) -> str | None:
        assignment = self.context["assignment"]
        if item.kind != "file" or assignment.status not in FILES_SERVED:
            return None
        path = reverse("api:assignment_evidence", args=[assignment.pk, item.pk])
        return _absolute(self.context, path)


class PacketRequirementSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="requirement.pk")
    title = serializers.CharField(source="requirement.title")
    instructions = serializers.CharField(source="requirement.instructions")
    criteria = RubricCriterionSerializer(many=True)
    evidence = PacketEvidenceSerializer(many=True)


class CriterionScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion_id")
    met = serializers.BooleanField()
    feedback = serializers.CharField(allow_blank=True)


class AssessorReviewSerializer(serializers.Serializer):
    """The assessor's own review of an assignment."""

    assignment = serializers.IntegerField(source="assignment_id")
    submitted_at = serializers.DateTimeField()
    overall_comment = serializers.CharField()
    scores = CriterionScoreSerializer(many=True, source="scores.all")


class PacketCollaborationSerializer(serializers.Serializer):
    """What the earner declared about working with colleagues (never who they are)."""

    declared = serializers.BooleanField(source="collaborated")
    note = serializers.CharField(source="collaboration_note", allow_blank=True)


class AssignmentDetailSerializer(AssignmentSerializer):
    """An assignment with its blind review packet: the version's requirements, each with
    its rubric criteria and the evidence for it, and the assessor's own review once sent."""

    attempt = serializers.IntegerField(source="packet.attempt")
    collaboration = PacketCollaborationSerializer(source="packet")
    requirements = PacketRequirementSerializer(many=True, source="packet_requirements")
    review = AssessorReviewSerializer(source="packet.review", allow_null=True)


class Text(serializers.CharField):
    """Text that must be sent as a JSON string: a number or a list is refused rather than
    turned into words."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class DeclineAssignmentSerializer(serializers.Serializer):
    reason = Text(
        required=False, allow_blank=True, max_length=300, default="", trim_whitespace=True
    )


class CriterionScoreInputSerializer(serializers.Serializer):
    met = serializers.BooleanField(help_text="true for Met, false for Not met.")
    feedback = Text(
        required=False,
        allow_blank=True,
        max_length=FEEDBACK_MAX,
        default="",
        help_text="Required for Not met: what is missing.",
    )


@extend_schema_field(
    {
        "type": "object",
        "minProperties": 1,
        "maxProperties": CRITERIA_MAX,
        "additionalProperties": {
            "type": "object",
            "properties": {
                "met": {"type": "boolean", "description": "true for Met, false for Not met."},
                "feedback": {
                    "type": "string",
                    "maxLength": FEEDBACK_MAX,
                    "description": "Required for Not met: what is missing.",
                },
            },
            "required": ["met"],
        },
        "description": (
            "Each rubric criterion's id, written in digits as the key, with its score."
        ),
    }
)
class ScoresField(serializers.DictField):
    """Scores keyed by criterion id, as the review form names its fields."""


class AssessorReviewInputSerializer(serializers.Serializer):
    """A score for every rubric criterion of the submission's version, by criterion id,
    and an overall comment to the earner."""

    scores = ScoresField(child=CriterionScoreInputSerializer(), allow_empty=False)
    overall_comment = Text(max_length=FEEDBACK_MAX)

    def validate_scores(self, value: dict) -> dict[int, tuple[bool, str]]:
        if len(value) > CRITERIA_MAX:
            raise serializers.ValidationError(
                _("At most %(count)s criteria.") % {"count": CRITERIA_MAX}
            )
        scores: dict[int, tuple[bool, str]] = {}
        for key, score in value.items():
            if not (key.isascii() and key.isdigit() and 0 < len(key) <= 10):
                raise serializers.ValidationError(
                    _("%(key)s is not a criterion id.") % {"key": key[:20]}
                )
            scores[int(key)] = (score["met"], score["feedback"])
        return scores


def service_errors(errors: dict[str, list[str]]) -> dict:
    """The review service's errors (keyed as the review form names its fields) under the
    names of this body's fields."""
    named: dict = {}
    for key, messages in errors.items():
        if key.startswith("criterion-"):
            named.setdefault("scores", {})[key.removeprefix("criterion-")] = messages
        elif key == "__all__":
            named.setdefault("scores", {}).setdefault("non_field_errors", []).extend(messages)
        else:
            named[key] = messages
    return named

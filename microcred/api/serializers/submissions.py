"""Submissions as their earner sees them in the API: the attempt, its moves, its evidence
by requirement (names and sizes; files through their own download address), the fee,
and once decided the results and feedback the submission page shows, with assessors by
letter only."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from microcred.catalog.models import EvidenceType
from microcred.submissions.states import Event, State

from .backpack import AttemptRef, FeeSerializer, MicroCredentialRef, StrictText, absolute


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    requirement = serializers.IntegerField(source="requirement_id")
    kind = serializers.ChoiceField(choices=EvidenceType.choices)
    name = serializers.CharField(
        source="original_name", help_text="A file's name as uploaded; empty for other kinds."
    )
    content_type = serializers.CharField(help_text="A file's type, read from its content.")
    size = serializers.IntegerField(help_text="A file's size in bytes.")
    url = serializers.CharField(help_text="A link's address; empty for other kinds.")
    text = serializers.CharField(help_text="A written answer or reflection.")
    download_url = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    removed_at = serializers.DateTimeField(
        allow_null=True, help_text="When the file or text was removed under the retention rules."
    )

    def get_download_url(self, evidence) -> str | None:
        """The file's bytes, through the API, while it is kept."""
        if evidence.kind != EvidenceType.FILE or evidence.removed_at is not None:
            return None
        reference = self.context.get("reference") or evidence.submission.reference
        path = reverse("api:submission_evidence_file", args=[reference, evidence.pk])
        return absolute(self.context.get("request"), path)


class RequirementEvidence(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    instructions = serializers.CharField()
    evidence_types = serializers.ListField(child=serializers.CharField())
    min_words = serializers.IntegerField(allow_null=True)
    max_words = serializers.IntegerField(allow_null=True)
    evidence = EvidenceSerializer(many=True)
    missing = serializers.BooleanField(help_text="No evidence given for it yet.")
    problems = serializers.ListField(
        child=serializers.CharField(),
        help_text="Written answers whose length is not what the requirement asks.",
    )


class StateChangeSerializer(serializers.Serializer):
    event = serializers.ChoiceField(choices=Event.choices)
    from_state = serializers.ChoiceField(choices=State.choices)
    to_state = serializers.ChoiceField(choices=State.choices)
    at = serializers.DateTimeField()
    by_you = serializers.BooleanField(help_text="The earner made this move.")
    reason = serializers.CharField(help_text="The earner's own reason, when they gave one.")


class CollaboratorSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.CharField()
    contribution = serializers.CharField()


class CollaborationSerializer(serializers.Serializer):
    collaborated = serializers.BooleanField()
    note = serializers.CharField(source="collaboration_note")
    collaborators = CollaboratorSerializer(many=True, source="collaborators.all")


class JudgementSerializer(serializers.Serializer):
    assessor = serializers.CharField(source="label", help_text="A, B or C: never a name.")
    met = serializers.BooleanField()
    feedback = serializers.CharField()
    overruled = serializers.BooleanField()


class CriterionResultSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion.pk")
    name = serializers.CharField(source="criterion.name")
    requirement = serializers.IntegerField(source="criterion.requirement_id")
    met = serializers.BooleanField(allow_null=True)
    judgements = JudgementSerializer(many=True)


class CommentSerializer(serializers.Serializer):
    assessor = serializers.CharField(source="label")
    text = serializers.CharField()
    tie_break = serializers.BooleanField(help_text="This assessor decided a disagreement.")
    overruled = serializers.BooleanField()


class ResultsSerializer(serializers.Serializer):
    outcome = serializers.CharField(source="decision.outcome")
    decided_at = serializers.DateTimeField(source="decision.decided_at")
    tie_breaker = serializers.CharField(
        help_text="The letter of the assessor whose review decided a disagreement, or empty."
    )
    criteria = CriterionResultSerializer(many=True)
    comments = CommentSerializer(many=True)


class FeedbackToRevise(serializers.Serializer):
    attempt = serializers.IntegerField(help_text="The earlier attempt the feedback is from.")
    criteria = CriterionResultSerializer(many=True)


class SubmissionSerializer(serializers.Serializer):
    reference = serializers.CharField()
    url = serializers.SerializerMethodField()
    enrollment = serializers.IntegerField(source="enrollment_id")
    attempt = serializers.IntegerField()
    state = serializers.ChoiceField(choices=State.choices)
    micro_credential = serializers.SerializerMethodField()
    version = serializers.IntegerField(source="enrollment.version.number")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    due_on = serializers.DateField(allow_null=True, help_text="When a decision is due.")

    def get_url(self, submission) -> str:
        path = reverse("api:submission", args=[submission.reference])
        return absolute(self.context.get("request"), path)

    @extend_schema_field(MicroCredentialRef)
    def get_micro_credential(self, submission) -> dict:
        version = submission.enrollment.version
        mc = submission.enrollment.micro_credential
        return {
            "slug": mc.slug,
            "title": version.title,
            "issuer": mc.issuer.name,
            "url": absolute(self.context.get("request"), mc.get_absolute_url()),
        }


class SubmissionDetailSerializer(SubmissionSerializer):
    """The view builds `page`, a dict of what the submission page shows beside it."""

    can_edit = serializers.SerializerMethodField()
    can_submit = serializers.SerializerMethodField()
    can_withdraw = serializers.SerializerMethodField()
    requirements = serializers.SerializerMethodField()
    collaboration = serializers.SerializerMethodField()
    fee = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    attempts = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()
    feedback_to_revise = serializers.SerializerMethodField()

    def _page(self) -> dict:
        return self.context["page"]

    def get_can_edit(self, submission) -> bool:
        return self._page()["can_edit"]

    def get_can_submit(self, submission) -> bool:
        return self._page()["can_submit"]

    def get_can_withdraw(self, submission) -> bool:
        return self._page()["can_withdraw"]

    @extend_schema_field(RequirementEvidence(many=True))
    def get_requirements(self, submission) -> list:
        problems = self._page()["problems"]
        return [
            {
                "id": requirement.pk,
                "title": requirement.title,
                "instructions": requirement.instructions,
                "evidence_types": requirement.evidence_types,
                "min_words": requirement.min_words,
                "max_words": requirement.max_words,
                "evidence": EvidenceSerializer(evidence, many=True, context=self.context).data,
                "missing": not evidence,
                "problems": problems.get(requirement.pk, []),
            }
            for requirement, evidence in self._page()["requirements"]
        ]

    @extend_schema_field(CollaborationSerializer)
    def get_collaboration(self, submission) -> dict:
        return CollaborationSerializer(submission).data

    @extend_schema_field(FeeSerializer)
    def get_fee(self, submission) -> dict:
        return FeeSerializer(self._page()["fee"]).data

    @extend_schema_field(StateChangeSerializer(many=True))
    def get_history(self, submission) -> list:
        earner_id = submission.enrollment.earner_id
        return [
            {
                "event": change.event,
                "from_state": change.from_state,
                "to_state": change.to_state,
                "at": change.at,
                "by_you": change.actor_id == earner_id,
                # Others' reasons are the platform's and assessors' notes, not the earner's.
                "reason": change.reason if change.actor_id == earner_id else "",
            }
            for change in self._page()["history"]
        ]

    @extend_schema_field(AttemptRef(many=True))
    def get_attempts(self, submission) -> list:
        request = self.context.get("request")
        return [
            {
                "reference": attempt.reference,
                "attempt": attempt.attempt,
                "state": attempt.state,
                "url": absolute(request, reverse("api:submission", args=[attempt.reference])),
            }
            for attempt in self._page()["attempts"]
        ]

    @extend_schema_field(ResultsSerializer(allow_null=True))
    def get_results(self, submission) -> dict | None:
        results = self._page()["results"]
        return ResultsSerializer(results).data if results else None

    @extend_schema_field(FeedbackToRevise(allow_null=True))
    def get_feedback_to_revise(self, submission) -> dict | None:
        attempt, by_requirement = self._page()["feedback_to_revise"]
        if not attempt:
            return None
        criteria = [result for results in by_requirement.values() for result in results]
        return FeedbackToRevise({"attempt": attempt, "criteria": criteria}).data


class TextRequest(serializers.Serializer):
    text = StrictText(
        allow_blank=True,
        trim_whitespace=False,
        max_length=100_000,
        help_text="The answer; empty removes it.",
    )


class LinkRequest(serializers.Serializer):
    url = StrictText(max_length=1000, help_text="A full http or https address.")


class FileRequest(serializers.Serializer):
    file = serializers.FileField(help_text="The evidence file, checked by its content.")


class WithdrawRequest(serializers.Serializer):
    reason = StrictText(
        required=False, allow_blank=True, max_length=500, default="", help_text="Optional."
    )


class CollaboratorRequest(serializers.Serializer):
    name = StrictText(max_length=150, allow_blank=True, required=False, default="")
    email = StrictText(max_length=254, allow_blank=True, required=False, default="")
    contribution = StrictText(max_length=5000, allow_blank=True, required=False, default="")


class CollaborationRequest(serializers.Serializer):
    collaborated = serializers.BooleanField(help_text="Whether the earner worked with others.")
    note = StrictText(
        max_length=10_000,
        allow_blank=True,
        required=False,
        default="",
        help_text="How the work was divided; needed when `collaborated`.",
    )
    collaborators = CollaboratorRequest(
        many=True,
        required=False,
        default=list,
        max_length=50,
        help_text="Who the earner worked with; each needs a name or an e-mail address.",
    )

    def validate_collaborated(self, value):
        # JSON true or false only: "yes" or 1 is not an answer to this question.
        if not isinstance(self.initial_data.get("collaborated"), bool):
            raise serializers.ValidationError("Must be true or false.")
        return value

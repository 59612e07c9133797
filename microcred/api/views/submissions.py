"""The earner's submissions: starting an attempt, writing answers, adding links and files,
submitting and withdrawing, each through the submission services the pages call, and
reading the results and feedback the submission page shows. Only the earner sees their
submissions; anyone else's answers 404. A move the submission's state does not allow
answers 409 with the reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as NotAllowed
from django.core.exceptions import ValidationError as Refused
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from microcred import permissions
from microcred.backpack import selectors as backpack
from microcred.catalog.models import EvidenceType
from microcred.connect import scopes
from microcred.payments import selectors as fees
from microcred.submissions import selectors, services, workflow
from microcred.submissions.above import answers as above
from microcred.submissions.states import FINAL_STATES, OPEN_STATES, State

from ..conflicts import Conflict, answer
from ..errors import invalid
from ..idempotency import idempotent
from ..serializers.backpack import fee_of
from ..serializers.submissions import (
    CollaborationRequest,
    CollaborationSerializer,
    EvidenceSerializer,
    FileRequest,
    LinkRequest,
    SubmissionDetailSerializer,
    SubmissionSerializer,
    TextRequest,
    WithdrawRequest,
)

TEXT_KINDS = (EvidenceType.TEXT, EvidenceType.REFLECTION)
# Submission IDs are "MC-" and eight letters or digits; anything longer names nothing.
_REFERENCE_CHARS = 16
_CONFLICT = answer("The submission's state does not allow this; `detail` says why.")


def _own(request, reference: str):
    if len(reference) > _REFERENCE_CHARS or not reference.isprintable():
        raise Http404
    submission = selectors.submission_for_earner(reference, request.user)
    if submission is None:
        raise Http404
    return submission


def _requirement(submission, requirement_id: int):
    for requirement, _evidence in selectors.requirements_with_evidence(submission):
        if requirement.pk == requirement_id:
            return requirement
    raise Http404


def _evidence(submission, evidence_id: int):
    for item in submission.evidence.all():
        if item.pk == evidence_id:
            return item
    raise Http404


def _page(request, submission) -> dict:
    """What the submission page shows beside the submission, read the way it reads it."""
    user = request.user
    rows = selectors.requirements_with_evidence(submission)
    problems: dict[int, list[str]] = {}
    for requirement, evidence in rows:
        for item in evidence:
            if item.kind in TEXT_KINDS and (
                problem := selectors.words_problem(requirement, item.text)
            ):
                problems.setdefault(requirement.pk, []).append(problem)
    enrollment = submission.enrollment
    return {
        "can_edit": permissions.can_edit_submission(user, submission),
        "can_submit": permissions.can_submit(user, submission),
        "can_withdraw": permissions.can_withdraw(user, submission),
        "requirements": rows,
        "problems": problems,
        "fee": fee_of(enrollment, paid=fees.paid_payment(enrollment)),
        "history": list(submission.state_changes.all()),
        "attempts": selectors.attempts_of(submission),
        "results": above.results_for_earner(submission),
        "feedback_to_revise": (
            above.feedback_to_revise(submission) if submission.is_editable else (0, {})
        ),
    }


def _detail(request, reference: str, *, status_code=status.HTTP_200_OK, headers=None):
    submission = _own(request, reference)
    context = {"request": request, "page": _page(request, submission), "reference": reference}
    return Response(
        SubmissionDetailSerializer(submission, context=context).data,
        status=status_code,
        headers=headers,
    )


def _location(request, name: str, *args) -> dict:
    return {"Location": request.build_absolute_uri(reverse(name, args=args))}


class _SubmissionsQuery(serializers.Serializer):
    state = serializers.ChoiceField(choices=State.values, required=False)
    enrollment = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class Submissions(GenericAPIView):
    scope = scopes.SUBMISSIONS
    serializer_class = SubmissionSerializer

    def get_queryset(self):
        return selectors.submissions_of(self.request.user)

    @extend_schema(
        operation_id="listSubmissions",
        summary="My submissions",
        description="Every attempt of the token holder, newest first.",
        parameters=[
            OpenApiParameter(
                "state", OpenApiTypes.STR, enum=State.values, description="Only in this state."
            ),
            OpenApiParameter(
                "enrollment", OpenApiTypes.INT, description="Only the attempts of this enrollment."
            ),
        ],
        responses=SubmissionSerializer(many=True),
    )
    def get(self, request):
        query = _SubmissionsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = self.get_queryset()
        if state := query.validated_data.get("state"):
            found = found.filter(state=state)
        if enrollment := query.validated_data.get("enrollment"):
            found = found.filter(enrollment_id=enrollment)
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class StartAttempt(GenericAPIView):
    scope = scopes.SUBMISSIONS
    serializer_class = SubmissionDetailSerializer

    @extend_schema(
        operation_id="startSubmission",
        summary="Start preparing evidence",
        description=(
            "The enrollment's open attempt (200), or a new draft (201), as “Prepare evidence” "
            "does. A new attempt after one that was not met starts from its evidence. When "
            "every attempt is used, or the micro-credential is earned, the answer is 409."
        ),
        request=None,
        responses={
            201: SubmissionDetailSerializer,
            200: OpenApiResponse(SubmissionDetailSerializer, description="The open attempt."),
            **answer("No attempt left, or already earned."),
        },
    )
    @idempotent
    def post(self, request, pk: int):
        enrollment = backpack.enrollments_of(request.user).filter(pk=pk).first()
        if enrollment is None:
            raise Http404
        already = (
            selectors.submissions_of(request.user)
            .filter(enrollment=enrollment, state__in=OPEN_STATES)
            .exists()
        )
        try:
            submission = services.start_attempt(enrollment, by=request.user)
        except services.AttemptsExhausted as exc:
            raise Conflict(str(exc)) from exc
        return _detail(
            request,
            submission.reference,
            status_code=status.HTTP_200_OK if already else status.HTTP_201_CREATED,
            headers=_location(request, "api:submission", submission.reference),
        )


class Submission(GenericAPIView):
    scope = scopes.SUBMISSIONS
    serializer_class = SubmissionDetailSerializer

    @extend_schema(
        operation_id="getSubmission",
        summary="One of my submissions",
        description=(
            "The attempt with its state and every move it made, its evidence by requirement "
            "(files by name and size, with an address to download them), collaboration, the "
            "fee, and once decided the results: per criterion what each assessor (by letter "
            "only) judged and wrote. A draft after an attempt that was not met carries that "
            "attempt's feedback."
        ),
        responses=SubmissionDetailSerializer,
    )
    def get(self, request, reference: str):
        return _detail(request, reference)


class Answer(APIView):
    scope = scopes.SUBMISSIONS

    @extend_schema(
        operation_id="saveAnswer",
        summary="Write an answer or reflection",
        description=(
            "Saves the draft's written answer (`text`) or reflection for one requirement, "
            "replacing what was there, as the page's text box does. Empty text removes it "
            "(204). A draft may hold any length up to 100,000 characters; the requirement's "
            "word limits are checked on submitting, and the submission lists any answer "
            "outside them under its requirement's `problems`."
        ),
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(TEXT_KINDS))
        ],
        request=TextRequest,
        responses={
            200: EvidenceSerializer,
            204: OpenApiResponse(description="The answer was empty, so it was removed."),
            **_CONFLICT,
        },
    )
    def put(self, request, reference: str, requirement_id: int, kind: str):
        if kind not in TEXT_KINDS:
            raise Http404
        submission = _own(request, reference)
        requirement = _requirement(submission, requirement_id)
        body = TextRequest(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            evidence = services.save_text(
                submission,
                requirement,
                by=request.user,
                kind=kind,
                text=body.validated_data["text"],
            )
        except Refused as exc:
            raise invalid(exc, "text" if kind in requirement.evidence_types else "kind") from exc
        except workflow.IllegalTransition as exc:
            raise Conflict(str(exc)) from exc
        if evidence is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        context = {"request": request, "reference": reference}
        return Response(EvidenceSerializer(evidence, context=context).data)


class Links(GenericAPIView):
    scope = scopes.SUBMISSIONS
    serializer_class = EvidenceSerializer

    @extend_schema(
        operation_id="addLink",
        summary="Add a link as evidence",
        request=LinkRequest,
        responses={
            201: EvidenceSerializer,
            **_CONFLICT,
        },
    )
    @idempotent
    def post(self, request, reference: str, requirement_id: int):
        return _add_evidence(
            request, reference, requirement_id, LinkRequest, "url", services.add_link
        )


class Files(GenericAPIView):
    scope = scopes.SUBMISSIONS
    serializer_class = EvidenceSerializer
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="addFile",
        summary="Upload a file as evidence",
        description=(
            "multipart/form-data with one part, `file`. The file is checked by its content, "
            "as on the page: PDF, office documents, CSV, images, audio and video, up to the "
            "platform's size limit; a refused file answers 400 with the reason under `file`."
        ),
        request={"multipart/form-data": FileRequest},
        responses={
            201: EvidenceSerializer,
            **_CONFLICT,
        },
    )
    @idempotent
    def post(self, request, reference: str, requirement_id: int):
        return _add_evidence(
            request, reference, requirement_id, FileRequest, "file", services.add_file
        )


def _add_evidence(request, reference: str, requirement_id: int, body_class, field: str, add):
    """A link or a file added to a requirement of the caller's draft, through `add`, the
    service the page calls; what it refuses is named under `field`."""
    submission = _own(request, reference)
    requirement = _requirement(submission, requirement_id)
    body = body_class(data=request.data)
    body.is_valid(raise_exception=True)
    keyword = "url" if field == "url" else "upload"
    try:
        evidence = add(
            submission, requirement, by=request.user, **{keyword: body.validated_data[field]}
        )
    except Refused as exc:
        raise invalid(exc, field) from exc
    except workflow.IllegalTransition as exc:
        raise Conflict(str(exc)) from exc
    return Response(
        EvidenceSerializer(evidence, context={"request": request, "reference": reference}).data,
        status=status.HTTP_201_CREATED,
        headers=_location(request, "api:submission_evidence", reference, evidence.pk),
    )


class Evidence(GenericAPIView):
    scope = scopes.SUBMISSIONS
    serializer_class = EvidenceSerializer

    @extend_schema(operation_id="getEvidence", summary="One piece of evidence")
    def get(self, request, reference: str, evidence_id: int):
        evidence = _evidence(_own(request, reference), evidence_id)
        context = {"request": request, "reference": reference}
        return Response(EvidenceSerializer(evidence, context=context).data)

    @extend_schema(
        operation_id="removeEvidence",
        summary="Remove evidence from a draft",
        request=None,
        responses={204: OpenApiResponse(description="Removed."), **_CONFLICT},
    )
    def delete(self, request, reference: str, evidence_id: int):
        evidence = _evidence(_own(request, reference), evidence_id)
        try:
            services.remove_evidence(evidence, by=request.user)
        except workflow.IllegalTransition as exc:
            raise Conflict(str(exc)) from exc
        return Response(status=status.HTTP_204_NO_CONTENT)


class EvidenceFile(GenericAPIView):
    scope = scopes.SUBMISSIONS

    @extend_schema(
        operation_id="downloadEvidence",
        summary="Download an evidence file",
        description="The file as the earner uploaded it, under its own name, while it is kept.",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file."
            )
        },
    )
    def get(self, request, reference: str, evidence_id: int):
        evidence = _evidence(_own(request, reference), evidence_id)
        if evidence.kind != EvidenceType.FILE or evidence.removed_at is not None:
            raise Http404
        try:
            opened = evidence.file.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404 from None
        return FileResponse(
            opened,
            as_attachment=True,
            filename=evidence.original_name,
            content_type=evidence.content_type,
        )


class Submit(GenericAPIView):
    scope = scopes.SUBMISSIONS
    serializer_class = SubmissionDetailSerializer

    @extend_schema(
        operation_id="submitSubmission",
        summary="Submit a draft for review",
        description=(
            "Sends the draft to assessors, as the page's Submit button does. Refused with 409 "
            "and the reason when a requirement has no evidence, an answer is outside its word "
            "limits, the fee is not paid, or the submission is no longer a draft."
        ),
        request=None,
        responses={200: SubmissionDetailSerializer, **_CONFLICT},
    )
    def post(self, request, reference: str):
        submission = _own(request, reference)
        try:
            services.submit(submission, by=request.user)
        except (
            services.IncompleteEvidence,
            services.EvidenceOutOfLimits,
            services.FeeDue,
            workflow.IllegalTransition,
        ) as exc:
            raise Conflict(str(exc)) from exc
        return _detail(request, reference)


class Withdraw(GenericAPIView):
    scope = scopes.SUBMISSIONS
    serializer_class = SubmissionDetailSerializer

    @extend_schema(
        operation_id="withdrawSubmission",
        summary="Withdraw a submission",
        description=(
            "Takes the submission back until an assessor starts reviewing it, as the page "
            "does; a fee paid only for it is given back. After review has started, or once "
            "decided, the answer is 409."
        ),
        request=WithdrawRequest,
        responses={200: SubmissionDetailSerializer, **_CONFLICT},
    )
    def post(self, request, reference: str):
        submission = _own(request, reference)
        body = WithdrawRequest(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.withdraw(submission, by=request.user, reason=body.validated_data["reason"])
        except (NotAllowed, workflow.IllegalTransition) as exc:
            current = _own(request, reference)
            if current.state in FINAL_STATES:
                raise Conflict(
                    str(workflow.IllegalTransition(current.state, _("withdrawn")))
                ) from exc
            raise Conflict(
                _("Review has started; this submission can no longer be withdrawn.")
            ) from exc
        return _detail(request, reference)


class Collaboration(APIView):
    scope = scopes.SUBMISSIONS

    @extend_schema(
        operation_id="declareCollaboration",
        summary="Declare who the earner worked with",
        description=(
            "Replaces the draft's collaboration, as the page's collaboration form does: "
            "whether the earner worked with others, how the work was divided and each person "
            "(a name, an e-mail address or both; an address typed into the name is read as "
            "the e-mail). Declared people are never offered the review."
        ),
        request=CollaborationRequest,
        responses={200: CollaborationSerializer, **_CONFLICT},
    )
    def put(self, request, reference: str):
        submission = _own(request, reference)
        body = CollaborationRequest(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            services.declare_collaboration(
                submission,
                by=request.user,
                collaborated=data["collaborated"],
                note=data["note"],
                collaborators=data["collaborators"],
            )
        except Refused as exc:
            raise invalid(exc, "collaborators" if data["note"].strip() else "note") from exc
        except workflow.IllegalTransition as exc:
            raise Conflict(str(exc)) from exc
        return Response(CollaborationSerializer(_own(request, reference)).data)

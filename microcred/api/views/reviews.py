"""An assessor's assignments and reviews: the queue, one assignment with its blind packet
and evidence files, accepting or declining an offer, and sending the review. Each goes
through the assessment services the review pages call, and shows what those pages show
and nothing more: an assignment that is not the caller's does not exist (404)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from microcred import permissions
from microcred.assessment import selectors
from microcred.assessment.models import Assignment, AssignmentStatus, Review
from microcred.assessment.services import reviews
from microcred.assessment.views.evidence_files import cleaned_file
from microcred.connect import scopes
from microcred.submissions.models import Evidence

from .. import conflicts
from ..idempotency import idempotent
from ..serializers.reviews import (
    FILES_SERVED,
    AssessorReviewInputSerializer,
    AssessorReviewSerializer,
    AssignmentDetailSerializer,
    AssignmentSerializer,
    DeclineAssignmentSerializer,
    service_errors,
)

_CONFLICT = conflicts.answer(
    "The assignment's status does not allow this; `detail` says which it is."
)


def _mine(request, pk: int) -> Assignment:
    """The caller's assignment, asked of the same predicate the review pages ask; anyone
    else's, or one that does not exist, answers 404 alike."""
    if not 0 < pk < 2**31:
        raise Http404
    assignment = get_object_or_404(Assignment.objects.select_related("assessor"), pk=pk)
    if not permissions.can_review(request.user, assignment):
        raise Http404
    return assignment


def _detail(request, assignment: Assignment) -> dict:
    # Read again: accepting or declining has just moved it.
    current = Assignment.objects.select_related("submission__enrollment__version").get(
        pk=assignment.pk
    )
    packet = selectors.review_packet(current)
    current.packet = packet
    current.packet_requirements = [
        {"requirement": requirement, "criteria": criteria, "evidence": evidence}
        for requirement, criteria, evidence in packet.requirements
    ]
    context = {"request": request, "assignment": current}
    return AssignmentDetailSerializer(current, context=context).data


class _Filters(serializers.Serializer):
    status = serializers.ListField(
        child=serializers.ChoiceField(choices=AssignmentStatus.choices),
        required=False,
        default=list,
        max_length=len(AssignmentStatus.choices),
    )


class Assignments(generics.ListAPIView):
    scope = scopes.REVIEWS
    serializer_class = AssignmentSerializer

    def get_queryset(self):
        filters = _Filters(data={"status": self.request.query_params.getlist("status")})
        filters.is_valid(raise_exception=True)
        return selectors.assessor_assignments(
            self.request.user, statuses=filters.validated_data["status"]
        )

    @extend_schema(
        operation_id="listAssignments",
        summary="The assignments offered to me",
        description=(
            "Every review offered to the token's holder, soonest due first: offers to answer, "
            "reviews in hand and those finished. Submissions are anonymous: an assignment "
            "names the submission by its reference, never by who sent it."
        ),
        parameters=[
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=list(AssignmentStatus.values),
                many=True,
                explode=True,
                description="Only assignments in these statuses (repeat for several).",
            )
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AssignmentDetail(APIView):
    scope = scopes.REVIEWS

    @extend_schema(
        operation_id="getAssignment",
        summary="One of my assignments, with its blind review packet",
        description=(
            "The micro-credential version's requirements, each with its rubric criteria and "
            "the evidence for it (files by a neutral name, with the address of a copy "
            "without identifying metadata), the due date, and my own review once sent."
        ),
        responses=AssignmentDetailSerializer,
    )
    def get(self, request, pk: int):
        return Response(_detail(request, _mine(request, pk)))


class Accept(APIView):
    scope = scopes.REVIEWS

    @extend_schema(
        operation_id="acceptAssignment",
        summary="Accept an offer",
        request=None,
        responses={200: AssignmentDetailSerializer, **_CONFLICT},
    )
    def post(self, request, pk: int):
        assignment = _mine(request, pk)
        try:
            reviews.accept(assignment, by=request.user)
        except reviews.ReviewClosed as exc:
            raise conflicts.Conflict(str(exc)) from None
        return Response(_detail(request, assignment))


class Decline(APIView):
    scope = scopes.REVIEWS

    @extend_schema(
        operation_id="declineAssignment",
        summary="Decline an offer, or hand back a review in hand",
        description="It is offered to another assessor.",
        request=DeclineAssignmentSerializer,
        responses={200: AssignmentDetailSerializer, **_CONFLICT},
    )
    def post(self, request, pk: int):
        assignment = _mine(request, pk)
        body = DeclineAssignmentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            reviews.decline(assignment, by=request.user, reason=body.validated_data["reason"])
        except reviews.ReviewClosed as exc:
            raise conflicts.Conflict(str(exc)) from None
        return Response(_detail(request, assignment))


class AssignmentReview(APIView):
    scope = scopes.REVIEWS

    @extend_schema(
        operation_id="getReview",
        summary="My review of an assignment",
        responses=AssessorReviewSerializer,
    )
    def get(self, request, pk: int):
        assignment = _mine(request, pk)
        review = get_object_or_404(
            Review.objects.prefetch_related("scores"),
            assignment=assignment,
            assignment__status=AssignmentStatus.COMPLETED,
        )
        return Response(AssessorReviewSerializer(review).data)

    @extend_schema(
        operation_id="sendReview",
        summary="Send my review",
        description=(
            "Every rubric criterion of the submission's version Met or Not met (feedback is "
            "required for Not met), and an overall comment to the earner; an offer may be "
            "scored without accepting it first. Send an `Idempotency-Key` to make retrying "
            "safe."
        ),
        request=AssessorReviewInputSerializer,
        responses={201: AssessorReviewSerializer, **_CONFLICT},
    )
    @idempotent
    def post(self, request, pk: int):
        assignment = _mine(request, pk)
        body = AssessorReviewInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            review = reviews.record_review(
                assignment,
                by=request.user,
                scores=body.validated_data["scores"],
                overall_comment=body.validated_data["overall_comment"],
            )
        except ModelValidationError as exc:
            raise exceptions.ValidationError(service_errors(exc.message_dict)) from None
        except reviews.ReviewClosed as exc:
            raise conflicts.Conflict(str(exc)) from None
        review = Review.objects.prefetch_related("scores").get(pk=review.pk)
        return Response(
            AssessorReviewSerializer(review).data,
            status=201,
            headers={"Location": reverse("api:assignment_review", args=[assignment.pk])},
        )


class EvidenceFile(APIView):
    scope = scopes.REVIEWS

    @extend_schema(
        operation_id="getEvidenceFile",
        summary="An evidence file, without identifying metadata",
        description=(
            "The copy the review page serves: EXIF, PDF and Office metadata removed, under a "
            "neutral name. Served while the assignment is offered, accepted or completed."
        ),
        responses={
            (200, "*/*"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, in its own content type."
            )
        },
    )
    def get(self, request, pk: int, evidence_id: int):
        assignment = _mine(request, pk)
        if assignment.status not in FILES_SERVED:
            raise exceptions.PermissionDenied(
                _("The evidence of a review that is %(status)s is no longer served.")
                % {"status": assignment.get_status_display().lower()}
            )
        if not 0 < evidence_id < 2**31:
            raise Http404
        evidence = get_object_or_404(
            Evidence,
            pk=evidence_id,
            submission_id=assignment.submission_id,
            kind="file",
            removed_at__isnull=True,
        )
        return cleaned_file(evidence, f"evidence-{assignment.label}-{evidence.pk}")

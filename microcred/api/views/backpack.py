"""The earner's backpack: what they have enrolled in, and enrolling in a published
micro-credential through the same service and rules as the catalog page's button. A token
from a person's app speaks for that person; nobody sees another's enrollments."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from microcred.backpack import selectors as backpack
from microcred.backpack import services
from microcred.backpack.models import EnrollmentStatus
from microcred.catalog import selectors as catalog
from microcred.connect import scopes
from microcred.credentials import selectors as credentials
from microcred.payments import selectors as fees

from ..conflicts import Conflict, answer
from ..idempotency import idempotent
from ..serializers.backpack import EnrollmentSerializer, EnrollRequest


class _StatusQuery(serializers.Serializer):
    status = serializers.ChoiceField(choices=EnrollmentStatus.values, required=False)


def _enrollments(user):
    return backpack.enrollments_of(user).prefetch_related(fees.paid_payments_prefetch())


def _with_awards(enrollments, user) -> list:
    """Each enrollment with its award, if earned: one query for the whole page."""
    awards = credentials.earned_awards_index(user).by_micro_credential
    for enrollment in enrollments:
        enrollment.award = awards.get(enrollment.micro_credential_id)
    return enrollments


def _own_enrollment(user, pk: int):
    found = _enrollments(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return _with_awards([found], user)[0]


class Enrollments(GenericAPIView):
    scope = scopes.BACKPACK
    serializer_class = EnrollmentSerializer

    def get_queryset(self):
        return _enrollments(self.request.user)

    @extend_schema(
        operation_id="listEnrollments",
        summary="My backpack",
        description=(
            "The micro-credentials in the token holder's backpack, newest first, each with "
            "the version they started, its status, the fee, the latest attempt and the award "
            "once earned."
        ),
        parameters=[
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=EnrollmentStatus.values,
                description="Only enrollments with this status.",
            )
        ],
        responses=EnrollmentSerializer(many=True),
    )
    def get(self, request):
        query = _StatusQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        enrollments = self.get_queryset()
        if wanted := query.validated_data.get("status"):
            enrollments = enrollments.filter(status=wanted)
        page = self.paginate_queryset(enrollments)
        serializer = self.get_serializer(_with_awards(page, request.user), many=True)
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        operation_id="enroll",
        summary="Enroll in a micro-credential",
        description=(
            "Puts a published micro-credential in the backpack, pinned to its current "
            "version, as the catalog page's “Earn this micro-credential” does; optionally in "
            "one of its facilitated cohorts. Enrolling again in one already there changes "
            "nothing and answers 200 with the enrollment; a new one answers 201. A retired "
            "micro-credential, or a cohort that is closed or full, answers 409. Send an "
            "`Idempotency-Key` to make a retry safe."
        ),
        request=EnrollRequest,
        responses={
            201: EnrollmentSerializer,
            200: OpenApiResponse(EnrollmentSerializer, description="Already in the backpack."),
            **answer("Not open to new earners, or the cohort is not."),
        },
    )
    @idempotent
    def post(self, request):
        body = EnrollRequest(data=request.data)
        body.is_valid(raise_exception=True)
        slug = body.validated_data["micro_credential"]
        mc = catalog.micro_credential_for_page(slug)
        if mc is None:
            raise exceptions.ValidationError(
                {"micro_credential": ["There is no micro-credential with this name."]}
            )
        cohort = None
        if (cohort_id := body.validated_data.get("cohort")) is not None:
            cohort = mc.cohorts.filter(pk=cohort_id).first()
            if cohort is None:
                raise exceptions.ValidationError(
                    {"cohort": ["This micro-credential has no cohort with this id."]}
                )
        already = _enrollments(request.user).filter(micro_credential=mc).exists()
        try:
            enrollment = services.enroll(mc, by=request.user, cohort=cohort)
        except services.NotAvailable as exc:
            raise Conflict(str(exc)) from exc
        found = _own_enrollment(request.user, enrollment.pk)
        answer = self.get_serializer(found).data
        location = reverse("api:enrollment", args=[enrollment.pk])
        return Response(
            answer,
            status=status.HTTP_200_OK if already else status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(location)},
        )


class Enrollment(GenericAPIView):
    scope = scopes.BACKPACK
    serializer_class = EnrollmentSerializer

    @extend_schema(
        operation_id="getEnrollment",
        summary="One enrollment in my backpack",
        responses=EnrollmentSerializer,
    )
    def get(self, request, pk: int):
        return Response(self.get_serializer(_own_enrollment(request.user, pk)).data)

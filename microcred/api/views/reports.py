"""Reports of districts and state agencies, for their admins (or their own system holding
the admin role): the organizations the caller reports on, counts of educators, awards and
credit by school or district (nobody named, small groups without figures, as on the
educators page), and one educator's transcript, read only under an opening of their record
made with a reason, which is kept for the organization's admins to read (`RecordOpening`).

An organization the caller does not report on answers 404, as does a person who is not
one of its educators."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.connect import scopes
from microcred.reports import selectors, services
from microcred.reports.forms import RangeForm

from ..idempotency import idempotent
from ..serializers.reports import (
    EducatorCountsSerializer,
    NewRecordOpeningSerializer,
    RecordOpeningSerializer,
    ReportOrganizationSerializer,
    TranscriptSerializer,
)


class _Range(serializers.Serializer):
    """Both days included; five years to today unless asked, as the report pages."""

    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, attrs):
        defaults = RangeForm().initial
        attrs.setdefault("end", defaults["end"])
        attrs.setdefault("start", defaults["start"])
        try:
            services.check_range(attrs["start"], attrs["end"])
        except services.InvalidRange as exc:
            raise exceptions.ValidationError({"end": [str(exc)]}) from exc
        return attrs


class _TranscriptQuery(_Range):
    opening = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text="The id of the caller's opening of the record."
    )


_RANGE = [
    OpenApiParameter("start", OpenApiTypes.DATE, description="The first day (five years ago)."),
    OpenApiParameter("end", OpenApiTypes.DATE, description="The last day, included (today)."),
]
_SLUG = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="The district's or state's."
)


def _reported_on(request, slug: str) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if not permissions.can_view_educators(request.user, organization):
        raise Http404
    return organization


class Organizations(GenericAPIView):
    scope = scopes.REPORTS
    serializer_class = ReportOrganizationSerializer

    @extend_schema(
        operation_id="listReportOrganizations",
        summary="The districts and states the caller reports on",
        responses=ReportOrganizationSerializer(many=True),
    )
    def get(self, request):
        page = self.paginate_queryset(selectors.administered_organizations(request.user))
        return self.get_paginated_response(
            ReportOrganizationSerializer(page, many=True, context={"request": request}).data
        )


class Educators(GenericAPIView):
    scope = scopes.REPORTS
    serializer_class = EducatorCountsSerializer

    @extend_schema(
        operation_id="getEducatorCounts",
        summary="Educators, awards and credit by school or district",
        description=(
            "A state's counts by district, a district's by school, and the total, for awards "
            "from `start` to `end`. A group of fewer than `small_group` educators gives no "
            "figures (`suppressed`), so that nobody can be picked out. Credit is summed per "
            "approving authority and unit, never across units."
        ),
        parameters=[_SLUG, *_RANGE],
        responses=EducatorCountsSerializer,
    )
    def get(self, request, slug: str):
        organization = _reported_on(request, slug)
        asked = _Range(data=request.query_params.dict())
        asked.is_valid(raise_exception=True)
        overview = services.overview(organization, by=request.user, **asked.validated_data)
        return Response(EducatorCountsSerializer(overview).data)


class RecordOpenings(GenericAPIView):
    scope = scopes.REPORTS
    serializer_class = RecordOpeningSerializer

    @extend_schema(
        operation_id="listRecordOpenings",
        summary="Who opened which educator's record, when and why",
        description="Every opening of an educator's record in the organization, newest first.",
        parameters=[_SLUG],
        responses=RecordOpeningSerializer(many=True),
    )
    def get(self, request, slug: str):
        organization = _reported_on(request, slug)
        found = services.openings(organization, by=request.user).select_related("organization")
        page = self.paginate_queryset(found)
        return self.get_paginated_response(
            RecordOpeningSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        operation_id="openEducatorRecord",
        summary="Open one educator's record, saying why",
        description=(
            "Finds the educator by e-mail address among the organization's educators and keeps "
            "the opening (who, whom, when, why) for its admins to read. For an hour the opening "
            "lets its admin pull the educator's transcript (`transcript_url`); then they open "
            "it again. An address that is not an educator's is refused under `email`."
        ),
        parameters=[_SLUG],
        request=NewRecordOpeningSerializer,
        responses={201: RecordOpeningSerializer},
    )
    @idempotent
    def post(self, request, slug: str):
        organization = _reported_on(request, slug)
        asked = NewRecordOpeningSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        try:
            opening = services.open_record(organization, by=request.user, **asked.validated_data)
        except services.RecordProblem as exc:
            raise exceptions.ValidationError({"email": [str(exc)]}) from exc
        body = RecordOpeningSerializer(opening, context={"request": request}).data
        return Response(
            body, status=status.HTTP_201_CREATED, headers={"Location": body["transcript_url"]}
        )


class Transcript(GenericAPIView):
    scope = scopes.REPORTS
    serializer_class = TranscriptSerializer

    @extend_schema(
        operation_id="getEducatorTranscript",
        summary="One educator's transcript, under an opening of their record",
        description=(
            "The educator's awards from `start` to `end` with their credit and totals, as the "
            "transcript page shows them. `opening` is the caller's own opening of this record "
            "(POST record-openings), made within the hour; without one the answer is 403."
        ),
        parameters=[
            _SLUG,
            OpenApiParameter("user_id", OpenApiTypes.INT, OpenApiParameter.PATH),
            OpenApiParameter("opening", OpenApiTypes.INT, required=True),
            *_RANGE,
        ],
        responses=TranscriptSerializer,
    )
    def get(self, request, slug: str, user_id: int):
        organization = _reported_on(request, slug)
        educator = get_user_model().objects.filter(pk=user_id).first()
        if educator is None or not permissions.can_pull_transcript(
            request.user, educator, organization
        ):
            raise Http404
        asked = _TranscriptQuery(data=request.query_params.dict())
        asked.is_valid(raise_exception=True)
        query = asked.validated_data
        opening = services.current_opening(
            organization, by=request.user, educator=educator, opening_id=query["opening"]
        )
        if opening is None:
            raise exceptions.PermissionDenied(
                _(
                    "Open this educator's record first, with the reason you need it (%(url)s); "
                    "an opening lasts an hour."
                )
                % {"url": reverse("api:record_openings", args=[organization.slug])}
            )
        transcript = services.transcript(
            educator,
            by=request.user,
            start=query["start"],
            end=query["end"],
            organization=organization,
        )
        return Response(TranscriptSerializer(transcript).data)

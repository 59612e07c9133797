"""Facilitated cohorts: those the caller reads (as their facilitator, or as an admin of
the issuer), one cohort with its earners and deadlines, making and changing a cohort as
the issuer's cohort page does, and setting its deadlines as the cohort's page does.

A cohort the caller may not read answers 404 (it names its earners); one they read but
may not change answers 403."""

from __future__ import annotations

from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from microcred import permissions
from microcred.accounts import selectors as accounts
from microcred.accounts.models import Role
from microcred.catalog import services as catalog
from microcred.catalog.models import Cohort, MicroCredential, VersionStatus
from microcred.coaching import selectors as coaching
from microcred.coaching import services as coaching_services
from microcred.coaching.models import DeadlineKind
from microcred.connect import scopes

from .. import conflicts
from ..errors import invalid
from ..idempotency import idempotent
from ..serializers.cohorts import (
    CohortChangeSerializer,
    CohortDeadlineChangeSerializer,
    CohortDeadlineSerializer,
    CohortDetailSerializer,
    CohortSerializer,
    NewCohortSerializer,
)

_COHORT_ID = OpenApiParameter("cohort_id", OpenApiTypes.INT, OpenApiParameter.PATH)


def _readable(request, cohort_id: int) -> Cohort:
    cohort = (
        Cohort.objects.select_related("micro_credential__issuer", "facilitator")
        .filter(pk=cohort_id)
        .first()
    )
    if cohort is None or not permissions.can_read_cohort(request.user, cohort):
        raise Http404
    return cohort


def _facilitator(issuer, email: str | None, *, current=None):
    """The issuer's facilitator with this address; the cohort's current one stays
    choosable, so that one whose role ended is refused by the service with its reason."""
    if email is None:
        return None
    if current is not None and current.email.lower() == email.lower():
        return current
    found = (
        accounts.holders(issuer.pk, [Role.FACILITATOR]).filter(email__iexact=email.strip()).first()
    )
    if found is None:
        raise exceptions.ValidationError(
            {
                "facilitator": [
                    _("No facilitator of %(issuer)s has the e-mail address %(email)s.")
                    % {"issuer": issuer.name, "email": email}
                ]
            }
        )
    return found


def _detail(request, cohort: Cohort) -> dict:
    cohort.members = coaching.roster(cohort)
    cohort.earner_count = len(cohort.members)
    cohort.deadline_list = coaching.deadlines(cohort)
    return CohortDetailSerializer(cohort, context={"request": request}).data


class Cohorts(GenericAPIView):
    scope = scopes.COHORTS
    serializer_class = CohortSerializer

    @extend_schema(
        operation_id="listCohorts",
        summary="The cohorts the caller reads",
        description=(
            "The cohorts the caller facilitates and those of the issuers whose admin they "
            "are, latest start first, with how many earners each has."
        ),
        parameters=[
            OpenApiParameter(
                "micro_credential", OpenApiTypes.STR, description="A micro-credential's short name."
            ),
            OpenApiParameter("issuer", OpenApiTypes.STR, description="An issuer's short name."),
        ],
        responses=CohortSerializer(many=True),
    )
    def get(self, request):
        cohorts = coaching.readable_cohorts(request.user)
        if (slug := request.query_params.get("micro_credential")) is not None:
            cohorts = [c for c in cohorts if c.micro_credential.slug == slug]
        if (slug := request.query_params.get("issuer")) is not None:
            cohorts = [c for c in cohorts if c.micro_credential.issuer.slug == slug]
        page = self.paginate_queryset(cohorts)
        return self.get_paginated_response(
            CohortSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        operation_id="createCohort",
        summary="Make a cohort of one of the issuer's micro-credentials",
        description=(
            "For an admin of the micro-credential's issuer. The facilitator, if named, is one "
            "of the issuer's facilitators, by e-mail address."
        ),
        request=NewCohortSerializer,
        responses={201: CohortDetailSerializer},
    )
    @idempotent
    def post(self, request):
        asked = NewCohortSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        fields = dict(asked.validated_data)
        micro_credential = (
            MicroCredential.objects.select_related("issuer", "current_version")
            .filter(slug=fields.pop("micro_credential"))
            .first()
        )
        if micro_credential is None or not (
            permissions.can_author(request.user, micro_credential.issuer)
            or _is_public(micro_credential)
        ):
            raise exceptions.ValidationError(
                {"micro_credential": [_("No micro-credential has this short name.")]}
            )
        if not permissions.can_author(request.user, micro_credential.issuer):
            raise exceptions.PermissionDenied(
                _("Only the admins of %(issuer)s make its cohorts.")
                % {"issuer": micro_credential.issuer.name}
            )
        fields["facilitator"] = _facilitator(micro_credential.issuer, fields["facilitator"])
        try:
            cohort = catalog.create_cohort(micro_credential, by=request.user, **fields)
        except ModelValidationError as exc:
            raise invalid(exc) from exc
        location = request.build_absolute_uri(reverse("api:cohort", args=[cohort.pk]))
        return Response(
            _detail(request, _readable(request, cohort.pk)),
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


def _is_public(micro_credential: MicroCredential) -> bool:
    version = micro_credential.current_version
    return version is not None and version.status == VersionStatus.PUBLISHED


class CohortDetail(GenericAPIView):
    scope = scopes.COHORTS
    serializer_class = CohortDetailSerializer

    @extend_schema(
        operation_id="getCohort",
        summary="One cohort with its earners and deadlines",
        description=(
            "Each earner with their latest attempt (its reference and state), the evidence "
            "it holds and the coaching comments on it, as the cohort's page lists them."
        ),
        parameters=[_COHORT_ID],
        responses=CohortDetailSerializer,
    )
    def get(self, request, cohort_id: int):
        return Response(_detail(request, _readable(request, cohort_id)))

    @extend_schema(
        operation_id="updateCohort",
        summary="Change a cohort's dates, places, facilitator or words",
        description=(
            "For an admin of the issuer. Fields left out stay as they are. A change that "
            "would strand the earners already in the cohort (fewer places than earners, an "
            "end in the past while drafts are open, a deadline outside the dates) is refused "
            "beside the field it concerns. Earners are told of new dates."
        ),
        parameters=[_COHORT_ID],
        request=CohortChangeSerializer,
        responses=CohortDetailSerializer,
    )
    def patch(self, request, cohort_id: int):
        cohort = _readable(request, cohort_id)
        if not permissions.can_manage_cohort(request.user, cohort):
            raise exceptions.PermissionDenied(
                _("Only the admins of %(issuer)s change its cohorts.")
                % {"issuer": cohort.micro_credential.issuer.name}
            )
        asked = CohortChangeSerializer(data=request.data, partial=True)
        asked.is_valid(raise_exception=True)
        changes = dict(asked.validated_data)
        if "facilitator" in changes:
            changes["facilitator"] = _facilitator(
                cohort.micro_credential.issuer, changes["facilitator"], current=cohort.facilitator
            )
        try:
            catalog.update_cohort(cohort, by=request.user, **changes)
        except ModelValidationError as exc:
            raise invalid(exc) from exc
        return Response(_detail(request, _readable(request, cohort.pk)))


class Deadline(APIView):
    scope = scopes.COHORTS

    def _cohort_and_kind(self, request, cohort_id: int, kind: str) -> Cohort:
        cohort = _readable(request, cohort_id)
        if kind not in DeadlineKind.values:
            raise exceptions.NotFound(
                _("A cohort's deadlines are %(kinds)s.") % {"kinds": ", ".join(DeadlineKind.values)}
            )
        return cohort

    _PARAMETERS = [
        _COHORT_ID,
        OpenApiParameter(
            "kind", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(DeadlineKind.values)
        ),
    ]

    @extend_schema(
        operation_id="getCohortDeadline",
        summary="One of a cohort's deadlines",
        parameters=_PARAMETERS,
        responses=CohortDeadlineSerializer,
    )
    def get(self, request, cohort_id: int, kind: str):
        cohort = self._cohort_and_kind(request, cohort_id, kind)
        found = next((d for d in coaching.deadlines(cohort) if d.kind == kind), None)
        if found is None:
            raise exceptions.NotFound(_("This cohort has no such deadline yet."))
        return Response(CohortDeadlineSerializer(found).data)

    @extend_schema(
        operation_id="setCohortDeadline",
        summary="Set or move a cohort's first-draft or submission deadline",
        description=(
            "For the cohort's facilitator and the issuer's admins, until the cohort ends (then "
            "409). The date is today or later, on or before the cohort's end; the first draft "
            "is due on or before submission. Earners who have not yet done what it asks are "
            "reminded three days before. 201 when the deadline is new, 200 when it moved."
        ),
        parameters=_PARAMETERS,
        request=CohortDeadlineChangeSerializer,
        responses={
            200: CohortDeadlineSerializer,
            201: CohortDeadlineSerializer,
            **conflicts.answer("The cohort has ended; its deadlines no longer change."),
        },
    )
    def put(self, request, cohort_id: int, kind: str):
        cohort = self._cohort_and_kind(request, cohort_id, kind)
        asked = CohortDeadlineChangeSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        existed = any(d.kind == kind for d in coaching.deadlines(cohort))
        try:
            deadline = coaching_services.set_deadline(
                cohort, by=request.user, kind=kind, **asked.validated_data
            )
        except ModelValidationError as exc:
            if hasattr(exc, "error_dict"):
                raise invalid(exc) from exc
            raise conflicts.Conflict(" ".join(exc.messages)) from exc
        body = CohortDeadlineSerializer(deadline).data
        if existed:
            return Response(body)
        location = reverse("api:cohort_deadline", args=[cohort.pk, kind])
        return Response(
            body,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(location)},
        )

"""An issuer's awards: the list with its filters, one award with the addresses of its
signed credential, and revocation through the award's one door. For an issuer's admins
and the issuer's own systems (scope `awards`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as NotAllowed
from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from microcred import permissions
from microcred.catalog.models import Cohort
from microcred.connect import scopes
from microcred.credentials import selectors
from microcred.credentials.issuing import services
from microcred.credentials.models import Award

from .. import conflicts
from ..conflicts import Conflict
from ..idempotency import idempotent
from ..serializers.awards import (
    AwardRevocationSerializer,
    CohortIssuanceSerializer,
    IssuedAwardDetailSerializer,
    IssuedAwardSerializer,
)


class _Filters(serializers.Serializer):
    micro_credential = serializers.SlugField(max_length=120, required=False, default="")
    earner = serializers.CharField(max_length=254, required=False, default="")
    issued_after = serializers.DateTimeField(required=False, default=None)
    issued_before = serializers.DateTimeField(required=False, default=None)
    revoked = serializers.BooleanField(required=False, allow_null=True, default=None)


_FILTERS = [
    OpenApiParameter(
        "micro_credential", OpenApiTypes.STR, description="A micro-credential's short name."
    ),
    OpenApiParameter("earner", OpenApiTypes.STR, description="The earner's e-mail address."),
    OpenApiParameter(
        "issued_after", OpenApiTypes.DATETIME, description="Awarded at or after (RFC 3339)."
    ),
    OpenApiParameter(
        "issued_before", OpenApiTypes.DATETIME, description="Awarded before (RFC 3339)."
    ),
    OpenApiParameter(
        "revoked", OpenApiTypes.BOOL, description="true: revoked only; false: standing only."
    ),
]


class Awards(ListAPIView):
    scope = scopes.AWARDS
    serializer_class = IssuedAwardSerializer

    @extend_schema(
        operation_id="listAwards",
        summary="The awards of the issuers I administer",
        description=(
            "Newest first, a page at a time, from every issuer whose credentials the caller "
            "manages; each filter narrows the list."
        ),
        parameters=_FILTERS,
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = _Filters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        chosen = filters.validated_data
        return selectors.issued_awards(
            permissions.administered_issuers(self.request.user),
            micro_credential=chosen["micro_credential"],
            earner_email=chosen["earner"].strip(),
            after=chosen["issued_after"],
            before=chosen["issued_before"],
            revoked=chosen["revoked"],
        )


def _award(request, public_id) -> Award:
    """The award, if the caller may see it: its earner, or whoever manages its issuer's
    credentials. Anyone else learns nothing of it."""
    award = selectors.awards_with_subjects().filter(public_id=public_id).first()
    if award is None or not permissions.can_see_award(request.user, award):
        raise Http404
    return award


class AwardDetail(APIView):
    scope = scopes.AWARDS

    @extend_schema(
        operation_id="getAward",
        summary="One award, with its signed credential and where to read it",
        responses=IssuedAwardDetailSerializer,
    )
    def get(self, request, public_id):
        award = _award(request, public_id)
        return Response(IssuedAwardDetailSerializer(award, context={"request": request}).data)


class Revocation(APIView):
    scope = scopes.AWARDS

    @extend_schema(
        operation_id="revokeAward",
        summary="Revoke an award",
        description=(
            "The award's status entry says revoked from now on, so every verifier sees it; "
            "the reason is shown to the earner. 409 when it was already revoked."
        ),
        request=AwardRevocationSerializer,
        responses={
            200: IssuedAwardDetailSerializer,
            **conflicts.answer("The award was already revoked."),
        },
    )
    def post(self, request, public_id):
        award = _award(request, public_id)
        body = AwardRevocationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.revoke(award, by=request.user, reason=body.validated_data["reason"])
        except NotAllowed:
            raise exceptions.PermissionDenied(
                "Only the issuer's admins revoke its credentials."
            ) from None
        except services.AlreadyRevoked as exc:
            raise Conflict(str(exc)) from None
        except services.CredentialError as exc:
            raise exceptions.ValidationError({"reason": [str(exc)]}) from None
        award = _award(request, public_id)
        return Response(IssuedAwardDetailSerializer(award, context={"request": request}).data)


# -- A cohort at once ------------------------------------------------------------------------


def _cohort(request, pk: int) -> Cohort:
    """A cohort of an issuer whose credentials the caller manages; 404 for any other."""
    cohort = (
        Cohort.objects.filter(
            pk=pk, micro_credential__issuer__in=permissions.administered_issuers(request.user)
        )
        .select_related("micro_credential__issuer")
        .first()
    )
    if cohort is None:
        raise Http404
    return cohort


def _issuance(request, cohort: Cohort, code: int = 200, headers=None) -> Response:
    body = CohortIssuanceSerializer(selectors.cohort_issuance(cohort)).data
    return Response(body, status=code, headers=headers)


class CohortIssuance(APIView):
    scope = scopes.AWARDS

    @extend_schema(
        operation_id="getCohortIssuance",
        summary="How far a cohort's credentials are issued",
        responses=CohortIssuanceSerializer,
    )
    def get(self, request, cohort: int):
        return _issuance(request, _cohort(request, cohort))


class IssueForCohort(APIView):
    scope = scopes.AWARDS

    @extend_schema(
        operation_id="issueForCohort",
        summary="Issue every credential a cohort has earned",
        description=(
            "Awards and signs in the background, as the issuer's credentials page does; "
            "`Location` is where to follow its progress. Asked again while it runs, it joins "
            "that run; asked when the run stopped moving, it resumes it."
        ),
        request=None,
        responses={202: CohortIssuanceSerializer},
    )
    @idempotent
    def post(self, request, cohort: int):
        found = _cohort(request, cohort)
        try:
            services.issue_for_cohort(found, by=request.user)
        except NotAllowed:
            raise exceptions.PermissionDenied(
                "Only the issuer's admins issue its credentials."
            ) from None
        location = request.build_absolute_uri(reverse("api:cohort_issuance", args=[found.pk]))
        return _issuance(request, found, 202, {"Location": location})

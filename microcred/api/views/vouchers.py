"""An organization's vouchers: its batches and their codes, and making a batch, for the
people (or the organization's own system) who may manage its vouchers: an issuer's admins,
a district's admins. Anyone else is told the organization has no vouchers to show (404)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.connect import scopes
from microcred.payments import selectors, services

from ..idempotency import idempotent
from ..serializers.vouchers import (
    NewVoucherBatchSerializer,
    VoucherBatchSerializer,
    VoucherQuery,
    VoucherSerializer,
)

_SLUG = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="The organization's short name."
)


def _organization(request, slug: str) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if not permissions.can_manage_vouchers(request.user, organization):
        raise Http404
    return organization


class VoucherBatches(GenericAPIView):
    scope = scopes.VOUCHERS
    serializer_class = VoucherBatchSerializer

    @extend_schema(
        operation_id="listVoucherBatches",
        summary="An organization's voucher batches",
        description=(
            "Newest first, each with how many codes it holds and how many times they were used."
        ),
        parameters=[_SLUG],
        responses=VoucherBatchSerializer(many=True),
    )
    def get(self, request, slug: str):
        organization = _organization(request, slug)
        page = self.paginate_queryset(selectors.voucher_batches(organization))
        return self.get_paginated_response(
            VoucherBatchSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        operation_id="createVoucherBatch",
        summary="Make a batch of voucher codes",
        description=(
            "Makes `count` codes, each good for `uses_per_code` fees until `expires_on` "
            "(included). An issuer's codes pay for its own micro-credentials, a district's "
            "for its members'. Send an `Idempotency-Key` so that a retry makes no second batch."
        ),
        parameters=[_SLUG],
        request=NewVoucherBatchSerializer,
        responses={201: VoucherBatchSerializer},
    )
    @idempotent
    def post(self, request, slug: str):
        organization = _organization(request, slug)
        asked = NewVoucherBatchSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        try:
            batch = services.create_voucher_batch(
                organization, by=request.user, **asked.validated_data
            )
        except services.FeeProblem as exc:
            raise exceptions.ValidationError({"count": [str(exc)]}) from exc
        made = selectors.voucher_batches(organization).get(pk=batch.pk)
        location = reverse("api:voucher_batch", args=[organization.slug, made.pk])
        return Response(
            VoucherBatchSerializer(made, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(location)},
        )


class VoucherBatch(GenericAPIView):
    scope = scopes.VOUCHERS
    serializer_class = VoucherBatchSerializer

    @extend_schema(
        operation_id="getVoucherBatch",
        summary="One voucher batch",
        parameters=[
            _SLUG,
            OpenApiParameter("batch_id", OpenApiTypes.INT, OpenApiParameter.PATH),
        ],
        responses=VoucherBatchSerializer,
    )
    def get(self, request, slug: str, batch_id: int):
        organization = _organization(request, slug)
        batch = selectors.voucher_batches(organization).filter(pk=batch_id).first()
        if batch is None:
            raise exceptions.NotFound(_("This organization has no such voucher batch."))
        return Response(VoucherBatchSerializer(batch, context={"request": request}).data)


class Vouchers(GenericAPIView):
    scope = scopes.VOUCHERS
    serializer_class = VoucherSerializer

    @extend_schema(
        operation_id="listVouchers",
        summary="An organization's voucher codes",
        description=(
            "Every code with its uses, as the batch's CSV of codes lists them: newest batch "
            "first, codes in the order they were made."
        ),
        parameters=[
            _SLUG,
            OpenApiParameter("batch", OpenApiTypes.INT, description="Only this batch's codes."),
            OpenApiParameter(
                "redeemed",
                OpenApiTypes.BOOL,
                description="true: codes used at least once; false: codes never used.",
            ),
        ],
        responses=VoucherSerializer(many=True),
    )
    def get(self, request, slug: str):
        organization = _organization(request, slug)
        query = VoucherQuery(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        found = selectors.vouchers(organization, **query.validated_data)
        page = self.paginate_queryset(found)
        return self.get_paginated_response(VoucherSerializer(page, many=True).data)

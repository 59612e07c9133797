"""An organization's vouchers as the API shows them: its batches with their counts, and
each code with its uses, as the fees page and its CSV of codes show them."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers


class VoucherBatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    codes = serializers.IntegerField(help_text="How many codes the batch holds.")
    used = serializers.SerializerMethodField(help_text="How many times its codes were used.")
    uses_per_code = serializers.IntegerField()
    expires_on = serializers.DateField(allow_null=True)
    micro_credential = serializers.SerializerMethodField(
        help_text="The micro-credential the codes are only for, or null for any."
    )
    created_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_used(self, batch) -> int:
        return batch.used or 0

    def get_micro_credential(self, batch) -> str | None:
        return batch.micro_credential.slug if batch.micro_credential_id else None

    def get_url(self, batch) -> str:
        path = reverse("api:voucher_batch", args=[batch.organization.slug, batch.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class NewVoucherBatchSerializer(serializers.Serializer):
    """What the fees page's "Make voucher codes" form takes."""

    name = serializers.CharField(max_length=200)
    count = serializers.IntegerField(min_value=1, max_value=10_000, help_text="How many codes.")
    uses_per_code = serializers.IntegerField(min_value=1, max_value=10_000, default=1)
    expires_on = serializers.DateField(required=False, allow_null=True, default=None)


class VoucherSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="As printed and typed: three groups of four.")
    batch = serializers.IntegerField(source="batch_id")
    batch_name = serializers.CharField(source="batch.name")
    uses_per_code = serializers.IntegerField(source="batch.uses_per_code")
    times_used = serializers.IntegerField()
    redeemed = serializers.SerializerMethodField(help_text="Used at least once.")
    expires_on = serializers.DateField(source="batch.expires_on", allow_null=True)

    def get_redeemed(self, voucher) -> bool:
        return voucher.times_used > 0


class VoucherQuery(serializers.Serializer):
    batch = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    redeemed = serializers.BooleanField(required=False, allow_null=True, default=None)

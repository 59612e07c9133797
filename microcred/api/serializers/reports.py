"""Reports as the API shows them: a district's or state's counts by school or district
(small groups give no figures, as on the educators page), the openings of educators'
records, and one educator's transcript read under an opening."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from rest_framework import serializers

from microcred.reports import selectors, services


def _absolute(context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


class ReportOrganizationSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField(help_text="district or state.")
    educators_url = serializers.SerializerMethodField()

    def get_educators_url(self, organization) -> str:
        return _absolute(self.context, reverse("api:report_educators", args=[organization.slug]))


class CreditByUnitSerializer(serializers.Serializer):
    unit = serializers.CharField()
    amount = serializers.CharField(source="amount_text", help_text="Exact, as a decimal string.")


class CreditByAuthoritySerializer(CreditByUnitSerializer):
    authority = serializers.CharField(help_text="The approving authority; empty when none named.")


class EducatorGroupSerializer(serializers.Serializer):
    """One school or district; fewer educators than `small_group` and it gives no figures."""

    label = serializers.CharField(help_text="Empty for educators who gave no school.")
    suppressed = serializers.BooleanField()
    educators = serializers.SerializerMethodField()
    award_count = serializers.SerializerMethodField()
    credit = CreditByAuthoritySerializer(many=True, source="by_authority")

    def get_educators(self, group) -> int | None:
        return None if group.suppressed else group.educators

    def get_award_count(self, group) -> int | None:
        return None if group.suppressed else group.award_count


class EducatorCountsSerializer(serializers.Serializer):
    organization = serializers.CharField(source="organization.slug")
    start = serializers.DateField()
    end = serializers.DateField()
    grouped_by = serializers.ChoiceField(choices=["district", "school"])
    small_group = serializers.SerializerMethodField(
        help_text="Groups of fewer educators than this give no figures."
    )
    groups = EducatorGroupSerializer(many=True)
    total = EducatorGroupSerializer()

    def get_small_group(self, overview) -> int:
        return selectors.SMALL_GROUP


class TranscriptEducatorSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.EmailField()


class OpenedEducatorSerializer(TranscriptEducatorSerializer):
    id = serializers.IntegerField()


class RecordOpeningSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    educator = OpenedEducatorSerializer()
    opened_by = serializers.CharField(source="opened_by.name")
    reason = serializers.CharField()
    at = serializers.DateTimeField()
    transcript_until = serializers.SerializerMethodField(
        help_text="Until when the opening lets its admin pull the transcript."
    )
    transcript_url = serializers.SerializerMethodField()

    def get_transcript_until(self, opening) -> str:
        return serializers.DateTimeField().to_representation(opening.at + services.OPENING_LASTS)

    def get_transcript_url(self, opening) -> str:
        path = reverse(
            "api:educator_transcript", args=[opening.organization.slug, opening.educator_id]
        )
        return _absolute(self.context, f"{path}?{urlencode({'opening': opening.pk})}")


class NewRecordOpeningSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254, help_text="The educator's e-mail address.")
    reason = serializers.CharField(
        max_length=2000, help_text="Why the record is opened; kept for the admins to read."
    )


class TranscriptAwardSerializer(serializers.Serializer):
    award = serializers.UUIDField(source="award.public_id")
    title = serializers.CharField()
    date = serializers.DateField()
    issuer = serializers.CharField(source="award.issuer.name")
    credit = serializers.SerializerMethodField(help_text="Exact, as a decimal string; or null.")
    unit = serializers.CharField(source="credit.unit")
    authority = serializers.CharField(source="credit.authority")
    leads_to = serializers.CharField()
    url = serializers.URLField(help_text="The badge page, where anyone checks the award.")

    def get_credit(self, line) -> str | None:
        return line.credit.amount_text or None


class TranscriptSerializer(serializers.Serializer):
    educator = TranscriptEducatorSerializer(source="earner")
    start = serializers.DateField()
    end = serializers.DateField()
    awards = TranscriptAwardSerializer(many=True, source="lines")
    revoked = TranscriptAwardSerializer(
        many=True, help_text="Listed so the record is complete; not counted."
    )
    by_unit = CreditByUnitSerializer(many=True)
    by_authority = CreditByAuthoritySerializer(many=True)

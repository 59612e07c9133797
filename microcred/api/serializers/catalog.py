"""The catalog as the API shows it: a published micro-credential's current version, and
another provider's listing beside it in search results."""

from __future__ import annotations

from rest_framework import serializers

from microcred.catalog.models import ExternalListing


class CriterionSerializer(serializers.Serializer):
    name = serializers.CharField()
    met_description = serializers.CharField()


class RequirementSerializer(serializers.Serializer):
    title = serializers.CharField()
    instructions = serializers.CharField()
    evidence_types = serializers.ListField(child=serializers.CharField())
    min_words = serializers.IntegerField(allow_null=True)
    max_words = serializers.IntegerField(allow_null=True)
    criteria = CriterionSerializer(many=True, read_only=True)


class MicroCredentialSerializer(serializers.Serializer):
    """A published micro-credential, as its current version describes it."""

    kind = serializers.SerializerMethodField()
    slug = serializers.CharField(source="micro_credential.slug")
    version = serializers.IntegerField(source="number")
    title = serializers.CharField()
    summary = serializers.CharField()
    issuer = serializers.CharField(source="micro_credential.issuer.name")
    issuer_slug = serializers.CharField(source="micro_credential.issuer.slug")
    fee = serializers.DecimalField(max_digits=10, decimal_places=2)
    currency = serializers.CharField()
    estimated_hours = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    credit_amount = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    credit_unit = serializers.CharField()
    topics = serializers.SerializerMethodField()
    grade_bands = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_topics(self, version) -> list[str]:
        return [topic.slug for topic in version.topics.all()]

    def get_grade_bands(self, version) -> list[str]:
        return [band.slug for band in version.grade_bands.all()]

    def get_kind(self, version) -> str:
        return "micro-credential"

    def get_url(self, version) -> str:
        request = self.context.get("request")
        path = version.micro_credential.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class MicroCredentialDetailSerializer(MicroCredentialSerializer):
    competency = serializers.CharField()
    key_method = serializers.CharField()
    method_components = serializers.CharField()
    research = serializers.CharField()
    requirements = RequirementSerializer(many=True, read_only=True)


class ListingSerializer(serializers.Serializer):
    """Another provider's credential, found by the same search; earned on their site."""

    kind = serializers.SerializerMethodField()
    key = serializers.CharField()
    title = serializers.CharField(source="name")
    summary = serializers.CharField(source="description")
    provider = serializers.CharField(source="provider.name")
    offered_by = serializers.CharField()
    cost = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    url = serializers.URLField()

    def get_kind(self, listing) -> str:
        return "listing"


def entry(item, context) -> dict:
    if isinstance(item, ExternalListing):
        return ListingSerializer(item, context=context).data
    return MicroCredentialSerializer(item, context=context).data

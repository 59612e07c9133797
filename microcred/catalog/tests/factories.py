import importlib
import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from microcred.accounts.models import Organization
from microcred.accounts.tests.factories import OrganizationFactory
from microcred.catalog import services
from microcred.catalog.models import (
    Alignment,
    GradeBand,
    MicroCredential,
    MicroCredentialVersion,
    Requirement,
    Resource,
    RubricCriterion,
    Stack,
    StackItem,
    Topic,
)

GRADE_BANDS = importlib.import_module("microcred.catalog.migrations.0003_grade_bands").GRADE_BANDS


def grade_band(slug: str) -> GradeBand:
    """A seeded grade band; tests that flush the database lose the seeded rows, so this
    puts them back when missing."""
    band = GradeBand.objects.filter(slug=slug).first()
    if band is None:
        for position, (band_slug, name) in enumerate(GRADE_BANDS, start=1):
            GradeBand.objects.get_or_create(
                slug=band_slug, defaults={"name": name, "position": position}
            )
        band = GradeBand.objects.get(slug=slug)
    return band


def png_upload(name="badge.png", size=(64, 64), color=(31, 95, 168)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class MicroCredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MicroCredential

    issuer = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.ISSUER)
    slug = factory.Sequence(lambda n: f"micro-credential-{n}")


class DraftVersionFactory(factory.django.DjangoModelFactory):
    """A draft with nothing but a title: the checklist fails on everything else."""

    class Meta:
        model = MicroCredentialVersion
        skip_postgeneration_save = True

    micro_credential = factory.SubFactory(MicroCredentialFactory)
    number = 1
    title = factory.Sequence(lambda n: f"Micro-credential {n}")


class CompleteDraftFactory(DraftVersionFactory):
    """A draft that passes the quality checklist."""

    summary = "Plan and run structured small-group discussions."
    competency = "The educator facilitates student-led discussion using structured protocols."
    key_method = "Plan a protocol, model it, run it, and reflect on participation data."
    method_components = "Choose a protocol\nTeach the norms\nTrack participation"
    research = "Structured discussion raises participation of quieter students."
    fee = Decimal("25.00")
    credit_amount = Decimal("1.00")
    credit_unit = "CPD credit"
    credit_authority = "State Board of Education"
    estimated_hours = Decimal("15")
    image = factory.LazyFunction(png_upload)

    @factory.post_generation
    def parts(version, create, extracted, **kwargs):
        if not create:
            return
        requirement = Requirement.objects.create(
            version=version,
            position=1,
            title="Lesson plan",
            instructions="Upload the lesson plan for the discussion.",
            evidence_types=["file", "text"],
        )
        RubricCriterion.objects.create(
            requirement=requirement,
            position=1,
            name="Protocol chosen",
            met_description="The plan names a protocol and why it fits the students.",
        )
        Resource.objects.create(version=version, title="Discussion protocols guide")
        Alignment.objects.create(
            version=version,
            framework="ISTE Standards for Educators",
            code="2.5.a",
            name="Use technology to create, adapt and personalize learning experiences",
        )
        version.grade_bands.add(grade_band("6-8"))


def published_version(by, **kwargs) -> MicroCredentialVersion:
    """A published version, made the way authors make one: through the services."""
    topics = kwargs.pop("topics", [])
    version = CompleteDraftFactory(**kwargs)
    version.topics.set(topics)
    return services.publish(version, by=by)


class StackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stack

    issuer = factory.SubFactory(OrganizationFactory, kind=Organization.Kind.ISSUER)
    slug = factory.Sequence(lambda n: f"stack-{n}")
    title = factory.Sequence(lambda n: f"Stack {n}")
    description = "A set of related micro-credentials."
    is_published = True


def add_to_stack(stack, *micro_credentials):
    for position, mc in enumerate(micro_credentials, start=1):
        StackItem.objects.create(stack=stack, micro_credential=mc, position=position)

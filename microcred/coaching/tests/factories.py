from datetime import datetime, time, timedelta

import factory
import time_machine
from django.utils import timezone

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.backpack.models import Enrollment
from microcred.catalog import services as catalog
from microcred.catalog.models import Cohort, MicroCredential, Requirement, RubricCriterion
from microcred.catalog.tests.factories import CompleteDraftFactory
from microcred.submissions import services as submissions


def two_part_version(issuer_admin, issuer, **kwargs):
    """A published micro-credential with two requirements: a plan and a reflection."""
    draft = CompleteDraftFactory(micro_credential__issuer=issuer, fee=0, **kwargs)
    second = Requirement.objects.create(
        version=draft,
        position=2,
        title="Reflection on the discussion",
        instructions="What did students say, and what would you change?",
        evidence_types=["text"],
    )
    RubricCriterion.objects.create(
        requirement=second, position=1, name="Change named", met_description="Names a change."
    )
    return catalog.publish(draft, by=issuer_admin)


def facilitator_of(issuer, name="Fiona Facilitator"):
    user = UserFactory(name=name)
    MembershipFactory(user=user, organization=issuer, role=Role.FACILITATOR)
    return user


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    name = factory.Sequence(lambda n: f"Spring cohort {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=49))
    enrollment_opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    enrollment_closes_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=8))
    capacity = 20


def cohort_draft(earner, cohort, *, text="We tried the fishbowl protocol."):
    """The earner's draft in the cohort, with a written answer to the first requirement."""
    mc = MicroCredential.objects.select_related("current_version").get(
        pk=cohort.micro_credential_id
    )
    version = mc.current_version
    enrollment = Enrollment.objects.create(
        earner=earner, micro_credential=mc, version=version, cohort=cohort
    )
    submission = submissions.start_attempt(enrollment, by=earner)
    if text:
        first = version.requirements.order_by("position").first()
        submissions.save_text(submission, first, by=earner, kind="text", text=text)
    return submission


def on(day):
    """Travel to noon of a local date."""
    return time_machine.travel(
        datetime.combine(day, time(12), tzinfo=timezone.get_current_timezone())
    )

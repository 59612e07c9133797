import factory

from microcred.accounts.tests.factories import UserFactory
from microcred.backpack.models import Enrollment
from microcred.catalog.tests.factories import published_version
from microcred.submissions.models import Submission


def enrollment_for(earner, *, issuer_admin, **version_kwargs) -> Enrollment:
    version = published_version(issuer_admin, **version_kwargs)
    return Enrollment.objects.create(
        earner=earner, micro_credential=version.micro_credential, version=version
    )


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    enrollment = factory.LazyFunction(
        lambda: enrollment_for(UserFactory(), issuer_admin=UserFactory(is_staff=True))
    )

"""Writes to an earner's backpack."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.catalog.models import Cohort, MicroCredential

from .models import Enrollment, EnrollmentStatus


class NotAvailable(Exception):
    """The micro-credential cannot be started now (not published, cohort closed or full)."""


@transaction.atomic
def enroll(micro_credential: MicroCredential, *, by, cohort: Cohort | None = None) -> Enrollment:
    """Put the micro-credential in the earner's backpack, pinned to today's version.

    Adding one that is already there returns the existing enrollment unchanged, so a
    double click or a second tab does nothing twice.
    """
    if not by.is_authenticated:
        raise PermissionDenied
    existing = Enrollment.objects.filter(earner=by, micro_credential=micro_credential).first()
    if existing:
        return existing
    mc = MicroCredential.objects.select_related("current_version").get(pk=micro_credential.pk)
    version = mc.current_version
    if version is None or not permissions.can_enroll(by, version):
        raise NotAvailable(_("This micro-credential is not open to new earners."))
    if cohort is not None:
        _check_cohort(cohort, mc)
    try:
        with transaction.atomic():
            return Enrollment.objects.create(
                earner=by, micro_credential=mc, version=version, cohort=cohort
            )
    except IntegrityError:  # the same earner, a moment earlier, in another request
        return Enrollment.objects.get(earner=by, micro_credential=mc)


def _check_cohort(cohort: Cohort, mc: MicroCredential) -> None:
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    today = timezone.localdate()
    if cohort.micro_credential_id != mc.pk:
        raise NotAvailable(_("That cohort is for another micro-credential."))
    if not (cohort.enrollment_opens_on <= today <= cohort.enrollment_closes_on):
        raise NotAvailable(_("Enrollment in this cohort is closed."))
    if cohort.enrollments.count() >= cohort.capacity:
        raise NotAvailable(_("This cohort is full."))


@transaction.atomic
def mark_earned(enrollment: Enrollment, *, by, when=None) -> Enrollment:
    """Record that the earner met the micro-credential (the assessment decision's outcome)."""
    if not permissions.can_author(by, enrollment.micro_credential.issuer):
        raise PermissionDenied
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status=EnrollmentStatus.EARNED, earned_at=when or timezone.now()
    )
    enrollment.refresh_from_db()
    return enrollment


@transaction.atomic
def mark_submitted(enrollment: Enrollment, *, by) -> Enrollment:
    if by.pk != enrollment.earner_id:
        raise PermissionDenied
    Enrollment.objects.filter(pk=enrollment.pk, status=EnrollmentStatus.IN_PROGRESS).update(
        status=EnrollmentStatus.SUBMITTED
    )
    enrollment.refresh_from_db()
    return enrollment


def mark_withdrawn(enrollment: Enrollment) -> None:
    """The earner took their submission back: the micro-credential is in progress again
    (called by the withdrawal service, which checked who may withdraw)."""
    Enrollment.objects.filter(pk=enrollment.pk).update(status=EnrollmentStatus.IN_PROGRESS)
    enrollment.status = EnrollmentStatus.IN_PROGRESS


def record_decision(enrollment: Enrollment, *, met: bool) -> None:
    """Reflect an assessment decision in the backpack (called by the decision service)."""
    if met:
        Enrollment.objects.filter(pk=enrollment.pk).update(
            status=EnrollmentStatus.EARNED, earned_at=timezone.now()
        )
    else:
        Enrollment.objects.filter(pk=enrollment.pk).update(status=EnrollmentStatus.IN_PROGRESS)

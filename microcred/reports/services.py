"""Certificates and transcripts, each handed only to whoever may have it.

The date-range rule lives here so that pages, the CSV and PDF downloads and any later
API answer the same: both days are included, the end is not before the start, and a
range spans at most MAX_YEARS years (recertification cycles run five years; ten covers
two cycles, and a longer range is almost always a typo such as 1975 for 2025).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.accounts.models import Organization, User
from microcred.credentials.models import Award

from . import certificate as certificate_pdf
from . import selectors
from .models import RecordOpening

MAX_YEARS = 10


class InvalidRange(ValueError):
    """A date range a transcript cannot be made for; the message says why."""


def latest_end(start: date) -> date:
    """The last day a range beginning on `start` may end on (29 February → 28 February)."""
    if start.year + MAX_YEARS > date.max.year:
        return date.max
    try:
        return start.replace(year=start.year + MAX_YEARS)
    except ValueError:
        return start.replace(year=start.year + MAX_YEARS, day=28)


# A day is read as the instants from its first moment to the next day's, in the platform's
# time zone; the calendar's first and last days have no day beside them to bound that.
EARLIEST, LATEST = date.min + timedelta(days=1), date.max - timedelta(days=1)


def check_range(start: date, end: date) -> None:
    if not (start >= EARLIEST and end <= LATEST):
        raise InvalidRange(
            _("Choose dates from %(first)s to %(last)s.")
            % {"first": EARLIEST.isoformat(), "last": LATEST.isoformat()}
        )
    if end < start:
        raise InvalidRange(_("The end date is before the start date."))
    if end > latest_end(start):
        raise InvalidRange(
            _(
                "A transcript covers at most %(years)d years; choose an end date on or "
                "before %(latest)s, or pull two transcripts."
            )
            % {"years": MAX_YEARS, "latest": latest_end(start).isoformat()}
        )


def certificate(award: Award, *, by: User) -> bytes:
    """The award's credit certificate as a PDF."""
    if not permissions.can_download_certificate(by, award):
        raise PermissionDenied(_("Only the earner and their administrators get this certificate."))
    return certificate_pdf.render(award)


def transcript(
    earner: User,
    *,
    by: User,
    start: date,
    end: date,
    organization: Organization | None = None,
) -> selectors.Transcript:
    """The earner's transcript, for the earner or an admin of `organization`."""
    if not permissions.can_pull_transcript(by, earner, organization):
        raise PermissionDenied(
            _("%(name)s is not an educator of an organization you administer.")
            % {"name": earner.name or earner.email}
        )
    check_range(start, end)
    return selectors.transcript(earner, start, end)


def overview(organization: Organization, *, by: User, start: date, end: date):
    """Counts by district or school for the organization's admins; nobody named."""
    if not permissions.can_view_educators(by, organization):
        raise PermissionDenied(
            _("Only the administrators of %(name)s see its educators.")
            % {"name": organization.name}
        )
    check_range(start, end)
    return selectors.overview(organization, start, end)


# -- Opening one educator's record ---------------------------------------------------------

# An opening lets its admin read that record for this long (pulling the transcript in
# another range or format), then they open it again with a reason.
OPENING_LASTS = timedelta(hours=1)


class RecordProblem(ValueError):
    """A record that cannot be opened; the message says why."""


@transaction.atomic
def open_record(organization: Organization, *, by: User, email: str, reason: str) -> RecordOpening:
    """Open one educator's record for a stated reason; the opening is audited for the
    organization's admins to read."""
    if not permissions.can_view_educators(by, organization):
        raise PermissionDenied(
            _("Only the administrators of %(name)s see its educators.")
            % {"name": organization.name}
        )
    reason = (reason or "").strip()
    if not reason:
        raise RecordProblem(_("Say why you are opening this record; the reason is kept."))
    email = (email or "").strip().lower()
    educator = User.objects.filter(email__iexact=email, erased_at__isnull=True).first()
    if educator is None or not permissions.is_educator_of(educator, organization):
        raise RecordProblem(
            _("No educator of %(name)s has the e-mail address %(email)s.")
            % {"name": organization.name, "email": email}
        )
    return RecordOpening.objects.create(
        organization=organization, opened_by=by, educator=educator, reason=reason[:2000]
    )


def current_opening(organization: Organization, *, by: User, educator: User, opening_id):
    """The admin's own opening of this record, if it is recent enough to read it by."""
    try:
        pk = int(opening_id)
    except (TypeError, ValueError):
        return None
    return RecordOpening.objects.filter(
        pk=pk,
        organization=organization,
        opened_by=by,
        educator=educator,
        at__gte=timezone.now() - OPENING_LASTS,
    ).first()


def openings(organization: Organization, *, by: User):
    """Every opening of an educator's record in the organization, newest first."""
    if not permissions.can_view_educators(by, organization):
        raise PermissionDenied
    return RecordOpening.objects.filter(organization=organization).select_related(
        "opened_by", "educator"
    )

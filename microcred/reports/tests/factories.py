"""Awards with credit on a chosen day, made the real way: evidence submitted, two
assessors agree, the decision awards."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import time_machine
from django.utils import timezone

from microcred.credentials.issuing import batch_signing
from microcred.credentials.models import Award
from microcred.credentials.tests.factories import reviewed_submission


def award_on(
    earner,
    day: date,
    *,
    issuer,
    issuer_admin,
    credit: tuple[str, str, str] | None = ("1", "CPD credit", "State Board of Education"),
    title: str = "Structured Discussion",
    at: time = time(12),
) -> Award:
    """An award decided at `at` o'clock (platform time) on `day`, carrying `credit`
    (amount, unit, authority) or none."""
    amount, unit, authority = credit or (None, "", "")
    moment = datetime.combine(day, at, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(moment, tick=False):
        submission = reviewed_submission(
            earner,
            issuer_admin=issuer_admin,
            micro_credential__issuer=issuer,
            title=title,
            credit_amount=Decimal(amount) if amount else None,
            credit_unit=unit,
            credit_authority=authority,
        )
    return Award.objects.get(submission=submission)


def sign_all() -> None:
    batch_signing.sign_pending()

"""The service level promised to earners: a decision within N business days.

Business days skip weekends and the issuer's holidays (US federal holidays by default,
plus any the organization adds).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from .business_days import HolidayCalendar, add_business_days, business_days_between
from .models import Holiday


def calendar_for(organization_id: int | None) -> HolidayCalendar:
    extra = (
        Holiday.objects.filter(organization_id=organization_id).values_list("day", flat=True)
        if organization_id
        else []
    )
    return HolidayCalendar(extra)


def due_date(enrollment, *, submitted_on: date) -> date:
    calendar = calendar_for(enrollment.micro_credential.issuer_id)
    return add_business_days(submitted_on, settings.SERVICE_LEVEL_BUSINESS_DAYS, holidays=calendar)


def business_days_late(due_on: date, today: date, *, organization_id: int | None) -> int:
    if today <= due_on:
        return 0
    return business_days_between(due_on, today, holidays=calendar_for(organization_id))

"""Business days for the service level: weekends and holidays do not count.

Earners are promised a decision within 14 business days, the window educator programs
commonly publish. Holidays are the US federal holidays by default, as OPM lists them
(https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/), plus any days an
organization adds.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import date, timedelta
from functools import lru_cache


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = (date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    """A fixed-date holiday on Saturday is observed on Friday; on Sunday, on Monday."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


MON, THU = 0, 3


@lru_cache(maxsize=64)
def us_federal_holidays(year: int) -> dict[date, str]:
    """The observed US federal holidays that fall in `year`.

    New Year's Day of the next year is observed on December 31 when January 1 is a
    Saturday, so it is included in the year it falls in.
    """
    holidays = {
        _observed(date(year, 1, 1)): "New Year's Day",
        _nth_weekday(year, 1, MON, 3): "Birthday of Martin Luther King, Jr.",
        _nth_weekday(year, 2, MON, 3): "Washington's Birthday",
        _last_weekday(year, 5, MON): "Memorial Day",
        _observed(date(year, 6, 19)): "Juneteenth National Independence Day",
        _observed(date(year, 7, 4)): "Independence Day",
        _nth_weekday(year, 9, MON, 1): "Labor Day",
        _nth_weekday(year, 10, MON, 2): "Columbus Day",
        _observed(date(year, 11, 11)): "Veterans Day",
        _nth_weekday(year, 11, THU, 4): "Thanksgiving Day",
        _observed(date(year, 12, 25)): "Christmas Day",
    }
    next_new_year = _observed(date(year + 1, 1, 1))
    if next_new_year.year == year:
        holidays[next_new_year] = "New Year's Day"
    return {day: name for day, name in holidays.items() if day.year == year}


class HolidayCalendar:
    """The days that do not count: US federal holidays (unless switched off) and extras."""

    def __init__(self, extra: Iterable[date] = (), *, us_federal: bool = True):
        self.extra = frozenset(extra)
        self.us_federal = us_federal

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return day in self.extra or (self.us_federal and day in us_federal_holidays(day.year))


def is_business_day(day: date, *, holidays: Container[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_business_days(start: date, days: int, *, holidays: Container[date]) -> date:
    """The date `days` business days after `start` (which itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    if days == 0:
        while not is_business_day(day, holidays=holidays):
            day += timedelta(days=1)
        return day
    while days:
        day += timedelta(days=1)
        if is_business_day(day, holidays=holidays):
            days -= 1
    return day


def business_days_between(start: date, end: date, *, holidays: Container[date]) -> int:
    """Business days after `start` up to and including `end`; negative when end < start."""
    if end < start:
        return -business_days_between(end, start, holidays=holidays)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_business_day(start + timedelta(days=offset), holidays=holidays)
    )

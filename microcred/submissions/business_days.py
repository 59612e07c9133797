"""Business days for the service level: weekends and holidays do not count.

Earners are promised a decision within 14 business days (``SERVICE_LEVEL_BUSINESS_DAYS``).
The promise is counted in business days because assessors are working educators who
review on school days: a window in calendar days would quietly shrink over Thanksgiving
or the winter break. Fourteen business days are about three calendar weeks: room for an
offer to be accepted, two independent reviews and, when they disagree, a tie-break.

The holidays are the US federal holidays as OPM lists them
(https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/), plus any days an
organization adds. A holiday with a fixed date (New Year's Day, Juneteenth, Independence
Day, Veterans Day, Christmas) that falls on a Saturday is observed on the Friday before;
on a Sunday, on the Monday after (5 U.S.C. 6103(b)). The others are always on a Monday or
a Thursday.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import MAXYEAR, date, datetime, timedelta

MON, THU, SAT, SUN = 0, 3, 5, 6
JUNETEENTH_SINCE = 2021


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    if day.weekday() == SAT:
        return day - timedelta(days=1)
    if day.weekday() == SUN:
        return day + timedelta(days=1)
    return day


def us_federal_holidays(year: int) -> dict[date, str]:
    """The days US federal holidays are observed for `year`, in date order, with names.

    New Year's Day on a Saturday is observed on Friday, December 31 of the year before
    (2022's was Friday, December 31, 2021). That day belongs to `year`'s list, as OPM
    prints it, and also to the previous year's, so that asking "is this day a holiday?"
    of the year the day falls in finds it.

    Juneteenth counts from 2021, when it became a federal holiday; older changes (such
    as Martin Luther King Jr.'s birthday, from 1986) are not modelled.
    """
    holidays = {
        _observed(date(year, 1, 1)): "New Year's Day",
        _nth_weekday(year, 1, MON, 3): "Birthday of Martin Luther King, Jr.",
        _nth_weekday(year, 2, MON, 3): "Washington's Birthday",
        _last_weekday(year, 5, MON): "Memorial Day",
        _observed(date(year, 7, 4)): "Independence Day",
        _nth_weekday(year, 9, MON, 1): "Labor Day",
        _nth_weekday(year, 10, MON, 2): "Columbus Day",
        _observed(date(year, 11, 11)): "Veterans Day",
        _nth_weekday(year, 11, THU, 4): "Thanksgiving Day",
        _observed(date(year, 12, 25)): "Christmas Day",
    }
    if year >= JUNETEENTH_SINCE:
        holidays[_observed(date(year, 6, 19))] = "Juneteenth National Independence Day"
    if year < MAXYEAR and (next_new_year := _observed(date(year + 1, 1, 1))).year == year:
        holidays[next_new_year] = "New Year's Day"
    return dict(sorted(holidays.items()))


class HolidayCalendar:
    """The days that do not count besides weekends: an organization's own days off plus,
    unless switched off, the US federal holidays of whatever year is asked about.

    Use it wherever a ``holidays`` container is expected::

        calendar = HolidayCalendar([date(2026, 11, 27)])  # the day after Thanksgiving
        add_business_days(date(2026, 11, 23), 14, holidays=calendar)

    Federal holidays are worked out the first time a year is asked about and kept for
    the life of the calendar, so one calendar serves any range of years.
    """

    def __init__(self, extra: Iterable[date] = (), *, us_federal: bool = True):
        self.extra = frozenset(extra)
        self.us_federal = us_federal
        self._federal_by_year: dict[int, frozenset[date]] = {}

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date) or isinstance(day, datetime):
            return False
        if day in self.extra:
            return True
        if not self.us_federal:
            return False
        if day.year not in self._federal_by_year:
            self._federal_by_year[day.year] = frozenset(us_federal_holidays(day.year))
        return day in self._federal_by_year[day.year]

    def __repr__(self) -> str:
        return f"HolidayCalendar({sorted(self.extra)!r}, us_federal={self.us_federal})"


def _refuse_datetime(*days: date) -> None:
    # A datetime is a date to Python, but never equal to one: it would slip past every
    # holiday. Which day it is depends on a time zone, so the caller has to decide.
    if any(isinstance(day, datetime) for day in days):
        raise TypeError("business days are counted between dates, not datetimes")


def is_business_day(day: date, *, holidays: Container[date]) -> bool:
    """Monday to Friday, and not in `holidays`."""
    _refuse_datetime(day)
    return day.weekday() < SAT and day not in holidays


def add_business_days(start: date, days: int, *, holidays: Container[date]) -> date:
    """The date `days` business days after `start`; `start` itself does not count.

    With ``days=0``: `start` if it is a business day, otherwise the next one.
    """
    _refuse_datetime(start)
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
    """The business days after `start` up to and including `end`.

    It undoes `add_business_days`: ``business_days_between(d, add_business_days(d, n))``
    is `n`. Called with the due date and today it says how late a decision is ("3
    business days overdue"); it is 0 for the same day and negative when `end` comes
    before `start` (business days still to go).
    """
    _refuse_datetime(start, end)
    if end < start:
        return -business_days_between(end, start, holidays=holidays)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_business_day(start + timedelta(days=offset), holidays=holidays)
    )

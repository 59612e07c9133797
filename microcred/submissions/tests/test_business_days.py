from datetime import UTC, date, datetime, timedelta

import pytest

from microcred.submissions.business_days import (
    HolidayCalendar,
    add_business_days,
    business_days_between,
    is_business_day,
    us_federal_holidays,
)

# As published by OPM: https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/
OPM_2026 = {
    date(2026, 1, 1): "New Year's Day",  # Thursday
    date(2026, 1, 19): "Birthday of Martin Luther King, Jr.",
    date(2026, 2, 16): "Washington's Birthday",
    date(2026, 5, 25): "Memorial Day",
    date(2026, 6, 19): "Juneteenth National Independence Day",  # Friday
    date(2026, 7, 3): "Independence Day",  # observed: July 4, 2026 is a Saturday
    date(2026, 9, 7): "Labor Day",
    date(2026, 10, 12): "Columbus Day",
    date(2026, 11, 11): "Veterans Day",  # Wednesday
    date(2026, 11, 26): "Thanksgiving Day",
    date(2026, 12, 25): "Christmas Day",  # Friday
}
OPM_2027 = {
    date(2027, 1, 1): "New Year's Day",  # Friday
    date(2027, 1, 18): "Birthday of Martin Luther King, Jr.",
    date(2027, 2, 15): "Washington's Birthday",
    date(2027, 5, 31): "Memorial Day",
    date(2027, 6, 18): "Juneteenth National Independence Day",  # observed: June 19 is a Saturday
    date(2027, 7, 5): "Independence Day",  # observed: July 4 is a Sunday
    date(2027, 9, 6): "Labor Day",
    date(2027, 10, 11): "Columbus Day",
    date(2027, 11, 11): "Veterans Day",  # Thursday
    date(2027, 11, 25): "Thanksgiving Day",
    date(2027, 12, 24): "Christmas Day",  # observed: December 25 is a Saturday
}
# January 1, 2028 is a Saturday: New Year's Day is observed on Friday, December 31, 2027.
NEW_YEAR_2028_OBSERVED = date(2027, 12, 31)

FEDERAL = HolidayCalendar()
NO_HOLIDAYS: frozenset[date] = frozenset()


@pytest.mark.parametrize(("day", "name"), [*OPM_2026.items(), *OPM_2027.items()])
def test_each_federal_holiday_is_observed_on_the_day_opm_publishes(day, name):
    assert us_federal_holidays(day.year)[day] == name
    assert day in FEDERAL


def test_2026_has_the_eleven_federal_holidays_and_no_other_day():
    assert us_federal_holidays(2026) == OPM_2026


def test_2027_also_holds_new_years_day_2028_observed_on_its_last_friday():
    assert us_federal_holidays(2027) == {
        **OPM_2027,
        NEW_YEAR_2028_OBSERVED: "New Year's Day",
    }


def test_holidays_come_in_date_order():
    assert list(us_federal_holidays(2027)) == sorted(us_federal_holidays(2027))


def test_new_years_day_2022_is_observed_on_friday_december_31_2021():
    assert us_federal_holidays(2022)[date(2021, 12, 31)] == "New Year's Day"
    assert us_federal_holidays(2021)[date(2021, 12, 31)] == "New Year's Day"
    assert date(2021, 12, 31) in FEDERAL


def test_a_holiday_on_a_sunday_is_observed_on_the_monday_after():
    # Christmas 2022 was a Sunday.
    assert date(2022, 12, 26) in FEDERAL
    assert date(2022, 12, 23) not in FEDERAL


def test_the_calendar_answers_for_any_year():
    assert date(2100, 11, 25) in FEDERAL  # the fourth Thursday of November 2100
    assert date(1999, 5, 31) in FEDERAL  # the last Monday of May 1999


def test_juneteenth_is_a_holiday_from_2021():
    assert date(2021, 6, 18) in FEDERAL  # June 19, 2021 was a Saturday
    assert date(2020, 6, 19) not in FEDERAL


def test_an_organizations_own_holiday_counts_besides_the_federal_ones():
    calendar = HolidayCalendar([date(2026, 11, 27)])

    assert date(2026, 11, 27) in calendar
    assert date(2026, 11, 26) in calendar


def test_federal_holidays_can_be_switched_off():
    calendar = HolidayCalendar([date(2026, 11, 27)], us_federal=False)

    assert date(2026, 11, 26) not in calendar
    assert date(2026, 11, 27) in calendar


def test_the_calendar_holds_only_dates():
    assert "2026-12-25" not in FEDERAL
    assert datetime(2026, 12, 25, 9, 0, tzinfo=UTC) not in FEDERAL


def test_weekends_and_holidays_are_not_business_days():
    assert is_business_day(date(2026, 11, 25), holidays=FEDERAL)  # Wednesday
    assert not is_business_day(date(2026, 11, 26), holidays=FEDERAL)  # Thanksgiving
    assert not is_business_day(date(2026, 11, 28), holidays=FEDERAL)  # Saturday
    assert not is_business_day(date(2026, 11, 29), holidays=FEDERAL)  # Sunday


def test_fourteen_business_days_from_a_monday_end_on_the_third_friday():
    assert add_business_days(date(2026, 3, 2), 14, holidays=FEDERAL) == date(2026, 3, 20)


def test_fourteen_business_days_from_a_friday_skip_three_weekends():
    assert add_business_days(date(2026, 3, 6), 14, holidays=FEDERAL) == date(2026, 3, 26)


def test_a_weekend_start_counts_from_the_monday():
    assert add_business_days(date(2026, 3, 7), 1, holidays=FEDERAL) == date(2026, 3, 9)


def test_thanksgiving_moves_the_due_date_by_a_day():
    monday_before = date(2026, 11, 23)

    assert add_business_days(monday_before, 14, holidays=NO_HOLIDAYS) == date(2026, 12, 11)
    assert add_business_days(monday_before, 14, holidays=FEDERAL) == date(2026, 12, 14)


def test_christmas_and_new_years_day_both_move_the_due_date():
    assert add_business_days(date(2026, 12, 14), 14, holidays=FEDERAL) == date(2027, 1, 5)


def test_new_years_day_observed_in_the_old_year_moves_the_due_date():
    # December 31, 2021 was the holiday for New Year's Day 2022.
    assert add_business_days(date(2021, 12, 27), 4, holidays=FEDERAL) == date(2022, 1, 3)


def test_a_submission_on_a_holiday_counts_from_the_next_business_day():
    thanksgiving = date(2026, 11, 26)

    assert add_business_days(thanksgiving, 1, holidays=FEDERAL) == date(2026, 11, 27)


def test_an_organizations_day_after_thanksgiving_moves_the_due_date_once_more():
    calendar = HolidayCalendar([date(2026, 11, 27)])

    assert add_business_days(date(2026, 11, 23), 14, holidays=calendar) == date(2026, 12, 15)


def test_zero_business_days_from_a_business_day_is_that_day():
    assert add_business_days(date(2026, 11, 25), 0, holidays=FEDERAL) == date(2026, 11, 25)


def test_zero_business_days_from_a_holiday_weekend_is_the_next_business_day():
    assert add_business_days(date(2026, 7, 3), 0, holidays=FEDERAL) == date(2026, 7, 6)


def test_a_negative_number_of_business_days_is_refused():
    with pytest.raises(ValueError, match="negative"):
        add_business_days(date(2026, 3, 2), -1, holidays=FEDERAL)


def test_a_datetime_is_refused_because_its_day_depends_on_a_time_zone():
    with pytest.raises(TypeError, match="datetime"):
        add_business_days(datetime(2026, 11, 26, 12, 0, tzinfo=UTC), 1, holidays=FEDERAL)


def test_the_same_day_is_zero_business_days_apart():
    assert business_days_between(date(2026, 11, 25), date(2026, 11, 25), holidays=FEDERAL) == 0


def test_a_decision_due_on_friday_is_three_business_days_late_on_wednesday():
    friday, wednesday = date(2026, 3, 6), date(2026, 3, 11)

    assert business_days_between(friday, wednesday, holidays=FEDERAL) == 3


def test_before_the_due_date_the_count_is_negative():
    wednesday, friday = date(2026, 3, 11), date(2026, 3, 13)

    assert business_days_between(friday, wednesday, holidays=FEDERAL) == -2


def test_a_weekend_adds_no_business_days():
    friday, sunday = date(2026, 3, 6), date(2026, 3, 8)

    assert business_days_between(friday, sunday, holidays=FEDERAL) == 0
    assert business_days_between(sunday, friday, holidays=FEDERAL) == 0


def test_holidays_are_not_counted_as_days_late():
    due_wednesday, following_monday = date(2026, 11, 25), date(2026, 11, 30)

    assert business_days_between(due_wednesday, following_monday, holidays=FEDERAL) == 2


@pytest.mark.parametrize("days", [1, 5, 14, 30])
def test_counting_the_days_to_a_due_date_gives_back_the_days_added(days):
    calendar = HolidayCalendar([date(2026, 11, 27), date(2027, 3, 15)])
    start = date(2026, 1, 1)
    for offset in range(2 * 365):
        day = start + timedelta(days=offset)
        due = add_business_days(day, days, holidays=calendar)

        assert is_business_day(due, holidays=calendar)
        assert business_days_between(day, due, holidays=calendar) == days

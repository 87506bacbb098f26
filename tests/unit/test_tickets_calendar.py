"""Business hours and French public holidays, in Europe/Paris."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from routing.tickets.business_hours import (
    BusinessCalendar,
    FixedClock,
    french_date,
    french_datetime,
    parse_days,
    parse_hours,
)

PARIS = ZoneInfo("Europe/Paris")


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.fixture
def calendar() -> BusinessCalendar:
    return BusinessCalendar.from_text("09:00-12:30,13:30-17:30", "0-4", response_hours=8)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 4, 6), "lundi de Pâques"),
        (date(2026, 5, 14), "Ascension"),
        (date(2026, 5, 25), "lundi de Pentecôte"),
        (date(2026, 7, 14), "fête nationale"),
        (date(2027, 3, 29), "lundi de Pâques 2027"),
        (date(2027, 5, 6), "Ascension 2027"),
        (date(2026, 11, 11), "Armistice"),
        (date(2026, 12, 25), "Noël"),
    ],
)
def test_french_public_holidays_are_closed_days(calendar, day, name):
    assert calendar.is_holiday(day), name
    assert not calendar.is_open_day(day)
    assert not calendar.is_open(datetime.combine(day, time(10), PARIS))


def test_good_friday_is_a_working_day_outside_alsace_moselle(calendar):
    assert calendar.is_open_day(date(2026, 4, 3))


def test_weekends_are_closed_and_weekdays_open_in_opening_hours(calendar):
    assert not calendar.is_open(paris(2026, 12, 5, 10))  # Saturday
    assert not calendar.is_open(paris(2026, 12, 6, 10))  # Sunday
    assert calendar.is_open(paris(2026, 12, 1, 9))
    assert not calendar.is_open(paris(2026, 12, 1, 12, 45))  # lunch
    assert not calendar.is_open(paris(2026, 12, 1, 17, 30))  # closing time is closed
    assert not calendar.is_open(paris(2026, 12, 1, 8, 59))


def test_opening_hours_are_read_in_paris_time_whatever_zone_the_moment_is_in(calendar):
    # 08:30 UTC in winter is 09:30 in Paris; in summer 07:30 UTC is 09:30 in Paris.
    assert calendar.is_open(datetime(2026, 12, 1, 8, 30, tzinfo=UTC))
    assert calendar.is_open(datetime(2026, 6, 2, 7, 30, tzinfo=UTC))
    assert not calendar.is_open(datetime(2026, 6, 2, 6, 30, tzinfo=UTC))


def test_next_open_skips_the_weekend_and_easter_monday(calendar):
    friday_evening = paris(2026, 4, 3, 18)
    assert calendar.next_open(friday_evening) == paris(2026, 4, 7, 9)


def test_next_open_of_an_open_moment_is_that_moment(calendar):
    assert calendar.next_open(paris(2026, 12, 1, 10, 15)) == paris(2026, 12, 1, 10, 15)


def test_business_time_skips_lunch(calendar):
    assert calendar.add_business_time(paris(2026, 12, 1, 12), timedelta(hours=1)) == paris(
        2026, 12, 1, 14
    )


def test_expected_response_over_a_weekend_counts_only_business_hours(calendar):
    friday_four_pm = paris(2026, 12, 4, 16)
    # 1.5 h on Friday, then 3.5 h on Monday morning and 3 h on Monday afternoon.
    assert calendar.expected_response(friday_four_pm) == paris(2026, 12, 7, 16, 30)


def test_expected_response_of_a_ticket_opened_on_saturday_starts_on_monday(calendar):
    # Monday gives 7.5 business hours; the last half hour is on Tuesday morning.
    assert calendar.expected_response(paris(2026, 12, 5, 11)) == paris(2026, 12, 8, 9, 30)


def test_expected_response_skips_pentecost_monday(calendar):
    friday_five_pm = paris(2026, 5, 22, 17)
    assert calendar.expected_response(friday_five_pm) == paris(2026, 5, 26, 17, 30)


def test_upcoming_half_days_are_labelled_in_french_and_skip_closed_days(calendar):
    slots = calendar.upcoming_half_days(paris(2026, 7, 10, 14), count=3)  # Friday afternoon
    assert [s.label for s in slots] == [
        "lundi 13 juillet, matin",
        "lundi 13 juillet, après-midi",
        "mercredi 15 juillet, matin",
    ]
    assert slots[0].start == paris(2026, 7, 13, 9) and slots[0].end == paris(2026, 7, 13, 12, 30)


def test_the_first_of_the_month_is_written_1er():
    assert french_date(date(2026, 12, 1)) == "mardi 1er décembre"
    assert (
        french_datetime(datetime(2026, 12, 1, 13, 5, tzinfo=UTC)) == "mardi 1er décembre à 14 h 05"
    )


def test_settings_strings_are_parsed_and_bad_ones_refused():
    assert parse_hours("13:30-17:30, 09:00-12:30") == [
        (time(9), time(12, 30)),
        (time(13, 30), time(17, 30)),
    ]
    assert parse_days("0-2,4") == frozenset({0, 1, 2, 4})
    for bad in ("9h-12h", "12:00-09:00", "09:00-12:00,11:00-14:00"):
        with pytest.raises(ValueError):
            parse_hours(bad)
    for bad in ("lundi", "5-9"):
        with pytest.raises(ValueError):
            parse_days(bad)


def test_a_fixed_clock_moves_only_when_told():
    clock = FixedClock(datetime(2026, 12, 1, 8, tzinfo=UTC))
    assert clock.now() == datetime(2026, 12, 1, 8, tzinfo=UTC)
    clock.advance(timedelta(minutes=90))
    assert clock.now() == datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    clock.set(paris(2026, 12, 2, 10))
    assert clock.now() == datetime(2026, 12, 2, 9, tzinfo=UTC)
    assert clock.now().tzinfo == UTC

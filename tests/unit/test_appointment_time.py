"""Reading the appointment times advisors type, in Europe/Paris."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.views.appointment_time import (
    PARIS,
    UnreadableTime,
    french_date,
    french_time,
    parse_appointment,
)

# Tuesday 1 December 2026, 10:00 in Paris (09:00 UTC, winter time).
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12/12 14h30", paris(2026, 12, 12, 14, 30)),
        ("12/12 à 14h", paris(2026, 12, 12, 14, 0)),
        ("le 12/12/2026 à 9h05", paris(2026, 12, 12, 9, 5)),
        ("12.12.26 14:30", paris(2026, 12, 12, 14, 30)),
        ("3/1 10h", paris(2027, 1, 3, 10, 0)),
        ("demain 9h", paris(2026, 12, 2, 9, 0)),
        ("Aujourd’hui 16h30", paris(2026, 12, 1, 16, 30)),
        ("jeudi 11h", paris(2026, 12, 3, 11, 0)),
        ("mardi 15h", paris(2026, 12, 1, 15, 0)),
        ("mardi 9h", paris(2026, 12, 8, 9, 0)),
    ],
)
def test_typed_dates_and_times_are_read_in_paris_time(typed, expected):
    assert parse_appointment(typed, NOW) == expected


def test_a_date_without_year_already_past_this_year_means_next_year():
    assert parse_appointment("15/11 10h", NOW) == paris(2027, 11, 15, 10, 0)


def test_a_summer_date_gets_the_summer_offset():
    moment = parse_appointment("15/06 14h", NOW)
    assert moment.utcoffset().total_seconds() == 2 * 3600
    assert moment.astimezone(UTC).hour == 12


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("12/12", "heure"),
        ("bientôt 14h", "date"),
        ("31/02 10h", "n'existe pas"),
        ("12/12 25h", "heure n'existe pas"),
        ("aujourd'hui 9h", "passé"),
        ("1/12/2026 8h", "passé"),
        ("12/12/2029 10h", "plus d'un an"),
    ],
)
def test_unreadable_or_past_times_are_refused_with_a_french_reason(typed, reason):
    with pytest.raises(UnreadableTime) as refused:
        parse_appointment(typed, NOW)
    assert reason in str(refused.value)


def test_dates_are_written_in_french():
    assert french_date(paris(2026, 12, 12, 14, 30)) == "samedi 12 décembre à 14h30"
    assert french_date(datetime(2026, 12, 12, 8, 0, tzinfo=UTC)) == "samedi 12 décembre à 9h"
    assert french_date(paris(2026, 12, 1, 9, 5)) == "mardi 1er décembre à 9h05"
    assert french_time(paris(2026, 1, 1, 9, 5)) == "9h05"

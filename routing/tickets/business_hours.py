"""Business hours, French public holidays, call-back slots and the clocks that drive them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Protocol
from zoneinfo import ZoneInfo

import holidays

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
DEFAULT_OPENING = ((time(9), time(12, 30)), (time(13, 30), time(17, 30)))
# Far enough to cross any run of holidays and weekends; a calendar with no open day is refused.
SEARCH_DAYS = 60


class Clock(Protocol):
    """Tells the time; injected so tests and the sandbox can move it."""

    def now(self) -> datetime:
        """Return the current time, aware, in UTC."""


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        """Return the current time, aware, in UTC."""
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to, for tests and the sandbox control API."""

    def __init__(self, at: datetime | None = None) -> None:
        self.at = _aware(at or datetime.now(UTC))

    def now(self) -> datetime:
        """Return the time this clock is set to, in UTC."""
        return self.at

    def set(self, at: datetime) -> None:
        """Move the clock to `at` (naive times are taken as UTC)."""
        self.at = _aware(at)

    def advance(self, delta: timedelta) -> datetime:
        """Move the clock forward by `delta`; return the new time."""
        self.at = self.at + delta
        return self.at


def _aware(at: datetime) -> datetime:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC)


@dataclass(frozen=True)
class Slot:
    """A half-day the official can pick for the call-back."""

    start: datetime
    end: datetime
    label: str


def parse_hours(text: str) -> list[tuple[time, time]]:
    """Parse "09:00-12:30,13:30-17:30" into ordered, non-overlapping intervals."""
    intervals = []
    for part in text.split(","):
        start, _, end = part.strip().partition("-")
        try:
            interval = (time.fromisoformat(start.strip()), time.fromisoformat(end.strip()))
        except ValueError:
            raise ValueError(f"plage horaire invalide : « {part.strip()} » (HH:MM-HH:MM)") from None
        if interval[0] >= interval[1]:
            raise ValueError(f"plage horaire vide ou à l'envers : « {part.strip()} »")
        intervals.append(interval)
    intervals.sort()
    for (_, end), (start, _) in pairwise(intervals):
        if start < end:
            raise ValueError("les plages horaires se chevauchent")
    return intervals


def parse_days(text: str) -> frozenset[int]:
    """Parse "0-4" or "0,1,2,3,4" (0 is Monday) into weekday numbers."""
    days: set[int] = set()
    for part in text.split(","):
        first, dash, last = part.strip().partition("-")
        try:
            low, high = int(first), int(last if dash else first)
        except ValueError:
            raise ValueError(f"jours ouvrés invalides : « {part.strip()} » (ex. 0-4)") from None
        if not 0 <= low <= high <= 6:
            raise ValueError(f"jours ouvrés hors de 0 (lundi) à 6 (dimanche) : « {part} »")
        days.update(range(low, high + 1))
    return frozenset(days)


def french_date(at: datetime | date) -> str:
    """Return "mardi 1er décembre" for a date (or a local datetime)."""
    day = "1er" if at.day == 1 else str(at.day)
    return f"{DAYS[at.weekday()]} {day} {MONTHS[at.month - 1]}"


def french_datetime(at: datetime, tz: ZoneInfo | None = None) -> str:
    """Return "mardi 1er décembre à 14 h 30" in the given time zone (Paris by default)."""
    local = at.astimezone(tz or ZoneInfo("Europe/Paris"))
    return f"{french_date(local)} à {local.hour} h {local.minute:02d}"


class BusinessCalendar:
    """Opening hours on working days, French public holidays excluded (Easter-based ones too)."""

    def __init__(
        self,
        opening: Sequence[tuple[time, time]] = DEFAULT_OPENING,
        weekdays: Iterable[int] = range(5),
        tz: str = "Europe/Paris",
        response_time: timedelta = timedelta(hours=8),
        country: str = "FR",
        subdiv: str | None = None,
    ) -> None:
        self.opening = tuple(sorted(opening))
        self.weekdays = frozenset(weekdays)
        if not self.opening or not self.weekdays:
            raise ValueError("a business calendar needs opening hours and working days")
        self.tz = ZoneInfo(tz)
        self.response_time = response_time
        self.holidays = holidays.country_holidays(country, subdiv=subdiv)

    @classmethod
    def from_text(
        cls, hours: str, days: str, tz: str = "Europe/Paris", response_hours: float = 8
    ) -> BusinessCalendar:
        """Build a calendar from the settings' strings ("09:00-12:30,13:30-17:30", "0-4")."""
        return cls(parse_hours(hours), parse_days(days), tz, timedelta(hours=response_hours))

    def is_holiday(self, day: date) -> bool:
        """Tell whether a date is a French public holiday."""
        return day in self.holidays

    def is_open_day(self, day: date) -> bool:
        """Tell whether advisors work that day (a working weekday that is not a holiday)."""
        return day.weekday() in self.weekdays and not self.is_holiday(day)

    def local(self, at: datetime) -> datetime:
        """Return `at` in the calendar's time zone (naive times are taken as UTC)."""
        return _aware(at).astimezone(self.tz)

    def intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        """Return the opening intervals of a day, as local datetimes (none on closed days)."""
        if not self.is_open_day(day):
            return []
        return [
            (datetime.combine(day, start, self.tz), datetime.combine(day, end, self.tz))
            for start, end in self.opening
        ]

    def is_open(self, at: datetime) -> bool:
        """Tell whether advisors are at work at this moment."""
        local = self.local(at)
        return any(start <= local < end for start, end in self.intervals(local.date()))

    def next_open(self, at: datetime) -> datetime:
        """Return `at` if open, else the start of the next opening interval (local time)."""
        local = self.local(at)
        for offset in range(SEARCH_DAYS):
            for start, end in self.intervals(local.date() + timedelta(days=offset)):
                if local < end:
                    return max(start, local)
        raise ValueError("no opening hours in the next days")

    def add_business_time(self, at: datetime, delta: timedelta) -> datetime:
        """Return the moment when `delta` of business time has passed since `at`."""
        current, remaining = self.next_open(at), delta
        while True:
            end = next(e for s, e in self.intervals(current.date()) if s <= current < e)
            if remaining <= end - current:
                return current + remaining
            remaining -= end - current
            current = self.next_open(end)

    def expected_response(self, now: datetime) -> datetime:
        """Return when an advisor should have answered a ticket opened now."""
        return self.add_business_time(now, self.response_time)

    def upcoming_half_days(self, now: datetime, count: int = 6) -> list[Slot]:
        """Return the next `count` half-days (morning, afternoon) that start after `now`."""
        local, slots = self.local(now), []
        for offset in range(SEARCH_DAYS):
            day = local.date() + timedelta(days=offset)
            for start, end in self.intervals(day):
                if start > local and len(slots) < count:
                    part = "matin" if start.time() < time(12) else "après-midi"
                    slots.append(Slot(start, end, f"{french_date(day)}, {part}"))
            if len(slots) >= count:
                break
        return slots

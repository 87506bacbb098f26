"""Read the appointment times advisors type ("12/12 14h30") and write dates in French."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from routing.errors import HotlineError
from routing.tickets.business_hours import DAYS
from routing.tickets.business_hours import french_date as french_calendar_day

PARIS = ZoneInfo("Europe/Paris")
# Advisors book calls for the coming weeks; a date further away is almost surely a typo.
MAX_AHEAD = timedelta(days=366)

_TIME = re.compile(r"(?<!\d)(?P<hour>\d{1,2})\s*(?:h|:)\s*(?P<minute>\d{2})?(?!\d)")
_DATE = re.compile(r"(?<!\d)(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})(?:[/.-](?P<year>\d{2,4}))?")
_RELATIVE = {"aujourd'hui": 0, "aujourdhui": 0, "demain": 1, "après-demain": 2, "apres-demain": 2}


class UnreadableTime(HotlineError):
    """Raised when a typed date and time cannot be understood; `reason` is French."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_appointment(text: str, now: datetime, tz: ZoneInfo = PARIS) -> datetime:
    """Return the aware datetime meant by "12/12 14h30", "demain 9h", "mardi 10:15"...

    A date without a year is the next one to come; the result must be in the future.
    """
    cleaned = text.strip().lower().replace("’", "'")
    local_now = now.astimezone(tz)
    found_time = _TIME.search(cleaned)
    if found_time is None:
        raise UnreadableTime(
            "Je n'ai pas trouvé l'heure. Écrivez la date et l'heure, par exemple « 12/12 14h30 »."
        )
    hour, minute = int(found_time["hour"]), int(found_time["minute"] or 0)
    if hour > 23 or minute > 59:
        raise UnreadableTime("Cette heure n'existe pas. Exemple : « 14h30 ».")
    rest = cleaned[: found_time.start()] + " " + cleaned[found_time.end() :]
    day = _day_of(rest, local_now, time(hour, minute))
    moment = datetime.combine(day, time(hour, minute), tzinfo=tz)
    if moment <= local_now:
        raise UnreadableTime("Ce moment est déjà passé. Indiquez une date à venir.")
    if moment - local_now > MAX_AHEAD:
        raise UnreadableTime("Cette date est à plus d'un an. Vérifiez l'année.")
    return moment


def _day_of(text: str, local_now: datetime, at: time) -> date:
    today = local_now.date()
    found = _DATE.search(text)
    if found is not None:
        return _explicit_day(found, today)
    for word, offset in _RELATIVE.items():
        if word in text:
            return today + timedelta(days=offset)
    for number, name in enumerate(DAYS):
        if re.search(rf"\b{name}\b", text):
            ahead = (number - today.weekday()) % 7
            if ahead == 0 and at <= local_now.time():  # "mardi" said on a Tuesday afternoon
                ahead = 7
            return today + timedelta(days=ahead)
    raise UnreadableTime(
        "Je n'ai pas trouvé la date. Écrivez par exemple « 12/12 14h30 » ou « demain 9h »."
    )


def _explicit_day(found: re.Match, today: date) -> date:
    day, month = int(found["day"]), int(found["month"])
    year = found["year"]
    try:
        if year is not None:
            full_year = int(year) + (2000 if len(year) == 2 else 0)
            return date(full_year, month, day)
        candidate = date(today.year, month, day)
    except ValueError:
        raise UnreadableTime("Cette date n'existe pas. Exemple : « 12/12 14h30 ».") from None
    if candidate < today:
        try:
            candidate = date(today.year + 1, month, day)
        except ValueError:  # 29/02 of a year followed by a common year
            raise UnreadableTime("Cette date n'existe pas l'an prochain.") from None
    return candidate


def french_date(moment: datetime, tz: ZoneInfo = PARIS) -> str:
    """Return "mardi 12 décembre à 14h30" (in Paris time)."""
    return f"{french_day(moment, tz)} à {french_time(moment.astimezone(tz))}"


def french_day(moment: datetime, tz: ZoneInfo = PARIS) -> str:
    """Return "mardi 12 décembre", "mardi 1er décembre" (in Paris time)."""
    return french_calendar_day(moment.astimezone(tz))


def french_time(moment: datetime) -> str:
    """Return "14h30", or "9h" on the hour."""
    return f"{moment.hour}h{moment.minute:02d}" if moment.minute else f"{moment.hour}h"

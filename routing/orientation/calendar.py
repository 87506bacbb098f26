"""The .ics calendar of a cycle's sessions, built with the icalendar library."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event

from routing.orientation.model import SESSION_LENGTH

PRODID = "-//ANCT Territoires d'engagement//Hotline participation//FR"


def cycle_calendar(cycle_id: int, theme: str, starts: list[datetime], link: str) -> bytes:
    """One event per session (times in UTC, so every calendar shows them at the Paris hour)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    total = len(starts)
    for number, start in enumerate(starts, 1):
        event = Event()
        event.add("uid", f"atelier-{cycle_id}-seance-{number}@hotline-participation")
        event.add("dtstamp", start - timedelta(days=365))  # stable: the file never changes
        event.add("dtstart", start)
        event.add("dtend", start + SESSION_LENGTH)
        event.add("summary", f"Atelier interactif « {theme} » — séance {number}/{total}")
        event.add("description", f"Séance en visio : {link}\nCaméra et micro allumés.")
        event.add("location", link)
        event.add("url", link)
        calendar.add_component(event)
    return calendar.to_ical()

"""What the orientation service tells people, queued in the outbox (restarts lose none)."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from routing.orientation.model import REMINDER_JOB, Cycle, Registration, Session
from routing.tickets.outbox import Notification


class OrientationKind(StrEnum):
    """Outbox kinds of the orientation notifications (each rendered by the bot)."""

    CONFIRMED = "ori_confirmed"  # with the .ics calendar of the four sessions
    OFFERED = "ori_offered"
    EXPIRED = "ori_expired"
    REMINDER = "ori_reminder"


def cycle_payload(cycle: Cycle) -> dict:
    """What a rendered notification needs of a cycle (no one's contact details)."""
    return {
        "cycle": cycle.id,
        "theme": cycle.theme,
        "link": cycle.visio_link,
        "sessions": [s.starts_at.isoformat() for s in cycle.sessions],
    }


class Notices:
    """Queue notifications and schedule the reminders, with Paris wall-clock times."""

    def __init__(self, timezone: str) -> None:
        self.tz = ZoneInfo(timezone)

    def _add(self, uow, chat_id: int, kind: str, payload: dict, now: datetime, key: str) -> int:
        notification = Notification(chat_id, kind, payload, now, key)
        return int(uow.outbox.add(notification, now))

    def confirmed(self, uow, registration: Registration, cycle: Cycle, now: datetime) -> int:
        """The place is confirmed: the dates, and the calendar file."""
        payload = cycle_payload(cycle) | {"registration": registration.id}
        key = f"ori:confirmed:{registration.id}"
        return self._add(uow, registration.user_id, OrientationKind.CONFIRMED, payload, now, key)

    def offered(self, uow, registration: Registration, cycle: Cycle, now: datetime) -> int:
        """A place freed up: confirm before `offered_until`."""
        payload = cycle_payload(cycle) | {
            "registration": registration.id,
            "until": registration.offered_until.isoformat(),
        }
        key = f"ori:offered:{registration.id}:{registration.offered_until.isoformat()}"
        return self._add(uow, registration.user_id, OrientationKind.OFFERED, payload, now, key)

    def expired(self, uow, registration: Registration, cycle: Cycle, now: datetime) -> int:
        """The offer lapsed: the place goes to the next person."""
        payload = cycle_payload(cycle) | {"registration": registration.id}
        key = f"ori:expired:{registration.id}"
        return self._add(uow, registration.user_id, OrientationKind.EXPIRED, payload, now, key)

    def reminder(
        self, uow, registration: Registration, cycle: Cycle, session: Session, which: str
    ) -> int:
        """The day before or one hour before a session, with the visio link."""
        payload = cycle_payload(cycle) | {
            "number": session.number,
            "at": session.starts_at.isoformat(),
            "which": which,
        }
        key = f"ori:rem:{session.id}:{which}:{session.starts_at.isoformat()}:{registration.id}"
        due = session.starts_at - timedelta(hours=1) if which == "hour" else None
        moment = due or self.day_before(session.starts_at)
        return self._add(uow, registration.user_id, OrientationKind.REMINDER, payload, moment, key)

    def day_before(self, starts_at: datetime) -> datetime:
        """The same Paris wall-clock time on the day before (not 24 h: DST days differ)."""
        local = starts_at.astimezone(self.tz)
        previous = (local.replace(tzinfo=None) - timedelta(days=1)).replace(tzinfo=self.tz)
        return previous.astimezone(starts_at.tzinfo)

    def schedule(self, uow, cycle: Cycle) -> int:
        """Schedule both reminders of every session (once per session time)."""
        added = 0
        for session in cycle.sessions:
            at = session.starts_at.isoformat()
            for which, due in (
                ("day", self.day_before(session.starts_at)),
                ("hour", session.starts_at - timedelta(hours=1)),
            ):
                payload = {"session": session.id, "which": which, "at": at}
                key = f"ori:rem:{session.id}:{which}:{at}"
                added += int(uow.jobs.add(REMINDER_JOB, None, due, payload, key))
        return added

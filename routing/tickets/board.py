"""The staff ticket board: queue, waiting times, advisors, SLA breaches and event logs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from routing.errors import TicketNotFound
from routing.safety.redaction import redact
from routing.tickets.business_hours import BusinessCalendar
from routing.tickets.core import TicketPolicy
from routing.tickets.model import EventKind, Ticket, TicketStatus

# Events whose detail is what someone wrote: only its length is shown on the board.
FREE_TEXT = {EventKind.RELAYED_TO_ADVISOR, EventKind.RELAYED_TO_OFFICIAL, EventKind.DETAIL_ADDED}


@dataclass(frozen=True)
class BoardLine:
    """A ticket as staff see it on the board: no phone, no e-mail, no collectivité."""

    number: int
    status: TicketStatus
    created_at: datetime
    claimed_at: datetime | None
    resolved_at: datetime | None
    advisor: str | None
    topics: tuple[str, ...]
    waiting: timedelta
    breaches: tuple[str, ...]
    rating: int | None


@dataclass(frozen=True)
class BoardEvent:
    """One line of a ticket's log: when, who (a role or an advisor's name), what.

    For messages people wrote, `detail` is empty and `written` gives the text's length.
    """

    at: datetime
    actor: str
    kind: str
    detail: str
    written: int | None = None


@dataclass(frozen=True)
class TicketFile:
    """A ticket's page: its board line, its question (contacts masked) and its event log."""

    line: BoardLine
    question: str
    events: tuple[BoardEvent, ...]


class TicketBoard:
    """What the back-office shows of the tickets; contact details never leave this service."""

    def __init__(
        self,
        uow_factory: Callable,
        calendar: BusinessCalendar,
        policy: TicketPolicy,
        now: Callable[[], datetime],
    ) -> None:
        self.uow_factory = uow_factory
        self.calendar = calendar
        self.policy = policy
        self.now = now

    def lines(self, include_closed: bool = False) -> list[BoardLine]:
        """Return the open tickets oldest first (the queue), then the latest closed ones."""
        with self.uow_factory() as uow:
            tickets = uow.board.tickets(include_closed)
            names = uow.board.advisor_names()
        now = self.now()
        return [self._line(t, names, now) for t in tickets]

    def file(self, ticket_id: int) -> TicketFile:
        """Return one ticket with its event log; raise TicketNotFound."""
        with self.uow_factory() as uow:
            ticket = uow.tickets.get(ticket_id)
            if ticket is None:
                raise TicketNotFound(ticket_id)
            events = uow.tickets.events(ticket_id)
            names = uow.board.advisor_names()
        shown = [_event(e, self._actor(e.actor_id, ticket, names)) for e in events]
        line = self._line(ticket, names, self.now())
        return TicketFile(line, redact(ticket.question), tuple(shown))

    def breaches(self, ticket: Ticket, now: datetime) -> tuple[str, ...]:
        """Return which promises a ticket broke: "claim", "staff" (escalated), "response"."""
        found = []
        claim_by = self.calendar.add_business_time(ticket.created_at, self.policy.claim_reminder)
        claimed_or_now = ticket.claimed_at or (now if ticket.status.is_open else None)
        if claimed_or_now and claimed_or_now > claim_by:
            found.append("claim")
        staff_by = self.calendar.add_business_time(ticket.created_at, self.policy.staff_escalation)
        if ticket.status == TicketStatus.NEW and now > staff_by:
            found.append("staff")
        answer_by = self.calendar.expected_response(ticket.created_at)
        if ticket.status != TicketStatus.CANCELLED:
            done = ticket.resolved_at or now
            if done > answer_by:
                found.append("response")
        return tuple(found)

    def _line(self, ticket: Ticket, names: dict[int, str], now: datetime) -> BoardLine:
        end = ticket.resolved_at or (now if ticket.status.is_open else ticket.created_at)
        return BoardLine(
            number=ticket.number,
            status=ticket.status,
            created_at=ticket.created_at,
            claimed_at=ticket.claimed_at,
            resolved_at=ticket.resolved_at,
            advisor=names.get(ticket.advisor_id) if ticket.advisor_id else None,
            topics=ticket.topic_slugs,
            waiting=max(end - ticket.created_at, timedelta(0)),
            breaches=self.breaches(ticket, now),
            rating=ticket.rating,
        )

    @staticmethod
    def _actor(actor_id: int | None, ticket: Ticket, names: dict[int, str]) -> str:
        if actor_id is None:
            return "system"
        if actor_id == ticket.official_id:
            return "official"
        return names.get(actor_id, "advisor")


def _event(event, actor: str) -> BoardEvent:
    if event.kind in FREE_TEXT:
        return BoardEvent(event.at, actor, event.kind, "", len(event.detail or ""))
    return BoardEvent(event.at, actor, event.kind, redact(event.detail or ""))

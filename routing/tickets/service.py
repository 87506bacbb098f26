"""The ticket service: what officials and advisors do with tickets, authorised from the DB.

The actions live in `official` and `advisor`; this module adds the queries, the scheduled
work (reminders, SLA checks, ratings) the dispatch loop runs, and the erasure notices.
"""

from __future__ import annotations

from datetime import datetime

from routing.tickets.advisor import AdvisorActions
from routing.tickets.business_hours import Slot
from routing.tickets.core import SLA_JOBS, TicketPolicy
from routing.tickets.model import EventKind, Job, Ticket, TicketEvent, TicketStatus
from routing.tickets.official import RATING_JOB, OfficialActions
from routing.tickets.parties import Party as P
from routing.tickets.parties import erased_card, short_payload

__all__ = ["TicketPolicy", "TicketService"]


class TicketService(AdvisorActions, OfficialActions):
    """Open, claim, book, relay, close and rate tickets; every notification goes to the outbox."""

    def slots(self, count: int = 6) -> list[Slot]:
        """Return the next half-days an official can pick for the call-back."""
        return self.calendar.upcoming_half_days(self.clock.now(), count)

    # -- queries -------------------------------------------------------------------------
    def get(self, ticket_id: int, viewer_id: int) -> Ticket:
        """Return a ticket to its official or an advisor; contact details only for the holder."""
        with self.uow_factory() as uow:
            ticket = self._ticket(uow, ticket_id)
            if viewer_id != ticket.official_id:
                self._helper(uow, viewer_id, "view")
        return self._show(ticket, viewer_id)

    def events(self, ticket_id: int, viewer_id: int | None = None) -> list[TicketEvent]:
        """Return a ticket's event log, oldest first (authorised when a viewer is given)."""
        with self.uow_factory() as uow:
            ticket = self._ticket(uow, ticket_id)
            if viewer_id is not None and viewer_id != ticket.official_id:
                self._helper(uow, viewer_id, "view")
            return uow.tickets.events(ticket_id)

    def tickets_of_official(self, official_id: int) -> list[Ticket]:
        """Return an official's tickets, newest first."""
        with self.uow_factory() as uow:
            tickets = uow.tickets.of_official(official_id)
        return [self._show(t, official_id) for t in tickets]

    def tickets_of_advisor(self, advisor_id: int) -> list[Ticket]:
        """Return the open tickets an advisor holds, oldest first."""
        with self.uow_factory() as uow:
            self._helper(uow, advisor_id, "list")
            tickets = uow.tickets.held_by(advisor_id)
        return [self._show(t, advisor_id) for t in tickets]

    def queue(self, viewer_id: int | None = None) -> list[Ticket]:
        """Return the unclaimed tickets, oldest first, without contact details."""
        with self.uow_factory() as uow:
            if viewer_id is not None:
                self._helper(uow, viewer_id, "queue")
            tickets = uow.tickets.queue()
        return [self._show(t, None) for t in tickets]

    def open_claimed_ticket_of(self, official_id: int) -> Ticket | None:
        """Return the official's most recent ticket an advisor holds, if any."""
        held = [t for t in self.tickets_of_official(official_id) if t.status.is_held]
        return held[0] if held else None

    def open_ticket_of(self, official_id: int) -> Ticket | None:
        """Return the official's most recent ticket still open (held or not), if any."""
        opened = [t for t in self.tickets_of_official(official_id) if t.status.is_open]
        return opened[0] if opened else None

    def followed_ticket_of(self, official_id: int) -> Ticket | None:
        """Return the ticket the official's messages belong to: held, or released and waiting.

        A released ticket keeps the conversation: what the official writes is attached to it
        for the next holder rather than taken as a new question.
        """
        with self.uow_factory() as uow:
            for ticket in uow.tickets.of_official(official_id):
                if ticket.status.is_held:
                    return self._show(ticket, official_id)
                released = ticket.status == TicketStatus.NEW and any(
                    e.kind == EventKind.RELEASED for e in uow.tickets.events(ticket.id)
                )
                if released:
                    return self._show(ticket, official_id)
        return None

    def check_holding(self, ticket_id: int, advisor_id: int, staff_too: bool = False) -> Ticket:
        """Check, at the first press of an action, that the advisor still holds the ticket."""
        with self.uow_factory() as uow:
            ticket, _actor = self._held(uow, ticket_id, advisor_id, "check", staff_too=staff_too)
        return self._show(ticket, advisor_id)

    # -- scheduled work ------------------------------------------------------------------
    def run_due_jobs(self, now: datetime | None = None, limit: int = 100) -> int:
        """Run the due reminders and SLA checks; return how many notifications they queued."""
        now = now or self.clock.now()
        queued = 0
        with self.uow_factory() as uow:
            for job in uow.jobs.due(now, limit):
                if not uow.jobs.done(job.id, now):
                    continue  # another process ran it
                ticket = uow.tickets.get(job.ticket_id)
                if ticket is not None:
                    queued += self._run(uow, job, ticket)
            uow.commit()
        return queued

    def _run(self, uow, job: Job, ticket: Ticket) -> int:
        """Run one job if it still applies (a claimed ticket needs no SLA reminder)."""
        if job.kind == RATING_JOB:
            return self.tell_rating(uow, ticket) if ticket.rating else 0
        if job.kind in SLA_JOBS:
            return self._sla(uow, job, ticket) if ticket.status == TicketStatus.NEW else 0
        booked = job.payload.get("at")
        if (
            job.kind == "reminder"
            and ticket.status == TicketStatus.SCHEDULED
            and ticket.appointment is not None
            and booked
            and datetime.fromisoformat(booked) == ticket.appointment
        ):
            return self._remind(uow, job, ticket)
        return 0

    def _sla(self, uow, job: Job, ticket: Ticket) -> int:
        waited = int((self.clock.now() - ticket.created_at).total_seconds() // 60)
        payload = self._card(uow, ticket) | {"waiting_minutes": max(0, waited)}
        party = P.GROUP if job.kind == SLA_JOBS[0] else P.STAFF
        sent = self._tell(uow, job.kind, ticket, job.id, {party: payload})
        self._log(uow, ticket.id, None, EventKind.SLA_REMINDED, job.kind)
        return sent

    def _remind(self, uow, job: Job, ticket: Ticket) -> int:
        base = short_payload(
            ticket,
            which=job.payload.get("which"),
            at=ticket.appointment.astimezone(self.calendar.tz).isoformat(),
            channel=str(ticket.appointment_channel or ticket.channel),
            link=ticket.appointment_link,
            advisor=self._name(uow, ticket.advisor_id),
        )
        official = base | {"audience": "official"}
        # Only the holder's copy names the official and carries the contact details.
        advisor = base | {
            "audience": "advisor",
            "official": self._name(uow, ticket.official_id),
            "phone": ticket.phone,
            "email": ticket.email,
        }
        sent = self._tell(
            uow, "reminder", ticket, job.id, {P.OFFICIAL: official, P.HOLDER: advisor}
        )
        self._log(uow, ticket.id, None, EventKind.REMINDED, str(job.payload.get("which")))
        return sent

    # -- erasure (called by the privacy service, inside its transaction) ---------------------
    def erasure_plan(self, uow, official_id: int) -> list[tuple[Ticket, int | None]]:
        """Read, before the scrub, the person's tickets and each holder's ticket message."""
        plan = []
        for ticket in uow.tickets.of_official(official_id):
            holder = ticket.advisor_id if ticket.status.is_held else None
            message_id = uow.outbox.ticket_message(holder, ticket.id) if holder else None
            plan.append((ticket, message_id))
        return plan

    def announce_erasure(self, uow, plan: list[tuple[Ticket, int | None]]) -> int:
        """After the scrub: each card says "retirée", each holder is told; nothing personal."""
        queued = 0
        for ticket, message_id in plan:
            payloads = {
                P.CARD: erased_card(ticket.id, ticket.number),
                P.HOLDER: short_payload(ticket, message_id=message_id),
            }
            skip = set() if ticket.group_message_id else {P.CARD}
            if not ticket.status.is_held:
                skip.add(P.HOLDER)
            queued += self._tell(uow, "erase", ticket, "erased", payloads, skip)
        return queued

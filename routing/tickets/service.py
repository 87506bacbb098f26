"""The ticket service: what officials and advisors do with tickets, authorised from the DB.

The actions live in `ticket_official` and `ticket_advisor`; this module adds the queries and
the scheduled work (reminders, SLA checks) the bot's dispatch loop runs from the database.
"""

from __future__ import annotations

from datetime import datetime

from routing.records import Role
from routing.tickets.advisor import AdvisorActions
from routing.tickets.business_hours import Slot
from routing.tickets.core import SLA_JOBS, TicketPolicy
from routing.tickets.model import EventKind, Job, Ticket, TicketEvent, TicketStatus
from routing.tickets.notices import short_payload
from routing.tickets.official import OfficialActions
from routing.tickets.outbox import NotificationKind as N

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
        if job.kind == SLA_JOBS[0]:
            chats, kind = [self.policy.advisors_chat_id], N.SLA_REMINDER_GROUP
        else:
            chats, kind = self._staff_chats(uow), N.SLA_REMINDER_STAFF
        sent = sum(
            self._notify(uow, chat, kind, payload, f"{job.kind}:{job.id}:{chat}") for chat in chats
        )
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
        sent = self._notify(
            uow, ticket.official_id, N.REMINDER, official, f"reminder:{job.id}:official"
        )
        sent += self._notify(
            uow, ticket.advisor_id, N.REMINDER, advisor, f"reminder:{job.id}:advisor"
        )
        self._log(uow, ticket.id, None, EventKind.REMINDED, str(job.payload.get("which")))
        return sent

    def _staff_chats(self, uow) -> list[int]:
        if self.policy.staff_chat_id is not None:
            return [self.policy.staff_chat_id]
        return [a.user_id for a in uow.advisors.list(active_only=True) if a.role == Role.STAFF]

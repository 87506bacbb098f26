"""What an advisor does with a ticket: claim, release, transfer, book, relay, close."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from routing.curation.drafts import draft_entry
from routing.errors import (
    AlreadyClaimed,
    EmptyMessage,
    InvalidAppointment,
    InvalidTransition,
    NotAllowed,
    UnknownAdvisor,
)
from routing.tickets.contact import parse_phone
from routing.tickets.core import SLA_JOBS, TicketCore
from routing.tickets.model import AppointmentStatus, Channel, EventKind, Ticket, TicketStatus
from routing.tickets.parties import Party as P
from routing.tickets.parties import short_payload

REMINDERS = (("day_before", timedelta(days=1)), ("soon", timedelta(minutes=15)))
MAX_WAITING = 10  # messages shown to the next holder


class AdvisorActions(TicketCore):
    """Ticket actions authorised by users.role and by holding the ticket."""

    def claim(self, ticket_id: int, advisor_id: int) -> Ticket:
        """Take a new ticket; atomic, so of two simultaneous claims exactly one wins."""
        with self.uow_factory() as uow:
            self._helper(uow, advisor_id, "claim")
            self._ticket(uow, ticket_id)
        # A fresh transaction whose first statement is the conditional UPDATE: SQLite cannot
        # turn a transaction that already read into a writer once another writer committed.
        now = self.clock.now()
        with self.uow_factory() as uow:
            if not uow.tickets.claim(ticket_id, advisor_id, now):
                current = self._ticket(uow, ticket_id)
                if current.status.is_held and current.advisor_id == advisor_id:
                    return self._show(current, advisor_id)  # a double press: already theirs
                if current.status.is_held:
                    name = self._name(uow, current.advisor_id) or "un autre conseiller"
                    raise AlreadyClaimed(ticket_id, name)
                raise InvalidTransition(ticket_id, str(current.status), "claim")
            uow.advisors.touch_assigned(advisor_id, now)
            uow.jobs.cancel(ticket_id, SLA_JOBS, now)
            event = self._log(uow, ticket_id, advisor_id, EventKind.CLAIMED)
            ticket = self._ticket(uow, ticket_id)
            private = self._private(uow, ticket)
            private["waiting_messages"] = self._waiting_messages(uow, ticket_id)
            official = short_payload(ticket, advisor=self._name(uow, advisor_id))
            before = replace(ticket, status=TicketStatus.NEW, advisor_id=None)
            self._tell(uow, "claim", before, event, {P.HOLDER: private, P.OFFICIAL: official})
            uow.commit()
        return self._show(ticket, advisor_id)

    def release(self, ticket_id: int, advisor_id: int) -> Ticket:
        """Give a held ticket back to the queue (its holder, or staff)."""
        now = self.clock.now()
        with self.uow_factory() as uow:
            ticket, _actor = self._held(uow, ticket_id, advisor_id, "release", staff_too=True)
            self._move(
                uow,
                ticket,
                TicketStatus.NEW,
                "release",
                advisor_id=None,
                claimed_at=None,
                appointment=None,
                appointment_channel=None,
                appointment_link=None,
                appointment_status=None,
            )
            uow.jobs.cancel(ticket_id, ("reminder",), now)
            event = self._log(uow, ticket_id, advisor_id, EventKind.RELEASED)
            group = short_payload(ticket, advisor=self._name(uow, ticket.advisor_id))
            self._tell(uow, "release", ticket, event, {P.GROUP: group})
            self._schedule_sla(uow, ticket_id, f"released-{event}")
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), advisor_id)

    def transfer(self, ticket_id: int, advisor_id: int, to_advisor_id: int) -> Ticket:
        """Hand a held ticket to another registered advisor (its holder, or staff)."""
        with self.uow_factory() as uow:
            ticket, _actor = self._held(uow, ticket_id, advisor_id, "transfer", staff_too=True)
            try:
                self._helper(uow, to_advisor_id, "receive")
            except NotAllowed:
                raise UnknownAdvisor(to_advisor_id) from None
            if to_advisor_id == ticket.advisor_id:
                return self._show(ticket, advisor_id)
            # Not a status change: the holder changes, guarded on the status and holder read.
            self._guarded(uow, ticket, ticket.status, "transfer", advisor_id=to_advisor_id)
            detail = f"{ticket.advisor_id}->{to_advisor_id}"
            event = self._log(uow, ticket_id, advisor_id, EventKind.TRANSFERRED, detail)
            moved = self._ticket(uow, ticket_id)
            private = self._private(uow, moved)
            private["from_advisor"] = self._name(uow, ticket.advisor_id)
            official = short_payload(moved, advisor=self._name(uow, to_advisor_id))
            self._tell(uow, "transfer", ticket, event, {P.HOLDER: private, P.OFFICIAL: official})
            uow.commit()
            return self._show(moved, advisor_id)

    def book(
        self,
        ticket_id: int,
        advisor_id: int,
        at: datetime,
        channel: Channel,
        link_or_phone: str | None = None,
    ) -> Ticket:
        """Book the call; the official is asked to confirm, both get reminders."""
        now, at, channel = self.clock.now(), self._aware(at), Channel(channel)
        if at <= now:
            raise InvalidAppointment("le rendez-vous est dans le passé")
        link = (link_or_phone or "").strip()[:500] or None
        if channel == Channel.VIDEO and not (link or "").startswith(("https://", "http://")):
            raise InvalidAppointment("un lien de visioconférence (https://…) est nécessaire")
        with self.uow_factory() as uow:
            ticket, _actor = self._held(uow, ticket_id, advisor_id, "book")
            if channel == Channel.PHONE:
                link = parse_phone(link) if link else ticket.phone
            changes = dict(
                appointment=at,
                appointment_channel=channel,
                appointment_link=link,
                appointment_status=AppointmentStatus.PROPOSED,
            )
            self._move(uow, ticket, TicketStatus.SCHEDULED, "book", **changes)
            uow.jobs.cancel(ticket_id, ("reminder",), now)
            stamp = at.isoformat()
            event = self._log(uow, ticket_id, advisor_id, EventKind.BOOKED, f"{stamp} {channel}")
            for which, before in REMINDERS:
                if at - before > now:
                    key = f"reminder:{ticket_id}:{stamp}:{which}"
                    self._schedule(
                        uow, "reminder", ticket_id, at - before, key, at=stamp, which=which
                    )
            payload = short_payload(
                ticket,
                advisor=self._name(uow, advisor_id),
                at=at.astimezone(self.calendar.tz).isoformat(),
                channel=str(channel),
                link=link if channel == Channel.VIDEO else None,
            )
            self._tell(uow, "book", ticket, event, {P.OFFICIAL: payload})
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), advisor_id)

    def relay_to_official(self, ticket_id: int, advisor_id: int, text: str) -> Ticket:
        """Pass the advisor's message to the official, with the ticket number."""
        text = self._text(text)
        if not text:
            raise EmptyMessage()
        with self.uow_factory() as uow:
            ticket, _actor = self._held(uow, ticket_id, advisor_id, "relay")
            if ticket.status == TicketStatus.CLAIMED:
                self._move(uow, ticket, TicketStatus.WAITING_OFFICIAL, "relay")
            event = self._log(uow, ticket_id, advisor_id, EventKind.RELAYED_TO_OFFICIAL, text)
            payload = short_payload(ticket, advisor=self._name(uow, advisor_id), text=text)
            self._tell(uow, "relay_to_official", ticket, event, {P.OFFICIAL: payload})
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), advisor_id)

    def close(
        self, ticket_id: int, advisor_id: int, resolution: str, add_to_kb: bool = False
    ) -> Ticket:
        """Resolve a held ticket; the official is asked for a rating; optionally draft an entry."""
        resolution, now = self._text(resolution), self.clock.now()
        if not resolution:
            raise EmptyMessage()
        with self.uow_factory() as uow:
            ticket, _actor = self._held(uow, ticket_id, advisor_id, "close")
            changes = dict(resolved_at=now, closed_at=now, resolution=resolution)
            self._move(uow, ticket, TicketStatus.RESOLVED, "close", **changes)
            uow.jobs.cancel(ticket_id, ("reminder",), now)
            event = self._log(uow, ticket_id, advisor_id, EventKind.RESOLVED)
            if add_to_kb:
                self._draft(uow, ticket, resolution, advisor_id)
            payload = short_payload(ticket, advisor=self._name(uow, ticket.advisor_id))
            self._tell(uow, "close", ticket, event, {P.OFFICIAL: payload})
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), advisor_id)

    def card_posted(self, ticket_id: int, message_id: int) -> None:
        """Remember the message id of the ticket's card in the advisors' group."""
        with self.uow_factory() as uow:
            self._ticket(uow, ticket_id)
            uow.tickets.update(ticket_id, group_message_id=message_id)
            uow.commit()

    def _draft(self, uow, ticket: Ticket, resolution: str, advisor_id: int) -> None:
        entries = [e for e in map(uow.entries.get, ticket.topic_slugs) if e is not None]
        group = entries[0].group if entries else None
        entry = draft_entry(ticket, resolution, group, lambda s: uow.entries.get(s) is not None)
        uow.entries.save(entry, author=f"conseiller:{advisor_id}")
        self._log(uow, ticket.id, advisor_id, EventKind.DRAFT_CREATED, entry.slug)

    def _waiting_messages(self, uow, ticket_id: int) -> list[str]:
        """Return what the official wrote since the ticket was last released (for the claimer)."""
        waiting: list[str] = []
        for event in uow.tickets.events(ticket_id):
            if event.kind == EventKind.RELEASED:
                waiting = []
            elif event.kind == EventKind.RELAYED_TO_ADVISOR and event.detail:
                waiting.append(event.detail)
        return waiting[-MAX_WAITING:]

    def _aware(self, at: datetime) -> datetime:
        # A naive time typed by an advisor is a Paris wall-clock time, not UTC.
        return at if at.tzinfo else at.replace(tzinfo=self.calendar.tz)

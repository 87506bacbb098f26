"""What an official does with their tickets: open, confirm, ask another slot, relay, rate."""

from __future__ import annotations

from dataclasses import replace

from routing.errors import EmptyMessage, IncompleteIntake, InvalidRating, InvalidTransition
from routing.tickets.assignment import suggest
from routing.tickets.contact import parse_email, parse_phone
from routing.tickets.core import HELPER_ROLES, MAX_TEXT, SLA_JOBS, TicketCore
from routing.tickets.model import (
    Channel,
    EventKind,
    IntakeRequest,
    LastDetails,
    OpenedTicket,
    Ticket,
    TicketStatus,
)
from routing.tickets.notices import short_payload
from routing.tickets.outbox import NotificationKind as N

MAX_SLOTS = 3
MAX_TOPICS = 3


class OfficialActions(TicketCore):
    """Ticket actions authorised by being the ticket's official."""

    def open_ticket(self, req: IntakeRequest) -> OpenedTicket:
        """Open a ticket, suggest an advisor, post the card and schedule the SLA checks."""
        req = self._checked(req)
        topics = self._found_topics(req)  # searched before the write transaction opens
        now = self.clock.now()
        with self.uow_factory() as uow:
            groups = [e.group for e in map(uow.entries.get, topics) if e is not None]
            counts = uow.tickets.open_count_by_advisor()
            advisors = [
                replace(a, open_tickets=counts.get(a.user_id, 0))
                for a in uow.advisors.list(active_only=True)
                if a.role in HELPER_ROLES
            ]
            chosen = suggest(advisors, topics, groups)
            ticket = uow.tickets.add(req, topics, chosen.user_id if chosen else None, now)
            if chosen is not None:
                uow.advisors.touch_assigned(chosen.user_id, now)
            self._log(uow, ticket.id, req.official_id, EventKind.CREATED)
            card = self._card(uow, ticket)
            self._notify(uow, self.policy.advisors_chat_id, N.GROUP_CARD, card, f"card:{ticket.id}")
            self._schedule_sla(uow, ticket.id, "created")
            uow.commit()
        return OpenedTicket(
            self._show(ticket, req.official_id),
            self.calendar.expected_response(now),
            not self.calendar.is_open(now),
        )

    def last_details(self, official_id: int) -> LastDetails | None:
        """The collectivité, role, channel and contact of the official's latest request.

        None for a first request, and after `/supprimer_mes_donnees`: erasure detaches the
        tickets from the person, so nothing is found. A contact already purged stays empty.
        """
        with self.uow_factory() as uow:
            latest = next(iter(uow.tickets.of_official(official_id)), None)
        if latest is None or official_id == 0:
            return None
        return LastDetails(
            collectivite=latest.collectivite,
            official_role=latest.official_role,
            channel=latest.channel,
            phone=latest.phone,
            email=latest.email,
        )

    def official_confirms(self, ticket_id: int, official_id: int) -> Ticket:
        """The official accepts the booked call; the advisor is told."""
        with self.uow_factory() as uow:
            ticket = self._own(uow, ticket_id, official_id, "confirm")
            if ticket.status != TicketStatus.SCHEDULED:
                raise InvalidTransition(ticket_id, str(ticket.status), "confirm")
            event = self._log(uow, ticket_id, official_id, EventKind.CONFIRMED)
            payload = short_payload(ticket, official=self._name(uow, official_id))
            payload["at"] = ticket.appointment.astimezone(self.calendar.tz).isoformat()
            key = f"confirmed:{ticket_id}:{event}"
            self._notify(uow, ticket.advisor_id, N.APPOINTMENT_CONFIRMED, payload, key)
            uow.commit()
        return self._show(ticket, official_id)

    def official_asks_reslot(self, ticket_id: int, official_id: int) -> Ticket:
        """The official asks for another slot: the booking is dropped, the advisor is told."""
        with self.uow_factory() as uow:
            ticket = self._own(uow, ticket_id, official_id, "reslot")
            if ticket.status != TicketStatus.SCHEDULED:
                raise InvalidTransition(ticket_id, str(ticket.status), "reslot")
            self._move(uow, ticket, TicketStatus.CLAIMED, "reslot", appointment=None)
            uow.jobs.cancel(ticket_id, ("reminder",), self.clock.now())
            event = self._log(uow, ticket_id, official_id, EventKind.RESLOT_ASKED)
            tz = self.calendar.tz
            payload = short_payload(
                ticket,
                official=self._name(uow, official_id),
                slots=[s.astimezone(tz).isoformat() for s in ticket.slots],
            )
            key = f"reslot:{ticket_id}:{event}"
            self._notify(uow, ticket.advisor_id, N.RESLOT_ASKED, payload, key)
            self._card_update(uow, ticket_id, event)
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), official_id)

    def relay_to_advisor(self, ticket_id: int, official_id: int, text: str) -> Ticket:
        """Pass the official's message to the advisor holding the ticket."""
        text = self._text(text)
        if not text:
            raise EmptyMessage()
        with self.uow_factory() as uow:
            ticket = self._own(uow, ticket_id, official_id, "relay")
            if not ticket.status.is_held:
                raise InvalidTransition(ticket_id, str(ticket.status), "relay")
            if ticket.status == TicketStatus.WAITING_OFFICIAL:
                self._move(uow, ticket, TicketStatus.CLAIMED, "relay")
            event = self._log(uow, ticket_id, official_id, EventKind.RELAYED_TO_ADVISOR, text)
            payload = short_payload(
                ticket, official=self._name(uow, official_id), text=text, detail=False
            )
            key = f"relay-advisor:{ticket_id}:{event}"
            self._notify(uow, ticket.advisor_id, N.RELAY_TO_ADVISOR, payload, key)
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), official_id)

    def add_detail(self, ticket_id: int, official_id: int, text: str) -> Ticket:
        """Append a detail to an open ticket's question; the holder (if any) is told."""
        text = self._text(text)
        if not text:
            raise EmptyMessage()
        with self.uow_factory() as uow:
            ticket = self._own(uow, ticket_id, official_id, "detail")
            if not ticket.status.is_open:
                raise InvalidTransition(ticket_id, str(ticket.status), "detail")
            question = f"{ticket.question}\n\nPrécision : {text}"[: 2 * MAX_TEXT]
            uow.tickets.update(ticket_id, question=question)
            event = self._log(uow, ticket_id, official_id, EventKind.DETAIL_ADDED, text)
            if ticket.status.is_held:
                payload = short_payload(
                    ticket, official=self._name(uow, official_id), text=text, detail=True
                )
                key = f"detail:{ticket_id}:{event}"
                self._notify(uow, ticket.advisor_id, N.RELAY_TO_ADVISOR, payload, key)
            self._card_update(uow, ticket_id, event)
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), official_id)

    def cancel(self, ticket_id: int, official_id: int) -> Ticket:
        """The official withdraws an open ticket."""
        with self.uow_factory() as uow:
            ticket = self._own(uow, ticket_id, official_id, "cancel")
            self._move(uow, ticket, TicketStatus.CANCELLED, "cancel")
            uow.jobs.cancel(ticket_id, (*SLA_JOBS, "reminder"), self.clock.now())
            event = self._log(uow, ticket_id, official_id, EventKind.CANCELLED)
            if ticket.status.is_held:
                key = f"cancelled:{ticket_id}"
                payload = short_payload(ticket)
                self._notify(uow, ticket.advisor_id, N.CANCELLED_TO_ADVISOR, payload, key)
            self._card_update(uow, ticket_id, event)
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), official_id)

    def rate(self, ticket_id: int, official_id: int, stars: int, comment: str | None = None):
        """Record the official's rating (1 to 5) and optional comment on a resolved ticket."""
        if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 5:
            raise InvalidRating(stars)
        comment = self._text(comment)[:1000] or None
        with self.uow_factory() as uow:
            ticket = self._own(uow, ticket_id, official_id, "rate")
            if ticket.status != TicketStatus.RESOLVED:
                raise InvalidTransition(ticket_id, str(ticket.status), "rate")
            uow.tickets.update(ticket_id, rating=stars, rating_comment=comment)
            event = self._log(uow, ticket_id, official_id, EventKind.RATED, str(stars))
            payload = short_payload(ticket, stars=stars, comment=comment)
            key = f"rated:{ticket_id}:{event}"
            self._notify(uow, ticket.advisor_id, N.RATING_TO_ADVISOR, payload, key)
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), official_id)

    # -- helpers -----------------------------------------------------------------------
    def _checked(self, req: IntakeRequest) -> IntakeRequest:
        question, place = self._text(req.question), " ".join(req.collectivite.split())[:200]
        if not question:
            raise IncompleteIntake("question")
        if not place:
            raise IncompleteIntake("collectivite")
        if not req.consent:
            raise IncompleteIntake("consent")
        # The channel's own contact is required; the other one is kept only when given.
        phone = req.phone if req.channel == Channel.PHONE else (req.phone or "").strip()
        email = req.email if req.channel == Channel.VIDEO else (req.email or "").strip()
        return replace(
            req,
            question=question,
            collectivite=place,
            phone=parse_phone(phone) if phone != "" else None,
            email=parse_email(email) if email != "" else None,
            slots=[self.calendar.local(s) for s in req.slots[:MAX_SLOTS]],
        )

    def _found_topics(self, req: IntakeRequest) -> list[str]:
        if req.question_id is not None:
            with self.uow_factory() as uow:
                asked = uow.questions.get(req.question_id)
            if asked is not None and asked.user_id == req.official_id and asked.candidates:
                return [slug for slug, _score in asked.candidates[:MAX_TOPICS]]
        if self.answers is None:
            return []
        decision = self.answers.answer(req.question)
        return [c.slug for c in decision.candidates[:MAX_TOPICS]]

"""What an official does with their tickets: open, confirm, ask another slot, relay, rate."""

from __future__ import annotations

from dataclasses import replace

from routing.errors import (
    EmptyMessage,
    IncompleteIntake,
    InvalidRating,
    InvalidTransition,
    TooManyOpenRequests,
)
from routing.tickets.assignment import suggest
from routing.tickets.contact import parse_email, parse_phone
from routing.tickets.core import HELPER_ROLES, MAX_TEXT, SLA_JOBS, TicketCore
from routing.tickets.model import (
    AppointmentStatus,
    Channel,
    EventKind,
    IntakeRequest,
    LastDetails,
    OpenedTicket,
    Ticket,
    TicketStatus,
)
from routing.tickets.parties import Party as P
from routing.tickets.parties import short_payload

MAX_SLOTS = 3
RATING_JOB = "rating"
MAX_TOPICS = 3


class OfficialActions(TicketCore):
    """Ticket actions authorised by being the ticket's official."""

    def open_ticket(self, req: IntakeRequest) -> OpenedTicket:
        """Open a ticket, suggest an advisor, post the card and schedule the SLA checks."""
        req = self._checked(req)
        self.check_room(req.official_id)
        topics = self._found_topics(req)  # searched before the write transaction opens
        now = self.clock.now()
        with self.uow_factory() as uow:
            self._room(uow, req.official_id)
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
            event = self._log(uow, ticket.id, req.official_id, EventKind.CREATED)
            self._tell(uow, "open", ticket, event)
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

    def check_room(self, official_id: int) -> None:
        """Raise TooManyOpenRequests when the official may not open another request now."""
        with self.uow_factory() as uow:
            self._room(uow, official_id)

    def _room(self, uow, official_id: int) -> None:
        opened = [t.number for t in uow.tickets.of_official(official_id) if t.status.is_open]
        if len(opened) >= self.policy.max_open_requests:
            raise TooManyOpenRequests(official_id, sorted(opened))

    def official_confirms(self, ticket_id: int, official_id: int) -> Ticket:
        """The official accepts the booked call; the advisor is told."""
        with self.uow_factory() as uow:
            ticket = self._own(uow, ticket_id, official_id, "confirm")
            if ticket.status != TicketStatus.SCHEDULED:
                raise InvalidTransition(ticket_id, str(ticket.status), "confirm")
            uow.tickets.update(ticket_id, appointment_status=AppointmentStatus.CONFIRMED)
            event = self._log(uow, ticket_id, official_id, EventKind.CONFIRMED)
            payload = short_payload(ticket, official=self._name(uow, official_id))
            payload["at"] = ticket.appointment.astimezone(self.calendar.tz).isoformat()
            self._tell(uow, "confirm", ticket, event, {P.HOLDER: payload})
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), official_id)

    def official_asks_reslot(self, ticket_id: int, official_id: int) -> Ticket:
        """The official asks for another slot: the booking is dropped, the advisor is told."""
        with self.uow_factory() as uow:
            ticket = self._own(uow, ticket_id, official_id, "reslot")
            if ticket.status != TicketStatus.SCHEDULED:
                raise InvalidTransition(ticket_id, str(ticket.status), "reslot")
            cancelled = AppointmentStatus.CANCELLED
            self._move(uow, ticket, TicketStatus.CLAIMED, "reslot", appointment_status=cancelled)
            uow.jobs.cancel(ticket_id, ("reminder",), self.clock.now())
            event = self._log(uow, ticket_id, official_id, EventKind.RESLOT_ASKED)
            tz = self.calendar.tz
            payload = short_payload(
                ticket,
                official=self._name(uow, official_id),
                slots=[s.astimezone(tz).isoformat() for s in ticket.slots],
            )
            self._tell(uow, "reslot", ticket, event, {P.HOLDER: payload})
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), official_id)

    def relay_to_advisor(self, ticket_id: int, official_id: int, text: str) -> Ticket:
        """Pass the official's message to the advisor holding the ticket."""
        text = self._text(text)
        if not text:
            raise EmptyMessage()
        with self.uow_factory() as uow:
            ticket = self._own(uow, ticket_id, official_id, "relay")
            if not ticket.status.is_open:
                raise InvalidTransition(ticket_id, str(ticket.status), "relay")
            if ticket.status == TicketStatus.WAITING_OFFICIAL:
                self._move(uow, ticket, TicketStatus.CLAIMED, "relay")
            # With no holder (released) the message stays on the ticket for the next one.
            event = self._log(uow, ticket_id, official_id, EventKind.RELAYED_TO_ADVISOR, text)
            payload = short_payload(
                ticket, official=self._name(uow, official_id), text=text, detail=False
            )
            self._tell(uow, "relay_to_advisor", ticket, event, {P.HOLDER: payload})
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
            payload = short_payload(
                ticket, official=self._name(uow, official_id), text=text, detail=True
            )
            self._tell(uow, "detail", ticket, event, {P.HOLDER: payload})
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), official_id)

    def cancel(self, ticket_id: int, official_id: int) -> Ticket:
        """The official withdraws an open ticket."""
        with self.uow_factory() as uow:
            ticket = self._own(uow, ticket_id, official_id, "cancel")
            now = self.clock.now()
            booked = AppointmentStatus.CANCELLED if ticket.appointment_status else None
            self._move(
                uow,
                ticket,
                TicketStatus.CANCELLED,
                "cancel",
                closed_at=now,
                appointment_status=booked,
            )
            uow.jobs.cancel(ticket_id, (*SLA_JOBS, "reminder"), now)
            event = self._log(uow, ticket_id, official_id, EventKind.CANCELLED)
            self._tell(uow, "cancel", ticket, event)
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), official_id)

    def rate(
        self,
        ticket_id: int,
        official_id: int,
        stars: int,
        comment: str | None = None,
        final: bool = False,
    ):
        """Record the official's rating (1 to 5) and optional comment on a resolved ticket.

        The holder hears of it once: now with a comment (or `final`: no comment will come),
        else when the comment wait is over.
        """
        if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 5:
            raise InvalidRating(stars)
        comment = self._text(comment)[:1000] or None
        with self.uow_factory() as uow:
            ticket = self._own(uow, ticket_id, official_id, "rate")
            if ticket.status != TicketStatus.RESOLVED:
                raise InvalidTransition(ticket_id, str(ticket.status), "rate")
            uow.tickets.update(ticket_id, rating=stars, rating_comment=comment)
            self._log(uow, ticket_id, official_id, EventKind.RATED, str(stars))
            if comment is not None or final:
                self.tell_rating(uow, self._ticket(uow, ticket_id))
            else:  # a comment may follow: the holder is told once, with it if it comes soon
                due = self.clock.now() + self.policy.rating_comment_wait
                self._schedule(uow, RATING_JOB, ticket_id, due, f"rating:{ticket_id}")
            uow.commit()
            return self._show(self._ticket(uow, ticket_id), official_id)

    def tell_rating(self, uow, ticket: Ticket) -> int:
        """Tell the holder the rating, once per ticket whatever calls it first."""
        uow.jobs.cancel(ticket.id, (RATING_JOB,), self.clock.now())
        payload = short_payload(ticket, stars=ticket.rating, comment=ticket.rating_comment)
        return self._tell(uow, "rate", ticket, "once", {P.HOLDER: payload})

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

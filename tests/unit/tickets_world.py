"""A small in-memory hotline for the ticket tests: fakes, a fixed clock, a few people."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from routing.tickets.advisors import AdvisorDirectory
from routing.tickets.business_hours import BusinessCalendar, FixedClock
from routing.tickets.model import Channel, IntakeRequest, OfficialRole
from routing.tickets.outbox import OutboxService
from routing.tickets.service import TicketPolicy, TicketService
from tests.fakes import make_entry
from tests.ticket_fakes import FakeTicketUnitOfWork

PARIS = ZoneInfo("Europe/Paris")
GROUP = -1001
STAFF_CHAT = -2002
OFFICIAL, OTHER_OFFICIAL = 1, 2
ALICE, BOB, SAM, STRANGER = 10, 11, 20, 99
# Tuesday 1 December 2026, 10:00 in Paris: the office is open.
OPENING_DAY = datetime(2026, 12, 1, 9, tzinfo=UTC)


class World:
    """Services on fakes, with an official, two advisors and a staff member registered."""

    def __init__(self, staff_chat: int | None = STAFF_CHAT, at: datetime = OPENING_DAY) -> None:
        self.uow = FakeTicketUnitOfWork([make_entry(), make_entry("conseil-de-quartier")])
        self.clock = FixedClock(at)
        self.calendar = BusinessCalendar()
        policy = TicketPolicy(advisors_chat_id=GROUP, staff_chat_id=staff_chat)
        self.tickets = TicketService(self.uow, self.calendar, self.clock, policy)
        self.advisors = AdvisorDirectory(self.uow, self.clock)
        self.outbox = OutboxService(self.uow, self.clock)
        with self.uow as uow:
            uow.users.seen(OFFICIAL, "Jeanne", None)
            uow.users.seen(OTHER_OFFICIAL, "Paul", None)
            uow.users.seen(STRANGER, "Intrus", None)
            uow.commit()
        self.advisors.add(ALICE, "Alice")
        self.advisors.add(BOB, "Bob")
        self.advisors.add(SAM, "Sam", "staff")

    def request(self, **changes) -> IntakeRequest:
        slots = [s.start for s in self.calendar.upcoming_half_days(self.clock.now(), 2)]
        values = dict(
            official_id=OFFICIAL,
            question="Comment organiser un budget participatif dans une commune de 800 habitants ?",
            collectivite="Commune de Saint-Exemple",
            official_role=OfficialRole.ELU,
            channel=Channel.PHONE,
            phone="06 12 34 56 78",
            email=None,
            slots=slots,
            consent=True,
        )
        values.update(changes)
        return IntakeRequest(**values)

    def open(self, **changes):
        return self.tickets.open_ticket(self.request(**changes)).ticket

    def claimed(self, advisor_id: int = ALICE, **changes):
        ticket = self.open(**changes)
        return self.tickets.claim(ticket.id, advisor_id)

    def sent(self, kind: str | None = None, chat_id: int | None = None) -> list:
        """Return the notifications enqueued so far (committed), optionally filtered."""
        items = self.uow.committed.outbox.items(kind)
        return [i for i in items if chat_id is None or i.chat_id == chat_id]

    def kinds(self) -> list[str]:
        return [i.kind for i in self.sent()]

"""In-memory fakes of the ticket, advisor, outbox and job repositories (no mocks)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import datetime

from knowledge.entries.records import Entry
from routing.records import Role
from routing.tickets.model import HELD, Advisor, Job, Ticket, TicketEvent, TicketStatus
from routing.tickets.outbox import Notification, OutboxItem
from tests.fakes import (
    FakeAccessRevocation,
    FakeEntryRepository,
    FakeQuestionRepository,
    FakeUserRepository,
)


class FakeTicketRepository:
    """Tickets in a dict; `move` checks the status like the conditional UPDATE does."""

    def __init__(self) -> None:
        self.tickets: dict[int, Ticket] = {}
        self.log: list[TicketEvent] = []

    def add(self, req, topic_slugs, suggested_advisor_id, created_at) -> Ticket:
        ticket = Ticket(
            id=len(self.tickets) + 1,
            official_id=req.official_id,
            question=req.question,
            collectivite=req.collectivite,
            official_role=req.official_role,
            channel=req.channel,
            phone=req.phone,
            email=req.email,
            slots=tuple(req.slots),
            consent=req.consent,
            status=TicketStatus.NEW,
            created_at=created_at,
            suggested_advisor_id=suggested_advisor_id,
            topic_slugs=tuple(topic_slugs),
            question_id=req.question_id,
        )
        self.tickets[ticket.id] = ticket
        return ticket

    def get(self, ticket_id: int) -> Ticket | None:
        return self.tickets.get(ticket_id)

    def move(self, ticket_id, sources, target, holder=None, **changes) -> bool:
        ticket = self.tickets.get(ticket_id)
        if ticket is None or ticket.status not in set(sources):
            return False
        if holder is not None and ticket.advisor_id != holder:
            return False
        self.update(ticket_id, status=TicketStatus(target), **changes)
        return True

    def claim(self, ticket_id: int, advisor_id: int, at: datetime) -> bool:
        return self.move(
            ticket_id,
            [TicketStatus.NEW],
            TicketStatus.CLAIMED,
            advisor_id=advisor_id,
            claimed_at=at,
        )

    def update(self, ticket_id: int, **changes) -> None:
        if "slots" in changes:
            changes["slots"] = tuple(changes["slots"])
        self.tickets[ticket_id] = replace(self.tickets[ticket_id], **changes)

    def of_official(self, official_id: int) -> list[Ticket]:
        found = [t for t in self.tickets.values() if t.official_id == official_id]
        return sorted(found, key=lambda t: -t.id)

    def held_by(self, advisor_id: int) -> list[Ticket]:
        found = [t for t in self.tickets.values() if t.advisor_id == advisor_id]
        return sorted((t for t in found if t.status in HELD), key=lambda t: t.id)

    def queue(self) -> list[Ticket]:
        found = [t for t in self.tickets.values() if t.status == TicketStatus.NEW]
        return sorted(found, key=lambda t: (t.created_at, t.id))

    def open_count_by_advisor(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for ticket in self.tickets.values():
            if ticket.status in HELD and ticket.advisor_id is not None:
                counts[ticket.advisor_id] = counts.get(ticket.advisor_id, 0) + 1
        return counts

    def add_event(self, ticket_id, at, actor_id, kind, detail="") -> int:
        self.log.append(TicketEvent(ticket_id, at, actor_id, str(kind), detail))
        return len(self.log)

    def events(self, ticket_id: int) -> list[TicketEvent]:
        return [e for e in self.log if e.ticket_id == ticket_id]


class FakeAdvisorRepository:
    """Advisors, skills and invitations in dicts; roles come from the users fake."""

    def __init__(self, users: FakeUserRepository) -> None:
        self.users = users
        self.rows: dict[int, dict] = {}
        self.skills: dict[int, tuple[str, ...]] = {}
        self.invitations: dict[str, dict] = {}

    def upsert(self, user_id: int, name: str, active: bool = True) -> None:
        row = self.rows.setdefault(user_id, {"last_assigned_at": None})
        row.update(name=name, active=active)

    def get(self, user_id: int) -> Advisor | None:
        row, person = self.rows.get(user_id), self.users.get(user_id)
        if row is None or person is None:
            return None
        return Advisor(
            user_id,
            row["name"],
            person.role,
            row["active"],
            tuple(sorted(self.skills.get(user_id, ()))),
            row["last_assigned_at"],
        )

    def list(self, active_only: bool = True) -> list[Advisor]:
        found = [self.get(user_id) for user_id in sorted(self.rows)]
        return [a for a in found if a and (a.active or not active_only)]

    def deactivate(self, user_id: int) -> None:
        self.rows[user_id]["active"] = False

    def set_skills(self, user_id: int, skills) -> None:
        self.skills[user_id] = tuple(skills)

    def touch_assigned(self, user_id: int, at: datetime) -> None:
        if user_id in self.rows:
            self.rows[user_id]["last_assigned_at"] = at

    def add_invitation(self, code_hash, role, created_by, created_at, expires_at) -> None:
        self.invitations[code_hash] = {"role": Role(role), "expires_at": expires_at, "used": None}

    def use_invitation(self, code_hash: str, user_id: int, now: datetime) -> Role | None:
        found = self.invitations.get(code_hash)
        if found is None or found["used"] is not None or found["expires_at"] <= now:
            return None
        found["used"] = user_id
        return found["role"]


class FakeOutboxRepository:
    """Notifications in a list, unique by dedupe key like the SQL table."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, notification: Notification, now: datetime) -> bool:
        if any(r["key"] == notification.dedupe_key for r in self.rows):
            return False
        item = OutboxItem(
            len(self.rows) + 1,
            notification.chat_id,
            str(notification.kind),
            copy.deepcopy(notification.payload),
            notification.due_at,
            created_at=now,
        )
        self.rows.append(
            {"key": notification.dedupe_key, "item": item, "sent_at": None, "sending": False}
        )
        return True

    def due(self, now: datetime, limit: int, max_attempts: int) -> list[OutboxItem]:
        found = [
            r["item"]
            for r in self.rows
            if r["sent_at"] is None
            and not r["sending"]
            and r["item"].due_at <= now
            and r["item"].attempts < max_attempts
        ]
        return sorted(found, key=lambda i: (i.due_at, i.id))[:limit]

    def mark_sent(self, item_id: int, message_id: int | None, now: datetime) -> None:
        self.rows[item_id - 1].update(sent_at=now, sending=False, message_id=message_id)

    def start_sending(self, item_id: int, now: datetime) -> bool:
        row = self.rows[item_id - 1]
        if row["sent_at"] is not None or row["sending"]:
            return False
        row["sending"] = True
        return True

    def abandon_interrupted(self, error: str, max_attempts: int) -> int:
        stuck = [r for r in self.rows if r["sent_at"] is None and r["sending"]]
        for row in stuck:
            row["sending"] = False
            row["item"] = replace(row["item"], attempts=max_attempts, last_error=error)
        return len(stuck)

    def mark_failed(self, item_id: int, error: str, retry_at: datetime) -> None:
        row = self.rows[item_id - 1]
        row["sending"] = False
        item = row["item"]
        row["item"] = replace(item, attempts=item.attempts + 1, due_at=retry_at, last_error=error)

    def pending_key(self, dedupe_key: str, max_attempts: int = 8) -> bool:
        return any(
            r["key"] == dedupe_key and r["sent_at"] is None and r["item"].attempts < max_attempts
            for r in self.rows
        )

    def pending_count(self, max_attempts: int) -> int:
        return sum(r["sent_at"] is None and r["item"].attempts < max_attempts for r in self.rows)

    def sent(self, chat_id=None, kind=None) -> list[OutboxItem]:
        return [i for i in self.items(kind) if chat_id in (None, i.chat_id) and self._sent(i)]

    def items(self, kind: str | None = None) -> list[OutboxItem]:
        return [r["item"] for r in self.rows if kind in (None, r["item"].kind)]

    def ticket_message(self, chat_id: int, ticket_id: int) -> int | None:
        found = [
            r["message_id"]
            for r in self.rows
            if r["item"].chat_id == chat_id
            and r["item"].payload.get("ticket_id") == ticket_id
            and r["item"].kind in ("ticket_to_advisor", "transferred")
            and r.get("message_id")
        ]
        return found[-1] if found else None

    def _sent(self, item: OutboxItem) -> bool:
        return self.rows[item.id - 1]["sent_at"] is not None


class FakeJobRepository:
    """Scheduled jobs in a list, unique by key."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, kind, ticket_id, due_at, payload, key) -> bool:
        if any(r["key"] == key for r in self.rows):
            return False
        job = Job(len(self.rows) + 1, kind, ticket_id, due_at, dict(payload))
        self.rows.append({"key": key, "job": job, "done_at": None})
        return True

    def due(self, now: datetime, limit: int = 100) -> list[Job]:
        found = [r["job"] for r in self.rows if r["done_at"] is None and r["job"].due_at <= now]
        return sorted(found, key=lambda j: (j.due_at, j.id))[:limit]

    def done(self, job_id: int, now: datetime) -> bool:
        row = self.rows[job_id - 1]
        if row["done_at"] is not None:
            return False
        row["done_at"] = now
        return True

    def cancel(self, ticket_id: int, kinds, now: datetime) -> int:
        rows = [
            r
            for r in self.rows
            if r["job"].ticket_id == ticket_id and r["done_at"] is None and r["job"].kind in kinds
        ]
        for row in rows:
            row["done_at"] = now
        return len(rows)

    def pending(self, kind: str | None = None) -> list[Job]:
        return [
            r["job"] for r in self.rows if r["done_at"] is None and kind in (None, r["job"].kind)
        ]


@dataclass
class _Store:
    entries: FakeEntryRepository
    users: FakeUserRepository = field(default_factory=FakeUserRepository)
    questions: FakeQuestionRepository = field(default_factory=FakeQuestionRepository)
    tickets: FakeTicketRepository = field(default_factory=FakeTicketRepository)
    outbox: FakeOutboxRepository = field(default_factory=FakeOutboxRepository)
    jobs: FakeJobRepository = field(default_factory=FakeJobRepository)
    advisors: FakeAdvisorRepository | None = None
    access: FakeAccessRevocation = field(default_factory=FakeAccessRevocation)


class FakeTicketUnitOfWork:
    """Every repository the ticket services use; changes are visible only after commit."""

    def __init__(self, entries: list[Entry] | None = None) -> None:
        self.committed = _Store(FakeEntryRepository(entries))
        self.committed.advisors = FakeAdvisorRepository(self.committed.users)
        self.commits = 0

    def __call__(self) -> FakeTicketUnitOfWork:
        return self

    def __enter__(self) -> FakeTicketUnitOfWork:
        self.working = copy.deepcopy(self.committed)
        names = ("entries", "users", "questions", "tickets", "outbox", "jobs", "advisors", "access")
        for name in names:
            setattr(self, name, getattr(self.working, name))
        return self

    def __exit__(self, *exc) -> None:
        self.working = None

    def commit(self) -> None:
        self.committed = self.working
        self.commits += 1

    def rollback(self) -> None:
        pass

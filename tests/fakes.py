"""In-memory fakes of the storage abstractions, for unit tests (no mocks)."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace
from datetime import UTC, datetime

from knowledge.entries.records import Entry, EntryStatus, Source
from routing.records import Person, QuestionRecord, Role
from routing.safety.records import Block, FailedDelivery


class FakeEntryRepository:
    """Entries kept in a dict, with the same contract as the SQL repository."""

    def __init__(self, entries: list[Entry] | None = None) -> None:
        self.entries: dict[str, Entry] = {e.slug: e for e in entries or []}
        self.versions: dict[str, list[Entry]] = {e.slug: [e] for e in entries or []}

    def get(self, slug: str) -> Entry | None:
        return self.entries.get(slug)

    def list(self, status: EntryStatus | None = None) -> list[Entry]:
        found = sorted(self.entries.values(), key=lambda e: e.slug)
        return [e for e in found if status is None or e.status == status]

    def save(self, entry: Entry, author: str = "system") -> None:
        self.entries[entry.slug] = entry
        self.versions.setdefault(entry.slug, []).append(replace(entry))

    def stamps(self) -> list[tuple[str, int, str]]:
        return [(e.slug, e.version, str(e.status)) for e in self.list()]

    def history(self, slug: str) -> list[Entry]:
        return list(self.versions.get(slug, []))


class FakeUnitOfWork:
    """A unit of work whose changes become visible only on commit."""

    def __init__(self, entries: list[Entry] | None = None) -> None:
        self.committed = FakeEntryRepository(entries)
        self.commits = 0

    def __call__(self) -> FakeUnitOfWork:
        return self

    def __enter__(self) -> FakeUnitOfWork:
        self.entries = FakeEntryRepository(list(self.committed.entries.values()))
        self.entries.versions = {k: list(v) for k, v in self.committed.versions.items()}
        return self

    def __exit__(self, *exc) -> None:
        self.entries = self.committed

    def commit(self) -> None:
        self.committed = self.entries
        self.commits += 1

    def rollback(self) -> None:
        pass


def make_entry(slug: str = "budget-participatif", **changes) -> Entry:
    """Return a valid, publishable entry, with any field overridden."""
    base = Entry(
        slug=slug,
        title="Mettre en place un budget participatif",
        group="methode",
        short_answer="Un budget participatif confie aux habitants le choix de projets.",
        body="## Étapes\n\nRèglement, dépôt des idées, vote, réalisation.",
        questions=(
            "Comment organiser un budget participatif ?",
            "budget participatif petite commune",
            "Qui choisit les projets d'un budget participatif ?",
        ),
        keywords=("budget participatif", "vote des habitants"),
        sources=(Source("Guide du budget participatif"),),
    )
    return replace(base, **changes)


class FakeUserRepository:
    """People in a dict."""

    def __init__(self) -> None:
        self.people: dict[int, Person] = {}

    def seen(self, user_id: int, first_name: str, username: str | None) -> Person:
        current = self.people.get(user_id)
        role = current.role if current else Role.OFFICIAL
        self.people[user_id] = Person(user_id, first_name, username, role)
        return self.people[user_id]

    def get(self, user_id: int) -> Person | None:
        return self.people.get(user_id)

    def set_role(self, user_id: int, role: Role, first_name: str = "") -> Person:
        current = self.people.get(user_id) or Person(user_id, first_name)
        self.people[user_id] = replace(current, role=Role(role))
        return self.people[user_id]


class FakeQuestionRepository:
    """Questions, feedback and advisor requests in lists."""

    def __init__(self) -> None:
        self.questions: dict[int, QuestionRecord] = {}
        self.feedbacks: dict[tuple[int, int], list] = {}
        self.requests: list[tuple[int, int | None, str]] = []

    def add(self, user_id, text, decision, confidence, candidates) -> QuestionRecord:
        record = QuestionRecord(
            len(self.questions) + 1, user_id, text, decision, confidence, tuple(candidates)
        )
        self.questions[record.id] = record
        return record

    def get(self, question_id: int) -> QuestionRecord | None:
        return self.questions.get(question_id)

    def choose(self, question_id: int, slug: str | None) -> None:
        self.questions[question_id] = replace(self.questions[question_id], chosen_slug=slug or "-")

    def feedback(self, question_id: int, user_id: int, slug: str, useful: bool) -> None:
        self.feedbacks[(question_id, user_id)] = [slug, useful, None]

    def comment(self, question_id: int, user_id: int, comment: str) -> bool:
        if (question_id, user_id) not in self.feedbacks:
            return False
        self.feedbacks[(question_id, user_id)][2] = comment
        return True

    def request_advisor(self, user_id: int, question_id: int | None, origin: str) -> int:
        self.requests.append((user_id, question_id, origin))
        return len(self.requests)


class FakeConversationUnitOfWork(FakeUnitOfWork):
    """The unit of work the conversation service needs, all in memory."""

    def __init__(self, entries: list[Entry] | None = None) -> None:
        super().__init__(entries)
        self.users = FakeUserRepository()
        self.questions = FakeQuestionRepository()


class FakeUpdateLog:
    """Update ids already taken in (issue 6)."""

    def __init__(self) -> None:
        self.received: dict[int, datetime] = {}

    def first_delivery(self, update_id: int, now: datetime | None = None) -> bool:
        if update_id in self.received:
            return False
        self.received[update_id] = now or datetime.now(UTC)
        return True

    def prune(self, before: datetime) -> int:
        old = [key for key, at in self.received.items() if at < before]
        for key in old:
            del self.received[key]
        return len(old)


class FakeBlockList:
    """Blocked people in a dict (issue 6)."""

    def __init__(self) -> None:
        self.blocks: dict[int, Block] = {}

    def get(self, user_id: int) -> Block | None:
        return self.blocks.get(user_id)

    def block(self, user_id: int, reason: str | None, blocked_by: int | None) -> Block:
        self.blocks[user_id] = Block(user_id, reason, blocked_by, datetime.now(UTC), None)
        return self.blocks[user_id]

    def unblock(self, user_id: int) -> bool:
        return self.blocks.pop(user_id, None) is not None

    def claim_notification(self, user_id: int, now: datetime | None = None) -> bool:
        block = self.blocks.get(user_id)
        if block is None or block.notified_at is not None:
            return False
        self.blocks[user_id] = replace(block, notified_at=now or datetime.now(UTC))
        return True

    def list(self) -> list[Block]:
        return sorted(self.blocks.values(), key=lambda b: b.blocked_at, reverse=True)


class FakeFailedDeliveries:
    """Failed Bot API calls in a dict (issue 6)."""

    def __init__(self) -> None:
        self.rows: dict[int, FailedDelivery] = {}

    def add(
        self, chat_id, method, payload, error, attempts, retry_at, ticket_id=None, created_at=None
    ) -> int:
        delivery_id = len(self.rows) + 1
        self.rows[delivery_id] = FailedDelivery(
            delivery_id, chat_id, method, payload, error, attempts, retry_at, None
        )
        return delivery_id

    def due(self, now: datetime, limit: int = 20) -> list[FailedDelivery]:
        due = [
            d
            for d in self.rows.values()
            if d.delivered_at is None and d.next_try_at is not None and d.next_try_at <= now
        ]
        return sorted(due, key=lambda d: (d.next_try_at, d.id))[:limit]

    def delivered(self, delivery_id: int, now: datetime) -> None:
        row = self.rows[delivery_id]
        self.rows[delivery_id] = replace(row, delivered_at=now, next_try_at=None, payload={})

    def failed_again(self, delivery_id: int, error: str, retry_at: datetime | None) -> None:
        row = self.rows[delivery_id]
        self.rows[delivery_id] = replace(
            row, attempts=row.attempts + 1, error=error, next_try_at=retry_at
        )

    def of_chat(self, chat_id: int) -> list[FailedDelivery]:
        return [d for d in self.rows.values() if d.chat_id == chat_id]


class FakeAccessRevocation:
    """Records whose back-office access was ended, and when."""

    def __init__(self) -> None:
        self.revoked: list[tuple[int, datetime]] = []

    def revoke(self, user_id: int, now: datetime) -> int:
        self.revoked.append((user_id, now))
        return 0


class FakeReliabilityUnitOfWork:
    """Update log, blocks and failed deliveries; changes become visible only on commit."""

    def __init__(self) -> None:
        self.committed = (FakeUpdateLog(), FakeBlockList(), FakeFailedDeliveries())
        self.commits = 0
        self.access = FakeAccessRevocation()

    def __call__(self) -> FakeReliabilityUnitOfWork:
        return self

    def __enter__(self) -> FakeReliabilityUnitOfWork:
        self.updates, self.blocks, self.deliveries = deepcopy(self.committed)
        return self

    def __exit__(self, *exc) -> None:
        pass

    def commit(self) -> None:
        self.committed = deepcopy((self.updates, self.blocks, self.deliveries))
        self.commits += 1

    def rollback(self) -> None:
        pass

"""In-memory fakes of the storage abstractions, for unit tests (no mocks)."""

from __future__ import annotations

from dataclasses import replace

from storage.records import Entry, EntryStatus, Person, QuestionRecord, Role


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
    """Return a valid entry, with any field overridden."""
    base = Entry(
        slug=slug,
        title="Mettre en place un budget participatif",
        group="methode",
        short_answer="Un budget participatif confie aux habitants le choix de projets.",
        body="## Étapes\n\nRèglement, dépôt des idées, vote, réalisation.",
        questions=(
            "Comment organiser un budget participatif ?",
            "budget participatif petite commune",
        ),
        keywords=("budget participatif", "vote des habitants"),
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

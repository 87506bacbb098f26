"""In-memory fakes of the storage abstractions, for unit tests (no mocks)."""

from __future__ import annotations

from dataclasses import replace

from storage.records import Entry, EntryStatus


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

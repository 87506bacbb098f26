"""What the re-ranking reads of indexed entries: their stored fields, decoded and cached."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Decoded entries kept in memory (a few KB each), the most recently used ones.
CACHE_SIZE = 2048


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """What the re-ranking needs of an indexed entry, decoded from its stored fields."""

    slug: str
    title: str
    group: str
    questions: tuple[str, ...]  # analysed title and alternate questions
    freqs: dict[str, tuple[int, ...]]  # term: frequency in each searched field


class StoredEntries:
    """Read entries from a whoosh searcher by document number, keeping the recent ones."""

    def __init__(self, searcher, size: int = CACHE_SIZE) -> None:
        self.searcher = searcher
        # Stored fields are compressed and pickled on disk: decoding costs more than the
        # scoring that needs them, and the same entries come back question after question.
        self.get = lru_cache(maxsize=size)(self._read)

    def _read(self, docnum: int) -> StoredEntry:
        fields = self.searcher.stored_fields(docnum)
        return StoredEntry(
            slug=fields["slug"],
            title=fields["stored_title"],
            group=fields["group"],
            questions=tuple(fields["stored_questions"]),
            freqs=fields["freqs"],
        )

"""What the re-ranking reads of indexed entries: their stored fields, decoded and cached."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.search.memo import SizedCache, approximate_size

# Decoded entries kept in memory (a few KB each), the most recently used ones, up to this
# many bytes: about 2,000 typical entries, fewer long ones.
CACHE_BYTES = 32 * 1024 * 1024


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

    def __init__(self, searcher, max_bytes: int = CACHE_BYTES) -> None:
        self.searcher = searcher
        # Stored fields are compressed and pickled on disk: decoding costs more than the
        # scoring that needs them, and the same entries come back question after question.
        self.get = SizedCache(max_bytes, sizeof=_entry_size).memoize(self._read)

    def _read(self, docnum: int) -> StoredEntry:
        fields = self.searcher.stored_fields(docnum)
        return StoredEntry(
            slug=fields["slug"],
            title=fields["stored_title"],
            group=fields["group"],
            questions=tuple(fields["stored_questions"]),
            freqs=fields["freqs"],
        )


def _entry_size(entry: StoredEntry) -> int:
    return approximate_size(entry.questions) + approximate_size(entry.freqs) + 200

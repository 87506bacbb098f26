"""What the re-ranking reads of indexed entries: their stored fields, decoded and cached."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.search.memo import SizedCache

# Decoded entries kept in memory, the most recently used ones, up to this many bytes (as
# counted by memo.approximate_size): about 2,000 entries of a generated 10,000-entry base
# (45 KB each decoded), as the former 2,048-entry bound, and fewer when entries are longer.
CACHE_BYTES = 96 * 1024 * 1024


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
    # Counted in constant time (a deep walk cost more than the decoding it saves): a term
    # with its frequencies takes about 220 bytes, an analysed question about 200, both
    # measured with memo.approximate_size on generated entries.
    return 220 * len(entry.freqs) + 200 * len(entry.questions) + 400

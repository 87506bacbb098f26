"""Find entries in the catalogue by words, group, status and review date (for staff lists)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from knowledge.entries.records import Entry
from knowledge.search.analysis import fold


@dataclass(frozen=True)
class EntryFilter:
    """What staff filter the entry list by; empty fields do not filter."""

    text: str = ""
    group: str = ""
    status: str = ""
    overdue: bool = False

    def matches(self, entry: Entry, today: date) -> bool:
        """Tell whether an entry passes every filter."""
        if self.group and entry.group != self.group:
            return False
        if self.status and str(entry.status) != self.status:
            return False
        if self.overdue and not (entry.review_by and entry.review_by < today):
            return False
        if self.text.strip():
            haystack = fold(" ".join([entry.slug, entry.title, *entry.questions, *entry.keywords]))
            return all(word in haystack for word in fold(self.text).split())
        return True


def filter_entries(entries: Iterable[Entry], wanted: EntryFilter, today: date) -> list[Entry]:
    """Return the entries that pass the filter, by title."""
    found = [e for e in entries if wanted.matches(e, today)]
    return sorted(found, key=lambda e: fold(e.title))

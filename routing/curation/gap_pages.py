"""What the home and "Lacunes" pages read of the stored gap clusters, briefly remembered."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from cachetools import TTLCache

from routing.curation.gap_clusters import GapGroup

GAP_WINDOW = timedelta(days=90)
GROUPS_PER_PAGE = 20
LISTED = 20  # questions listed per group; the rest are counted
MAX_PAGE = 100_000
# Staff reloading the pages read the list once per this many seconds at most. A new question
# or a staff action shows at once; a question settled by its author's click or by an edit
# leaves after at most that long.
FRESH_SECONDS = 3.0


@dataclass(frozen=True)
class GapPage:
    """One page of gap groups, with the totals of the whole list."""

    groups: list[GapGroup]
    page: int
    pages: int
    questions: int
    clusters: int


class GapReader:
    """Read pages and counts of the gaps list with SQL, keeping each for a few seconds."""

    def __init__(
        self,
        uow_factory: Callable,
        now: Callable[[], datetime],
        window: timedelta = GAP_WINDOW,
        fresh: float = FRESH_SECONDS,
    ) -> None:
        self.uow_factory = uow_factory
        self.now = now
        self.window = window
        self._recent: TTLCache = TTLCache(maxsize=32, ttl=fresh, timer=time.monotonic)
        self._lock = threading.Lock()

    def page(self, number: int = 1) -> GapPage:
        """Return one page of the stored gap clusters of the window, largest first."""
        number = min(max(1, number), MAX_PAGE)
        return self._remembered(("page", number), lambda: self._read_page(number))

    def counts(self) -> tuple[int, int]:
        """Return (open gap questions, subjects) of the window, counted by the database."""
        return self._remembered(("counts",), self._read_counts)

    def forget(self) -> None:
        """Drop what was read: staff changed the list and must see it at once."""
        with self._lock:
            self._recent.clear()

    def _remembered(self, key: tuple, read: Callable):
        with self.uow_factory() as uow:
            key = (*key, uow.gaps.latest())  # one indexed look-up: was a question filed?
        with self._lock:
            found = self._recent.get(key)
        if found is None:
            found = read()
            with self._lock:
                self._recent[key] = found
        return found

    def _read_page(self, number: int) -> GapPage:
        since = self.now() - self.window
        with self.uow_factory() as uow:
            rows, (questions, clusters) = uow.gaps.groups(
                since, (number - 1) * GROUPS_PER_PAGE, GROUPS_PER_PAGE, LISTED
            )
        groups = [GapGroup(tuple(members), total, cid) for cid, total, members in rows]
        return GapPage(groups, number, -(-clusters // GROUPS_PER_PAGE), questions, clusters)

    def _read_counts(self) -> tuple[int, int]:
        with self.uow_factory() as uow:
            return uow.gaps.counts(self.now() - self.window)

"""The queue of updates waiting for the bot, with Telegram's offset semantics."""

from __future__ import annotations

import time
from typing import Any

# Telegram leaves these out unless the bot asks for them explicitly.
_OPT_IN_TYPES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

# Telegram starts ids at an arbitrary number; a non-trivial start catches "offset 0" bugs.
_FIRST_UPDATE_ID = 100_000_001


def _first_update_id() -> int:
    # From the clock (microseconds), so a restarted sandbox never reuses the ids of an earlier
    # run: the bot remembers update ids in its database to skip redeliveries, as it must with
    # Telegram, whose ids never repeat within a week.
    return _FIRST_UPDATE_ID + int(time.time() * 1_000_000)


class UpdateQueue:
    """Pending updates, kept until the bot confirms them (offset) or a webhook takes them."""

    def __init__(self) -> None:
        self.pending: list[dict[str, Any]] = []
        self.allowed_updates: list[str] = []
        # Bumped by every getUpdates call so an older long poll knows it was superseded.
        self.poll_generation = 0
        self._next_id = _first_update_id()

    def accepts(self, kind: str) -> bool:
        """Tell whether an update of this type should be kept for the bot."""
        if not self.allowed_updates:
            return kind not in _OPT_IN_TYPES
        return kind in self.allowed_updates

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queue a new update and return it, or None if the bot filtered it out."""
        if not self.accepts(kind):
            return None
        update = {"update_id": self._next_id, kind: payload}
        self._next_id += 1
        self.pending.append(update)
        return update

    def confirm(self, offset: int) -> None:
        """Forget updates older than offset; a negative offset keeps only the last ones."""
        if offset < 0:
            self.pending = self.pending[offset:]
        elif offset:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]

    def peek(self, limit: int) -> list[dict[str, Any]]:
        """Return up to limit pending updates without removing them."""
        return self.pending[:limit]

    def remove(self, update_id: int) -> None:
        """Drop one update (delivered to a webhook)."""
        self.pending = [u for u in self.pending if u["update_id"] != update_id]

    def clear(self) -> None:
        """Drop every pending update; ids keep increasing so a running bot is not confused."""
        self.pending.clear()

"""A PostgreSQL advisory lock held for as long as a process leads the periodic work."""

from __future__ import annotations

import contextlib
import logging

from sqlalchemy import Connection, Engine, text

log = logging.getLogger(__name__)

# A fixed key for the hotline's leader lock (migrations use another: storage/database.py).
LEADER_KEY = 0x686F746C696E6501  # "hotline" + 1: the process sending outbox, jobs, purge


class AdvisoryLease:
    """A session-level advisory lock on a connection of its own.

    PostgreSQL releases it when that connection ends, so a killed process loses it at once
    and another one takes over at its next try.
    """

    def __init__(self, engine: Engine, key: int = LEADER_KEY) -> None:
        self.engine = engine
        self.key = key
        self._connection: Connection | None = None

    @property
    def held(self) -> bool:
        """Tell whether this process believes it holds the lock."""
        return self._connection is not None

    def try_acquire(self) -> bool:
        """Take the lock if free; True when held after the call."""
        if self._connection is not None:
            return self.still_held()
        connection = self.engine.connect()
        try:
            taken = connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}
            ).scalar()
            connection.commit()  # end the implicit transaction; the lock is the session's
        except Exception:
            connection.invalidate()
            connection.close()
            raise
        if not taken:
            connection.close()
            return False
        self._connection = connection
        return True

    def still_held(self) -> bool:
        """Check the lock's connection is alive; if not, the lock is gone (someone else's now)."""
        if self._connection is None:
            return False
        try:
            held = self._connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND pid = pg_backend_pid() AND granted "
                    "AND ((classid::bigint << 32) | objid::bigint) = :key"
                ),
                {"key": self.key},
            ).scalar()
            self._connection.commit()
        except Exception as error:
            log.warning("leadership connection lost: %s", type(error).__name__)
            self._drop(invalidate=True)
            return False
        if not held:
            self._drop(invalidate=True)
        return bool(held)

    def release(self) -> None:
        """Give the lock back (and close its connection)."""
        if self._connection is None:
            return
        with contextlib.suppress(Exception):
            self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
            self._connection.commit()
        self._drop(invalidate=False)

    def _drop(self, invalidate: bool) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        with contextlib.suppress(Exception):
            if invalidate:
                connection.invalidate()
            connection.close()

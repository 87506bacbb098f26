"""Token buckets in PostgreSQL: every process of the bot draws from the same rows."""

from __future__ import annotations

from sqlalchemy import Engine, text

_ENSURE = text(
    "INSERT INTO rate_buckets (key, tokens, updated_at, paused_until) "
    "VALUES (:key, :capacity, extract(epoch FROM clock_timestamp())::float8, 0) "
    "ON CONFLICT (key) DO NOTHING"
)
# The row lock serialises concurrent takers, so two processes never spend the same token;
# the time is the database's, so every process (and machine) reads the same clock.
_LOCK = text(
    "SELECT tokens, updated_at, paused_until, extract(epoch FROM clock_timestamp())::float8 "
    "FROM rate_buckets WHERE key = :key FOR UPDATE"
)
_STORE = text("UPDATE rate_buckets SET tokens = :tokens, updated_at = :now WHERE key = :key")
_PAUSE = text(
    """
    UPDATE rate_buckets SET paused_until = GREATEST(
        paused_until, extract(epoch FROM clock_timestamp())::float8 + :seconds)
    WHERE key = :key
    """
)
_PRUNE = text(
    "DELETE FROM rate_buckets WHERE key <> :keep AND updated_at < "
    "extract(epoch FROM clock_timestamp())::float8 - :idle AND paused_until < updated_at"
)


class SqlRateBuckets:
    """Shared token buckets; each call is one short transaction of its own."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def take(self, key: str, rate: float, capacity: float) -> float:
        """Take one token; return 0 when taken, else how many seconds to wait before retrying."""
        with self.engine.begin() as connection:
            found = connection.execute(_LOCK, {"key": key}).first()
            if found is None:
                connection.execute(_ENSURE, {"key": key, "capacity": float(capacity)})
                found = connection.execute(_LOCK, {"key": key}).one()
            tokens, updated, paused_until, now = found
            level = min(float(capacity), tokens + max(0.0, now - updated) * rate)
            taken = level >= 1 - 1e-9 and paused_until <= now
            connection.execute(
                _STORE, {"key": key, "tokens": level - 1 if taken else level, "now": now}
            )
        if taken:
            return 0.0
        return max(paused_until - now, (1 - level) / rate, 0.001)

    def pause(self, key: str, seconds: float) -> None:
        """Hold every taker of the bucket for `seconds` (Telegram answered 429)."""
        with self.engine.begin() as connection:
            connection.execute(_PAUSE, {"key": key, "seconds": seconds})

    def prune(self, idle_seconds: float, keep: str) -> int:
        """Forget the buckets of chats idle for a while (they are full again by then)."""
        with self.engine.begin() as connection:
            return connection.execute(_PRUNE, {"idle": idle_seconds, "keep": keep}).rowcount

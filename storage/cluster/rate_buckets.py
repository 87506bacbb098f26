"""Token buckets in PostgreSQL: every process of the bot draws from the same rows."""

from __future__ import annotations

from sqlalchemy import Engine, text

_ENSURE = text(
    "INSERT INTO rate_buckets (key, tokens, updated_at, paused_until) "
    "VALUES (:key, :capacity, extract(epoch FROM clock_timestamp())::float8, 0) "
    "ON CONFLICT (key) DO NOTHING"
)
# One statement per message: refill from the time elapsed on the database's clock (the same
# for every process and machine), then take a token, going below zero when there is none. A
# negative level is a queue: the caller waits until it is refilled, so callers are served in
# the order the database saw them, whichever process they are in, and none is starved. The
# row lock of the UPDATE serialises concurrent takers.
_TAKE = text(
    """
    UPDATE rate_buckets AS b
    SET tokens = LEAST(:capacity, b.tokens + GREATEST(0, n.t - b.updated_at) * :rate) - 1,
        updated_at = GREATEST(b.updated_at, n.t)
    FROM (SELECT extract(epoch FROM clock_timestamp())::float8 AS t) AS n
    WHERE b.key = :key
    RETURNING b.tokens, b.paused_until, n.t
    """
)
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
        """Reserve the next token; return how many seconds to wait before using it (0: now)."""
        values = {"key": key, "rate": rate, "capacity": float(capacity)}
        with self.engine.begin() as connection:
            row = connection.execute(_TAKE, values).first()
            if row is None:  # the bucket's first use: create it full, then take
                connection.execute(_ENSURE, values)
                row = connection.execute(_TAKE, values).one()
        tokens, paused_until, now = row
        return max(0.0, -tokens / rate, paused_until - now)

    def pause(self, key: str, seconds: float) -> None:
        """Hold every taker of the bucket for `seconds` (Telegram answered 429)."""
        with self.engine.begin() as connection:
            connection.execute(_PAUSE, {"key": key, "seconds": seconds})

    def prune(self, idle_seconds: float, keep: str) -> int:
        """Forget the buckets of chats idle for a while (they are full again by then)."""
        with self.engine.begin() as connection:
            return connection.execute(_PRUNE, {"idle": idle_seconds, "keep": keep}).rowcount

"""Flood windows in PostgreSQL, so that a person's allowance is shared by every process."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from storage.cluster.models import FloodWindowRow

# The judge gets (times, warned, now) and returns (verdict, times, warned): the rule itself
# lives in routing/safety/flood.py, this module only keeps its state under a row lock.
Judge = Callable[[list[float], bool, float], tuple[str, list[float], bool]]


class SqlFloodWindows:
    """One row per person and kind of input; the row lock serialises concurrent checks."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def check(self, key: str, now: float, judge: Judge) -> str:
        """Apply `judge` to the person's window atomically; return its verdict."""
        with Session(self.engine) as session, session.begin():
            session.execute(
                insert(FloodWindowRow)
                .values(key=key, times=[], warned=False, updated_at=now)
                .on_conflict_do_nothing()
            )
            row = session.scalars(
                select(FloodWindowRow).where(FloodWindowRow.key == key).with_for_update()
            ).one()
            verdict, row.times, row.warned = judge(list(row.times or []), row.warned, now)
            row.updated_at = now
            return verdict

    def prune(self, before: float) -> int:
        """Forget windows untouched since `before`."""
        with self.engine.begin() as connection:
            result = connection.execute(
                delete(FloodWindowRow).where(FloodWindowRow.updated_at < before)
            )
            return result.rowcount

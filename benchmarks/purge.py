"""Time and memory of the retention purge and of one erasure, on a large SQLite database.

Run with `make bench` (or `python -m benchmarks.purge --tickets 100000`). Builds a migrated
database holding N tickets closed D days ago, each with its event log (3 events), 3 sent
outbox rows carrying the ticket's contact details, and one given-up failed delivery in a
hundred; then runs the daily purge once, and then erases one official who has an open ticket
among them. Two ages: 100 days (contact details erased, sent messages and given-up deliveries
pruned: SQL only) and 400 days (the same, plus every text pseudonymised, which runs the
phone/e-mail redaction in Python on each question, comment and relayed message).
Prints a Markdown table and checks that nothing the purge must remove is left.
"""

from __future__ import annotations

import argparse
import gc
import resource
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from bot.app.container import build_container
from bot.settings import Settings
from storage.safety.models import FailedDeliveryRow
from storage.tickets.models import OutboxRow, TicketEventRow, TicketRow

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
CHUNK = 10_000


def _tickets(first: int, count: int, closed: datetime) -> list[dict]:
    return [
        {
            "id": i,
            "official_id": 100_000 + i,
            "question": f"Bonjour, je suis Camille {i}, joignable au 06 12 34 {i % 100:02d} 78 : "
            "comment lancer un budget participatif dans notre commune ?",
            "collectivite": f"Mairie de Commune-{i}",
            "official_role": "elu",
            "channel": "telephone",
            "phone": "+33612345678",
            "email": f"camille{i}@mairie.fr",
            "slots": [],
            "consent": True,
            "status": "resolved",
            "advisor_id": 7001,
            "topic_slugs": ["budget-participatif"],
            "created_at": closed - timedelta(days=2),
            "claimed_at": closed - timedelta(days=1),
            "resolved_at": closed,
            "closed_at": closed,
            "resolution": "Conseillé un atelier.",
            "rating": 5,
            "rating_comment": f"Merci, Camille {i}",
        }
        for i in range(first, first + count)
    ]


def _children(first: int, count: int, closed: datetime) -> tuple[list, list, list]:
    events, outbox, failed = [], [], []
    for i in range(first, first + count):
        for kind, detail in (
            ("created", ""),
            ("relayed_to_advisor", "Je suis là le matin"),
            ("resolved", ""),
        ):
            events.append(
                {
                    "ticket_id": i,
                    "at": closed,
                    "actor_id": 100_000 + i,
                    "kind": kind,
                    "detail": detail,
                }
            )
        for n, (chat, kind) in enumerate(
            ((-1001, "group_card"), (7001, "ticket_to_advisor"), (100_000 + i, "rating_request"))
        ):
            outbox.append(
                {
                    "chat_id": chat,
                    "kind": kind,
                    "ticket_id": i,
                    "payload": {"ticket_id": i, "number": i, "phone": "+33612345678"},
                    "dedupe_key": f"{kind}:{i}:{n}",
                    "due_at": closed,
                    "sent_at": closed,
                    "attempts": 0,
                    "created_at": closed,
                }
            )
        if i % 100 == 0:
            failed.append(
                {
                    "chat_id": 7001,
                    "ticket_id": i,
                    "method": "SendMessage",
                    "payload": {"chat_id": 7001, "text": f"Demande n° {i} 06 12 34 56 78"},
                    "error": "TelegramForbiddenError: bot was blocked by the user",
                    "attempts": 5,
                    "next_try_at": None,
                    "created_at": closed,
                }
            )
    return events, outbox, failed


def fill(container, count: int, age_days: int) -> None:
    """Insert `count` tickets closed `age_days` ago and their rows, in chunks."""
    closed = NOW - timedelta(days=age_days)
    for first in range(1, count + 1, CHUNK):
        size = min(CHUNK, count + 1 - first)
        events, outbox, failed = _children(first, size, closed)
        with container.uow() as uow:
            uow.session.execute(insert(TicketRow), _tickets(first, size, closed))
            uow.session.execute(insert(TicketEventRow), events)
            uow.session.execute(insert(OutboxRow), outbox)
            if failed:
                uow.session.execute(insert(FailedDeliveryRow), failed)
            uow.commit()


def measured(function) -> tuple[object, float, float]:
    """Run `function`; return its result, wall time (s) and peak Python allocation (MiB)."""
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, elapsed, peak / 2**20


def left(container) -> dict[str, int]:
    """Count what the purge must have removed."""
    with container.uow() as uow:
        s = uow.session
        return {
            "outbox": s.scalar(select(func.count()).select_from(OutboxRow)),
            "failed": s.scalar(select(func.count()).select_from(FailedDeliveryRow)),
            "phones": s.scalar(select(func.count()).where(TicketRow.phone.is_not(None))),
            "attached": s.scalar(select(func.count()).where(TicketRow.official_id != 0)),
        }


def scenario(count: int, age_days: int) -> dict:
    """Fill a fresh database, purge it, erase one official; return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        container = build_container(Settings(data_dir=Path(tmp)))
        fill(container, count, age_days)
        subject = 100_000 + count + 1  # an official whose ticket is still open
        with container.uow() as uow:
            recent = _tickets(count + 1, 1, NOW)[0]
            uow.session.execute(
                insert(TicketRow), [recent | {"status": "claimed", "closed_at": None}]
            )
            uow.commit()
        report, purge_s, purge_mib = measured(lambda: container.privacy.purge(NOW))
        remaining = left(container)
        _, erase_s, erase_mib = measured(lambda: container.privacy.erase(subject))
        container.close()
    if remaining["outbox"] or remaining["failed"] or remaining["phones"] > 1:
        raise SystemExit(f"the purge left rows it should have removed: {remaining}")
    return {
        "age": age_days,
        "rows": count * 7 + count // 100,
        "purge": purge_s,
        "purge_peak": purge_mib,
        "erase": erase_s,
        "erase_peak": erase_mib,
        "report": report,
    }


def main() -> None:
    """Run both ages and print the figures as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--ages", type=int, nargs="+", default=[100, 400])
    args = parser.parse_args()
    results = [scenario(args.tickets, age) for age in args.ages]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        "| closed tickets | closed | rows | purge | purge peak | then one erasure | erasure peak |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {args.tickets:,} | {r['age']} days ago | {r['rows']:,} | {r['purge']:.1f} s | "
            f"{r['purge_peak']:.0f} MiB | {r['erase'] * 1000:.0f} ms | {r['erase_peak']:.1f} MiB |"
        )
    print(f"\nProcess peak RSS: {rss:.0f} MiB (Python allocations above: tracemalloc).")
    for r in results:
        print(f"Purge report ({r['age']} days): {r['report']}")


if __name__ == "__main__":
    main()

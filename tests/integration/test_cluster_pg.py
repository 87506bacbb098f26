"""Several bot processes on one PostgreSQL: what they share and how they take turns.

Each "process" here is a separate engine (its own connections), as separate processes have.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from bot.app.cluster import Cluster
from bot.app.container import build_container
from bot.app.single_process import single_bot_process
from bot.sandbox.limits import busiest
from bot.settings import Settings
from knowledge.entries.records import EntryStatus
from routing.answers.decision import DecisionKind
from routing.safety.flood import FloodVerdict, SharedFloodGuard
from storage.cluster.flood_windows import SqlFloodWindows
from storage.cluster.locks import AdvisoryLease
from storage.cluster.rate_buckets import SqlRateBuckets
from storage.database import make_engine, make_session_factory, upgrade
from storage.uow import SqlUnitOfWork
from tests.integration import pg

pytestmark = pytest.mark.skipif(not pg.available(), reason="PostgreSQL binaries not installed")


@pytest.fixture(scope="module")
def url():
    """A throw-away PostgreSQL, migrated once for the module."""
    with pg.temporary_postgres() as address:
        engine = make_engine(address)
        upgrade(engine)
        engine.dispose()
        yield address


@pytest.fixture
def engines(url):
    """Three engines on the database, standing for three bot processes."""
    made = [make_engine(url) for _ in range(3)]
    yield made
    for engine in made:
        engine.dispose()


def test_concurrent_processes_are_given_slots_no_closer_than_the_bucket_allows(engines):
    buckets = [SqlRateBuckets(engine) for engine in engines]
    key, rate, capacity = f"test:{time.time_ns()}", 20.0, 3
    slots: list[float] = []
    lock = threading.Lock()

    def hammer(bucket: SqlRateBuckets) -> None:
        for _ in range(15):
            wait = bucket.take(key, rate, capacity)
            with lock:
                slots.append(time.monotonic() + wait)  # when this message may go

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(hammer, buckets * 2))
    # 90 messages from six threads in three "processes": in any second, at most the burst
    # and what refills in that second (one more for the clocks' read-out jitter).
    assert len(slots) == 90
    assert busiest(sorted(slots), 1.0) <= capacity + rate + 1
    # And no slot is wasted: the 90 go out in about (90 - burst) / rate seconds.
    assert max(slots) - min(slots) < (90 - capacity) / rate + 1


def test_a_paused_bucket_holds_every_process(engines):
    first, second = SqlRateBuckets(engines[0]), SqlRateBuckets(engines[1])
    key = f"pause:{time.time_ns()}"
    assert first.take(key, 1.0, 5) == 0
    first.pause(key, 3.0)
    assert second.take(key, 1.0, 5) > 2.0
    assert second.take(key, 1.0, 5) > 2.0  # a burst is left, but the pause holds it too


def test_only_one_process_leads_and_another_takes_over_when_it_dies(engines):
    leases = [AdvisoryLease(engine, key=time.time_ns() % 2**40) for engine in engines[:1]]
    leases += [AdvisoryLease(engine, key=leases[0].key) for engine in engines[1:]]
    assert [lease.try_acquire() for lease in leases] == [True, False, False]
    assert leases[0].still_held()
    # Kill the leader's database session, as the end of a SIGKILLed process would.
    with engines[1].connect() as connection:
        pids = connection.execute(
            text("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted")
        ).scalars()
        for pid in pids:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    assert not leases[0].still_held()
    assert leases[1].try_acquire()
    assert not leases[2].try_acquire()
    leases[1].release()
    assert leases[2].try_acquire()
    leases[2].release()


def test_an_update_delivered_to_several_processes_at_once_is_taken_once(engines):
    factories = [make_session_factory(engine) for engine in engines]
    barrier = threading.Barrier(9)
    update_id = time.time_ns() % 2**40

    def take(index: int) -> bool:
        with SqlUnitOfWork(factories[index % 3]) as uow:
            barrier.wait()
            first = uow.updates.first_delivery(update_id)
            uow.commit()
            return first

    with ThreadPoolExecutor(9) as pool:
        results = list(pool.map(take, range(9)))
    assert results.count(True) == 1


def test_a_person_cannot_multiply_their_flood_allowance_by_the_processes(engines):
    guards = [
        SharedFloodGuard(SqlFloodWindows(engine), "message", limit=6, window=10)
        for engine in engines
    ]
    user = time.time_ns() % 2**40
    verdicts = [guards[n % 3].check(user) for n in range(9)]
    assert verdicts[:6] == [FloodVerdict.PASS] * 6
    assert verdicts[6:] == [FloodVerdict.WARN, FloodVerdict.DROP, FloodVerdict.DROP]


def settings_for(url: str, folder, instance: str) -> Settings:
    """Settings of one process, ignoring the environment."""
    return Settings(_env_file=None, database_url=url, data_dir=folder, instance=instance)


def test_processes_starting_together_migrate_and_seed_once(tmp_path):
    with pg.temporary_postgres() as address:
        with ThreadPoolExecutor(3) as pool:
            containers = list(
                pool.map(
                    lambda n: build_container(settings_for(address, tmp_path, f"p{n}")), range(3)
                )
            )
        counts = {len(container.knowledge.list()) for container in containers}
        for container in containers:
            container.close()
    assert len(counts) == 1 and counts.pop() > 50


def test_an_archive_in_one_process_reaches_the_answers_of_another(url, tmp_path):
    first = build_container(settings_for(url, tmp_path, "a"))
    second = build_container(settings_for(url, tmp_path, "b"))
    try:
        entry = next(e for e in first.knowledge.list() if e.status == EntryStatus.PUBLISHED)
        before = second.answers.answer(entry.title)
        assert entry.slug in [c.slug for c in before.candidates]
        first.backoffice.editor.set_status(entry.slug, EntryStatus.ARCHIVED, "staff")
        assert Cluster(second).sync_index()
        after = second.answers.answer(entry.title)
        assert entry.slug not in [c.slug for c in after.candidates]
        assert not Cluster(second).sync_index()  # nothing changed since: no rebuild
    finally:
        first.backoffice.editor.set_status(entry.slug, EntryStatus.PUBLISHED, "staff")
        first.close()
        second.close()
    assert before.kind != DecisionKind.OUT_OF_SCOPE


def test_a_second_bot_process_on_one_sqlite_file_is_refused_in_french_and_english(tmp_path):
    url = f"sqlite:///{tmp_path / 'hotline.db'}"
    with single_bot_process(url), pytest.raises(SystemExit) as refused, single_bot_process(url):
        pass
    assert "PostgreSQL" in str(refused.value)
    assert "Un autre processus" in str(refused.value)
    assert "Another 'hotline run' process" in str(refused.value)
    with single_bot_process(url):  # free again once the first one ended
        pass


def claim(engine, update_id: int, owner: int) -> bool:
    """One process taking an update in, as its admission middleware does."""
    with SqlUnitOfWork(make_session_factory(engine)) as uow:
        fresh = uow.updates.first_delivery(update_id, owner=owner)
        uow.commit()
    return fresh


def test_an_update_in_hand_of_a_dead_process_is_taken_over_once_unless_done_or_replied(engines):
    owners = [time.time_ns() % 2**40 + n for n in range(3)]
    alive = [
        AdvisoryLease(engine, key=owner) for engine, owner in zip(engines, owners, strict=True)
    ]
    assert all(lease.try_acquire() for lease in alive)
    in_hand, done, replied = (time.time_ns() % 2**40 + n for n in range(3))
    assert all(claim(engines[0], update, owners[0]) for update in (in_hand, done, replied))
    with SqlUnitOfWork(make_session_factory(engines[0])) as uow:
        uow.updates.finish(done)
        uow.updates.count_sent(replied)  # it died after its reply went out
        uow.commit()
    assert not claim(engines[1], in_hand, owners[1])  # its owner is alive: a mere retry
    alive[0].release()  # the owner dies (its lock goes with its connection)
    assert claim(engines[1], in_hand, owners[1])
    assert not claim(engines[2], in_hand, owners[2])  # taken over once only
    assert not claim(engines[2], done, owners[2])  # finished: never again
    assert not claim(engines[1], replied, owners[1])  # replied: never a second reply
    for lease in alive[1:]:
        lease.release()

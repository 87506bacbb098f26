"""Flood control per person (in memory) and the block list and update log (database)."""

from __future__ import annotations

from routing.safety.flood import FloodGuard, FloodVerdict
from routing.safety.moderation import ModerationService
from tests.fakes import FakeReliabilityUnitOfWork


class Clock:
    """A settable monotonic clock."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_of_thirty_messages_gets_one_warning_then_silence():
    clock = Clock()
    guard = FloodGuard(limit=6, window=10, clock=clock)
    verdicts = []
    for _ in range(30):
        verdicts.append(guard.check(5001))
        clock.now += 10 / 30
    assert verdicts[:6] == [FloodVerdict.PASS] * 6
    assert verdicts[6] == FloodVerdict.WARN
    assert verdicts[7:] == [FloodVerdict.DROP] * 23


def test_a_calm_person_is_heard_again_and_warned_again_at_the_next_flood():
    clock = Clock()
    guard = FloodGuard(limit=3, window=10, clock=clock)
    for _ in range(5):
        guard.check(1)
    clock.now += 10.5
    assert guard.check(1) == FloodVerdict.PASS
    assert [guard.check(1) for _ in range(4)][-2:] == [FloodVerdict.WARN, FloodVerdict.DROP]


def test_someone_who_keeps_sending_stays_muted():
    clock = Clock()
    guard = FloodGuard(limit=3, window=10, clock=clock)
    for _ in range(4):
        guard.check(1)
    verdicts = []
    for _ in range(20):  # one message every two seconds: still five per window
        clock.now += 2
        verdicts.append(guard.check(1))
    assert set(verdicts) == {FloodVerdict.DROP}


def test_people_are_counted_separately():
    guard = FloodGuard(limit=2, window=10, clock=Clock())
    for _ in range(5):
        guard.check(1)
    assert guard.check(2) == FloodVerdict.PASS


def test_people_gone_quiet_are_forgotten_so_memory_stays_bounded():
    clock = Clock()
    guard = FloodGuard(limit=2, window=10, clock=clock, sweep_every=50)
    for user in range(49):
        guard.check(user)
    clock.now += 11
    guard.check(999)
    assert guard.tracked() == 1


def test_an_update_delivered_twice_is_admitted_once():
    service = ModerationService(FakeReliabilityUnitOfWork())
    assert service.admit(100, 5001).fresh
    assert not service.admit(100, 5001).fresh
    assert service.admit(101, 5001).fresh


def test_a_blocked_person_is_told_once_and_then_ignored():
    service = ModerationService(FakeReliabilityUnitOfWork())
    service.block(5001, "insultes", by=7001)
    first, second = service.admit(1, 5001), service.admit(2, 5001)
    assert first.blocked and first.notify_block
    assert second.blocked and not second.notify_block
    assert not service.admit(3, 5002).blocked


def test_blocking_again_tells_the_person_again_and_unblocking_lifts_it():
    service = ModerationService(FakeReliabilityUnitOfWork())
    service.block(5001)
    service.admit(1, 5001)
    service.block(5001, "récidive")
    assert service.admit(2, 5001).notify_block
    assert service.unblock(5001)
    assert not service.unblock(5001)
    assert not service.admit(3, 5001).blocked
    assert service.blocked() == []


def test_the_block_list_shows_the_reason():
    service = ModerationService(FakeReliabilityUnitOfWork())
    service.block(5001, "spam")
    [block] = service.blocked()
    assert (block.user_id, block.reason) == (5001, "spam")
    assert service.is_blocked(5001) and not service.is_blocked(5002)

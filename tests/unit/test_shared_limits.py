"""The shared rate limiter asks the database's buckets and waits what they say."""

from __future__ import annotations

from aiogram.methods import SendChatAction, SendMessage

from bot.delivery.shared_limits import GLOBAL_KEY, SharedLimits, SharedRateLimiter


class RecordingBuckets:
    """Buckets that answer fixed waits and note what was asked."""

    def __init__(self, waits: dict[str, float] | None = None) -> None:
        self.waits = waits or {}
        self.taken: list[tuple[str, float, float]] = []
        self.paused: list[tuple[str, float]] = []

    def take(self, key: str, rate: float, capacity: float) -> float:
        self.taken.append((key, rate, capacity))
        return self.waits.get(key, 0.0)

    def pause(self, key: str, seconds: float) -> None:
        self.paused.append((key, seconds))


def limiter(buckets: RecordingBuckets, slept: list[float]) -> SharedRateLimiter:
    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    return SharedRateLimiter(buckets, sleep=sleep)


async def test_a_message_takes_from_its_chat_then_from_the_bot_and_waits_what_they_say():
    buckets, slept = RecordingBuckets({"chat:-1001": 2.5, GLOBAL_KEY: 0.2}), []
    await limiter(buckets, slept).acquire(SendMessage(chat_id=-1001, text="x"), -1001)
    limits = SharedLimits()
    assert buckets.taken == [
        ("chat:-1001", limits.group.rate, limits.group.capacity),
        (GLOBAL_KEY, limits.everyone.rate, limits.everyone.capacity),
    ]
    assert slept == [2.5, 0.2]


async def test_a_private_chat_has_the_private_limits_and_a_chat_action_takes_nothing():
    buckets, slept = RecordingBuckets(), []
    shared = limiter(buckets, slept)
    await shared.acquire(SendChatAction(chat_id=5001, action="typing"), 5001)
    assert buckets.taken == []
    await shared.acquire(SendMessage(chat_id=5001, text="x"), 5001)
    assert buckets.taken[0] == ("chat:5001", 1.0, 5)
    assert slept == []


def test_the_limits_never_let_more_than_telegram_allows_in_any_window():
    limits = SharedLimits()
    assert limits.everyone.capacity + limits.everyone.rate * 1 <= 30
    assert limits.group.capacity + limits.group.rate * 60 <= 20


def test_a_429_pauses_the_chat_or_the_whole_bot_for_every_process():
    buckets = RecordingBuckets()
    shared = SharedRateLimiter(buckets)
    shared.pause(5001, 3.0)
    shared.pause(None, 1.0)
    assert buckets.paused == [("chat:5001", 3.0), (GLOBAL_KEY, 1.0)]

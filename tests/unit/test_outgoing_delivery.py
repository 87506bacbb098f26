"""The session middleware: Telegram's limits, retries, and failed messages kept for later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import AnswerCallbackQuery, GetUpdates, SendChatAction, SendMessage
from aiogram.types import BufferedInputFile

from bot.delivery.method_codec import method_from_payload, method_to_payload
from bot.delivery.rate_limits import Limits, RateLimiter
from bot.delivery.redelivery import redeliver_due
from bot.delivery.session import (
    DeliveryDeferred,
    DeliveryMiddleware,
    RetryPolicy,
    recording_failures,
)
from routing.safety.failed_deliveries import DeliveryService
from tests.fakes import FakeReliabilityUnitOfWork
from tests.telegram_fake import recording_bot

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


class VirtualTime:
    """A clock and a sleep that advances it at once, recording each wait."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


class Telegram:
    """A scripted Bot API: the listed errors first, then success; records the call times."""

    def __init__(self, time: VirtualTime, *errors: Exception) -> None:
        self.time = time
        self.errors = list(errors)
        self.calls: list[tuple[float, str]] = []

    async def __call__(self, bot, method):
        self.calls.append((self.time.now, type(method).__name__))
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


def middleware(time: VirtualTime, deliveries: DeliveryService | None = None):
    limiter = RateLimiter(Limits(), clock=time.clock, sleep=time.sleep)
    found = DeliveryMiddleware(limiter, RetryPolicy(), sleep=time.sleep, now=lambda: NOW)
    found.deliveries = deliveries
    return found


def message(chat_id: int = 5001, text: str = "Bonjour") -> SendMessage:
    return SendMessage(chat_id=chat_id, text=text)


async def test_a_private_chat_gets_a_short_burst_then_one_message_per_second():
    time = VirtualTime()
    telegram, paced = Telegram(time), middleware(time)
    for _ in range(8):
        await paced(telegram, None, message())
    assert [at for at, _ in telegram.calls] == [0, 0, 0, 0, 0, 1, 2, 3]


async def test_a_group_gets_twenty_messages_a_minute():
    time = VirtualTime()
    telegram, paced = Telegram(time), middleware(time)
    for _ in range(23):
        await paced(telegram, None, message(-1001))
    times = [at for at, _ in telegram.calls]
    assert times[:20] == [0] * 20
    assert times[20:] == [60, 60, 60]  # never more than twenty in any sixty seconds


async def test_the_whole_bot_sends_at_most_thirty_messages_a_second():
    time = VirtualTime()
    telegram, paced = Telegram(time), middleware(time)
    for chat in range(1, 61):
        await paced(telegram, None, message(chat))
    times = [at for at, _ in telegram.calls]
    assert times[:30] == [0] * 30
    assert times[-1] == pytest.approx(1.0)
    assert all(times[i] - times[i - 30] >= 1 - 1e-6 for i in range(30, 60))


async def test_chat_actions_and_button_answers_are_not_held_back():
    time = VirtualTime()
    telegram, paced = Telegram(time), middleware(time)
    for _ in range(10):
        await paced(telegram, None, SendChatAction(chat_id=5001, action="typing"))
        await paced(telegram, None, AnswerCallbackQuery(callback_query_id="1"))
    assert time.now == 0


async def test_a_429_is_retried_after_exactly_retry_after_and_holds_the_chat():
    time = VirtualTime()
    telegram = Telegram(time, TelegramRetryAfter(SendMessage, "Too Many Requests", 7))
    paced = middleware(time)
    assert await paced(telegram, None, message()) == "ok"
    assert time.waits == [7]
    await paced(telegram, None, message())
    assert [at for at, _ in telegram.calls] == [0, 7, 7]


async def test_server_errors_are_retried_with_growing_waits():
    time = VirtualTime()
    errors = [TelegramServerError(SendMessage, "Internal Server Error") for _ in range(2)]
    telegram = Telegram(time, *errors)
    assert await middleware(time)(telegram, None, message()) == "ok"
    assert time.waits == [0.5, 1.0]


async def test_network_errors_give_up_after_the_last_attempt_outside_an_update():
    time = VirtualTime()
    errors = [TelegramNetworkError(SendMessage, "Request timeout error") for _ in range(9)]
    telegram = Telegram(time, *errors)
    with pytest.raises(TelegramNetworkError):
        await middleware(time)(telegram, None, message())
    assert len(telegram.calls) == 4
    assert time.waits == [0.5, 1.0, 2.0]


async def test_a_message_failing_every_attempt_while_handling_an_update_is_recorded():
    time = VirtualTime()
    deliveries = DeliveryService(FakeReliabilityUnitOfWork(), first_retry=timedelta(seconds=30))
    errors = [TelegramServerError(SendMessage, "Bad Gateway") for _ in range(4)]
    with recording_failures(), pytest.raises(DeliveryDeferred) as deferred:
        await middleware(time, deliveries)(Telegram(time, *errors), None, message(text="<b>Hi</b>"))
    [kept] = deliveries.pending(5001)
    assert kept.id == deferred.value.delivery_id
    assert (kept.method, kept.attempts, kept.next_try_at) == (
        "SendMessage",
        4,
        NOW + timedelta(seconds=30),
    )
    assert kept.payload == {"chat_id": 5001, "text": "<b>Hi</b>"}
    assert kept.error.startswith("TelegramServerError")


async def test_button_answers_and_update_polls_are_never_recorded_nor_retried_here():
    time = VirtualTime()
    deliveries = DeliveryService(FakeReliabilityUnitOfWork())
    paced = middleware(time, deliveries)
    errors = [TelegramServerError(AnswerCallbackQuery, "x") for _ in range(4)]
    with recording_failures(), pytest.raises(TelegramServerError):
        await paced(Telegram(time, *errors), None, AnswerCallbackQuery(callback_query_id="1"))
    polling = Telegram(time, TelegramNetworkError(GetUpdates, "timeout"))
    with recording_failures(), pytest.raises(TelegramNetworkError):
        await paced(polling, None, GetUpdates())
    assert len(polling.calls) == 1
    assert deliveries.pending(5001) == []


async def test_a_bad_request_is_not_retried():
    time = VirtualTime()
    telegram = Telegram(time, TelegramBadRequest(SendMessage, "Bad Request: chat not found"))
    with pytest.raises(TelegramBadRequest):
        await middleware(time)(telegram, None, message())
    assert len(telegram.calls) == 1


def test_a_call_survives_the_trip_to_json_files_included():
    call = SendMessage(chat_id=5, text="x", reply_markup={"inline_keyboard": [[]]})
    rebuilt = method_from_payload("SendMessage", method_to_payload(call))
    assert (rebuilt.chat_id, rebuilt.text) == (5, "x")
    document = BufferedInputFile(b'{"a": 1}', filename="mes_donnees.json")
    payload = method_to_payload(
        __import__("aiogram").methods.SendDocument(chat_id=5, document=document)
    )
    assert method_from_payload("SendDocument", payload).document.data == b'{"a": 1}'
    with pytest.raises(ValueError):
        method_from_payload("DropDatabase", {})


async def test_the_retry_loop_sends_due_messages_and_gives_up_on_permanent_errors():
    deliveries = DeliveryService(FakeReliabilityUnitOfWork(), first_retry=timedelta(0))
    good = deliveries.record(5001, "SendMessage", {"chat_id": 5001, "text": "ok"}, "x", 4, NOW)
    bad = deliveries.record(5001, "SendMessage", {"chat_id": 5001, "text": "<p>"}, "x", 4, NOW)
    hour = timedelta(hours=1)
    later = deliveries.record(
        5002, "SendMessage", {"chat_id": 5002, "text": "x"}, "x", 4, NOW + hour
    )
    bot, session = recording_bot()
    assert await redeliver_due(bot, deliveries, NOW) == 1
    assert [call.params["text"] for call in session.calls] == ["ok", "<p>"]
    assert session.refused == [
        'Bad Request: can\'t parse entities: Unsupported start tag "p" at byte offset 0'
    ]
    kept = {d.id: d for d in deliveries.pending(5001) + deliveries.pending(5002)}
    assert kept[good].delivered_at == NOW
    assert kept[bad].delivered_at is None and kept[bad].next_try_at is None
    assert "TelegramBadRequest" in kept[bad].error
    assert kept[later].next_try_at > NOW

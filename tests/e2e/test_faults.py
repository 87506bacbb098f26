"""Telegram and the database misbehaving, against the real bot and the sandbox's faults."""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from bot.delivery.session import RetryPolicy, delivery_middleware
from bot.sandbox.control.client import SandboxClientError
from bot.views import texts
from storage.answers.models import QuestionRow
from storage.safety.models import FailedDeliveryRow
from tests.e2e.harness import eventually

QUESTION = "Les conseils de quartier sont-ils obligatoires ?"
ANSWER_MARK = "80 000"  # in the answer to QUESTION
_people = itertools.count(6101)


@pytest.fixture
async def bot(hotline):
    """The running hotline, with short back-offs and every wait of the middleware recorded."""
    middleware = delivery_middleware(hotline.bot)
    middleware.policy = RetryPolicy(first_backoff=0.05, longest_backoff=0.2)
    waits: list[float] = []

    async def recording_sleep(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(seconds)

    middleware.sleep = recording_sleep
    hotline.waits = waits
    return hotline


async def someone(hotline) -> int:
    """A new official, so that tests do not share a conversation or a flood window."""
    user = next(_people)
    await hotline.control.register_user(user, f"Personne {user}")
    return user


async def bot_texts(hotline, chat: int) -> list[str]:
    transcript = await hotline.control.chat(chat)
    return [m.get("text", "") for m in transcript["messages"] if m["from"]["is_bot"]]


async def first_reply(hotline, chat: int, text: str, timeout: float = 10) -> dict:
    receipt = await hotline.control.send_text(chat, text)
    event = await hotline.control.wait_bot_message(chat, after=receipt["revision"], timeout=timeout)
    return event["message"]


async def calls_of(hotline, method: str) -> list[int]:
    calls = await hotline.control.call("GET", "/calls")
    return [c["status"] for c in calls if c["method"].lower() == method.lower()]


async def test_a_429_is_waited_out_for_exactly_retry_after_and_the_answer_arrives(bot):
    chat = await someone(bot)
    await bot.control.add_fault("429", "sendMessage", retry_after=1)
    reply = await first_reply(bot, chat, QUESTION)
    assert ANSWER_MARK in reply["text"]
    assert 1 in bot.waits
    assert await calls_of(bot, "sendMessage") == [429, 200]


async def test_server_errors_are_retried_until_the_answer_goes_through(bot):
    chat = await someone(bot)
    await bot.control.add_fault("500", "sendMessage", count=2)
    reply = await first_reply(bot, chat, QUESTION)
    assert ANSWER_MARK in reply["text"]
    assert await calls_of(bot, "sendMessage") == [500, 500, 200]
    assert (await bot_texts(bot, chat)).count(reply["text"]) == 1


async def test_a_dropped_connection_is_retried_and_the_answer_comes_once(bot):
    chat = await someone(bot)
    await bot.control.add_fault("drop", "sendMessage")
    reply = await first_reply(bot, chat, QUESTION)
    assert ANSWER_MARK in reply["text"]
    await asyncio.sleep(0.5)
    assert (await bot_texts(bot, chat)).count(reply["text"]) == 1


async def test_a_slow_telegram_is_waited_for(bot):
    chat = await someone(bot)
    await bot.control.add_fault("delay", "sendMessage", delay=2)
    reply = await first_reply(bot, chat, QUESTION)
    assert ANSWER_MARK in reply["text"]
    assert bot.waits == []  # nothing failed: the call simply took two seconds


async def test_a_timed_out_call_is_sent_again(bot):
    """After a timeout nobody knows whether Telegram took the message: it is sent again.

    Delivery is therefore at least once: if the slow call still went through, the person may
    see the answer twice in this rare case, but never zero times.
    """
    chat = await someone(bot)
    bot.bot.session.timeout = 1
    await bot.control.add_fault("delay", "sendMessage", delay=1.5)
    reply = await first_reply(bot, chat, QUESTION)
    assert ANSWER_MARK in reply["text"]
    assert bot.waits and bot.waits[0] == 0.05  # the back-off after the timeout
    await asyncio.sleep(1)  # let the slow first call end on the server side, whatever it does
    assert 1 <= (await bot_texts(bot, chat)).count(reply["text"]) <= 2


async def test_a_message_failing_every_attempt_is_kept_then_sent_by_the_retry_loop(bot):
    chat = await someone(bot)
    bot.container.deliveries.first_retry = timedelta(0)
    await bot.control.add_fault("500", "sendMessage", count=4)
    receipt = await bot.control.send_text(chat, QUESTION)

    def kept():
        with bot.container.uow() as uow:
            return uow.deliveries.of_chat(chat)

    [delivery] = await eventually(kept, timeout=10)
    assert delivery.method == "SendMessage" and delivery.attempts == 4
    assert "TelegramServerError" in delivery.error
    # No error message was sent instead: the answer itself is on its way.
    event = await bot.control.wait_bot_message(chat, after=receipt["revision"], timeout=15)
    assert ANSWER_MARK in event["message"]["text"]
    [delivery] = await eventually(lambda: [d for d in kept() if d.delivered_at], timeout=5)
    assert (await bot_texts(bot, chat)) == [event["message"]["text"]]


async def test_an_update_delivered_twice_is_handled_once(bot):
    chat = await someone(bot)
    update = {
        "update_id": 990_000_000_000 + chat,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": chat, "type": "private", "first_name": "X"},
            "from": {"id": chat, "is_bot": False, "first_name": "X"},
            "text": QUESTION,
        },
    }
    for _ in range(2):
        await bot.dispatcher.feed_raw_update(bot.bot, update)
    await asyncio.gather(*(bot.dispatcher.feed_raw_update(bot.bot, update) for _ in range(3)))
    answers = [t for t in await bot_texts(bot, chat) if ANSWER_MARK in t]
    assert len(answers) == 1
    with bot.container.uow() as uow:
        stored = uow.session.scalar(select(func.count()).where(QuestionRow.user_id == chat))
    assert stored == 1


async def test_a_flood_gets_one_calm_message_and_goes_no_further(bot):
    chat = await someone(bot)
    await asyncio.gather(
        *(bot.control.send_text(chat, f"je veux un conseiller {n}") for n in range(30))
    )
    notices = []
    for _ in range(100):
        said = await bot_texts(bot, chat)
        notices = [t for t in said if t.startswith("Vous envoyez beaucoup de messages")]
        if notices and len(said) >= 7:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.5)  # anything more would have come by now
    said = await bot_texts(bot, chat)
    assert len(notices) == 1 and len(said) <= 7
    with bot.container.uow() as uow:
        stored = uow.session.scalar(select(func.count()).where(QuestionRow.user_id == chat))
    assert stored <= 6
    assert bot.container.tickets.tickets_of_official(chat) == []


async def test_a_blocked_person_gets_one_polite_message_and_nothing_else(bot):
    chat = await someone(bot)
    bot.container.moderation.block(chat, "essai")
    reply = await first_reply(bot, chat, QUESTION)
    assert "suspendu" in reply["text"]
    for text in ("/start", QUESTION, "/conseiller"):
        await bot.control.send_text(chat, text)
    await asyncio.sleep(1.5)
    assert await bot_texts(bot, chat) == [reply["text"]]
    with bot.container.uow() as uow:
        stored = uow.session.scalar(select(func.count()).where(QuestionRow.user_id == chat))
    assert stored == 0
    bot.container.moderation.unblock(chat)
    assert ANSWER_MARK in (await first_reply(bot, chat, QUESTION))["text"]


@contextmanager
def failing_database(engine, statement: str, times: int):
    """The next `times` statements starting with `statement` fail as a locked SQLite would."""
    left = [times]

    def fail(conn, cursor, sql, parameters, context, executemany):
        if sql.lstrip().upper().startswith(statement) and left[0] > 0:
            left[0] -= 1
            raise sqlite3.OperationalError("database is locked")

    event.listen(engine, "before_cursor_execute", fail)
    try:
        yield left
    finally:
        event.remove(engine, "before_cursor_execute", fail)


async def test_a_briefly_locked_database_is_retried_and_nothing_is_written_twice(bot):
    chat = await someone(bot)
    with failing_database(bot.container.engine, "INSERT INTO QUESTIONS", 2) as left:
        reply = await first_reply(bot, chat, QUESTION)
    assert left == [0]
    assert ANSWER_MARK in reply["text"]
    with bot.container.uow() as uow:
        stored = uow.session.scalar(select(func.count()).where(QuestionRow.user_id == chat))
    assert stored == 1


async def test_a_database_down_for_long_says_try_again_and_writes_nothing(bot):
    chat = await someone(bot)
    with failing_database(bot.container.engine, "INSERT INTO QUESTIONS", 1000):
        reply = await first_reply(bot, chat, QUESTION)
    assert reply["text"] == texts.ERROR_UNAVAILABLE
    with bot.container.uow() as uow:
        stored = uow.session.scalar(select(func.count()).where(QuestionRow.user_id == chat))
        kept = uow.session.scalar(select(func.count()).where(FailedDeliveryRow.chat_id == chat))
    assert stored == 0 and kept == 0
    assert ANSWER_MARK in (await first_reply(bot, chat, QUESTION))["text"]


async def test_without_any_fault_nothing_is_waited_nor_kept(bot):
    chat = await someone(bot)
    await first_reply(bot, chat, QUESTION)
    assert bot.waits == []
    with pytest.raises(SandboxClientError):
        await bot.control.wait_bot_message(chat, timeout=0.5)

"""Every outgoing Bot API call: Telegram's rate limits, retries, and no message dropped."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NoReturn

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramConflictError,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import AnswerCallbackQuery, GetUpdates, SendChatAction, TelegramMethod

from bot.delivery.method_codec import UnstorableCall, method_to_payload, ticket_of
from bot.delivery.rate_limits import RateLimiter, counts_as_message
from bot.observability import metrics
from routing.safety.failed_deliveries import DeliveryService

log = logging.getLogger(__name__)
# Set while an update is handled: a call that finally fails is then recorded for the retry
# loop. Elsewhere (outbox loop, retry loop, CLI) the caller owns its retries and gets the error.
_record_failures = contextvars.ContextVar("record_failed_deliveries", default=False)
# Set while an update is handled in a cluster: called after each message sent for it, so that
# another process taking the update over after a crash knows a reply already went out.
_on_sent: contextvars.ContextVar[Callable[[], None] | None] = contextvars.ContextVar(
    "on_message_sent", default=None
)
# Ephemeral calls: sending them later would make no sense.
NOT_RECORDED = (AnswerCallbackQuery, SendChatAction, GetUpdates)
_CODES = (
    (TelegramBadRequest, 400),
    (TelegramUnauthorizedError, 401),
    (TelegramForbiddenError, 403),
    (TelegramNotFound, 404),
    (TelegramConflictError, 409),
    (TelegramEntityTooLarge, 413),
    (TelegramRetryAfter, 429),
    (TelegramServerError, "5xx"),
)


class DeliveryDeferred(Exception):
    """A message could not be sent now; it is recorded and the retry loop will send it."""

    def __init__(self, delivery_id: int, method: str) -> None:
        super().__init__(f"{method} deferred as delivery {delivery_id}")
        self.delivery_id = delivery_id
        self.method = method


@contextlib.contextmanager
def recording_failures(enabled: bool = True) -> Iterator[None]:
    """Within this block, calls that fail every attempt are recorded instead of lost."""
    token = _record_failures.set(enabled)
    try:
        yield
    finally:
        _record_failures.reset(token)


@contextlib.contextmanager
def noting_sends(callback: Callable[[], None] | None) -> Iterator[None]:
    """Within this block, `callback` runs after each message sent."""
    token = _on_sent.set(callback)
    try:
        yield
    finally:
        _on_sent.reset(token)


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try before giving up on a call."""

    attempts: int = 4  # for 5xx and network errors (timeouts, dropped connections)
    first_backoff: float = 0.5
    longest_backoff: float = 8.0
    retry_after_waits: int = 5  # how many 429s in a row are waited out

    def backoff(self, failures: int) -> float:
        """Return the wait after the n-th failure: doubling, capped."""
        return min(self.first_backoff * 2 ** (failures - 1), self.longest_backoff)


class DeliveryMiddleware(BaseRequestMiddleware):
    """Paces, retries and, as a last resort, records the bot's outgoing calls."""

    def __init__(
        self,
        limiter: RateLimiter | None = None,
        policy: RetryPolicy | None = None,
        sleep: Callable = asyncio.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.sleep = sleep
        self.limiter = limiter or RateLimiter(clock=time.monotonic, sleep=sleep)
        self.policy = policy or RetryPolicy()
        self.now = now
        self.deliveries: DeliveryService | None = None
        # When the Bot API last answered (any answer but a network error): for /readyz.
        self.last_answer: float | None = None

    async def __call__(self, make_request, bot: Bot, method: TelegramMethod):
        if isinstance(method, GetUpdates):
            return await make_request(bot, method)  # aiogram's polling has its own backoff
        chat_id = getattr(method, "chat_id", None)
        await self.limiter.acquire(method, chat_id)
        failures = waits = 0
        while True:
            try:
                return await self._observed(make_request, bot, method)
            except TelegramRetryAfter as error:
                waits += 1
                if waits > self.policy.retry_after_waits:
                    self._give_up(method, error, failures + waits)
                # Telegram says exactly how long to wait; the chat's other messages wait too.
                self.limiter.pause(chat_id, error.retry_after)
                metrics.RETRY_AFTER_SECONDS.inc(error.retry_after)
                await self.sleep(error.retry_after)
            except (TelegramServerError, TelegramNetworkError) as error:
                failures += 1
                if failures >= self.policy.attempts:
                    self._give_up(method, error, failures + waits)
                await self.sleep(self.policy.backoff(failures))

    async def _observed(self, make_request, bot: Bot, method: TelegramMethod):
        """Make the call, counting it by method and result code for /metrics."""
        name = type(method).__name__
        try:
            result = await make_request(bot, method)
        except TelegramNetworkError:
            metrics.BOT_API_CALLS.labels(name, "network").inc()
            raise
        except TelegramAPIError as error:
            metrics.BOT_API_CALLS.labels(name, str(error_code(error))).inc()
            self.last_answer = time.monotonic()
            raise
        metrics.BOT_API_CALLS.labels(name, "200").inc()
        self.last_answer = time.monotonic()
        noted = _on_sent.get()
        if noted is not None and counts_as_message(method):
            # On the event loop, not in a worker thread: the note is one short UPDATE, and a
            # queue of threads would widen the moment when a crash leaves a reply unnoted.
            try:
                noted()
            except Exception as error:  # the message went out; only the note is missing
                log.warning("sent message not noted: %s", type(error).__name__)
        return result

    def _give_up(self, method: TelegramMethod, error: Exception, attempts: int) -> NoReturn:
        name = type(method).__name__
        chat_id = getattr(method, "chat_id", None)
        recordable = (
            _record_failures.get()
            and self.deliveries is not None
            and isinstance(chat_id, int)
            and not isinstance(method, NOT_RECORDED)
        )
        if recordable:
            try:
                payload = method_to_payload(method)
            except UnstorableCall:
                recordable = False
        if not recordable:
            log.warning("%s failed after %d attempts: %s", name, attempts, type(error).__name__)
            raise error
        try:
            delivery_id = self.deliveries.record(
                chat_id, name, payload, describe(error), attempts, self.now(), ticket_of(payload)
            )
        except Exception as store_error:  # the database is down too: say so loudly
            log.error("%s lost: could not record it (%s)", name, type(store_error).__name__)
            raise error from store_error
        log.warning("%s failed after %d attempts; kept as delivery %d", name, attempts, delivery_id)
        raise DeliveryDeferred(delivery_id, name) from error


def error_code(error: TelegramAPIError) -> int | str:
    """Return the HTTP-like code of a Bot API error (aiogram keeps it only as the class)."""
    for kind, code in _CODES:
        if isinstance(error, kind):
            return code
    return "other"


def describe(error: Exception) -> str:
    """Return a short description of a Bot API error, without what the message said."""
    message = getattr(error, "message", "")
    return f"{type(error).__name__}: {message}"[:300]


def delivery_middleware(bot: Bot) -> DeliveryMiddleware:
    """Return the delivery middleware installed on a bot's session."""
    for middleware in bot.session.middleware:
        if isinstance(middleware, DeliveryMiddleware):
            return middleware
    raise LookupError("no DeliveryMiddleware on this bot")


def install_delivery(bot: Bot, middleware: DeliveryMiddleware | None = None) -> Bot:
    """Route every call of the bot through a delivery middleware; return the bot."""
    bot.session.middleware(middleware or DeliveryMiddleware())
    return bot

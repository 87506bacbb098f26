"""Send what the domain queued: every second, run due jobs, then deliver due outbox messages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramRetryAfter
from aiogram.types import BufferedInputFile

from bot.views import orientation_views
from bot.views.notification_views import render
from bot.views.rendering import Reply
from routing.tickets.business_hours import Clock
from routing.tickets.outbox import NotificationKind, OutboxItem, OutboxService, backoff
from routing.tickets.service import TicketService

log = logging.getLogger(__name__)

Renderer = Callable[[OutboxItem, datetime], Reply | None]
INTERVAL = 1.0
BATCH = 20
# What goes to the advisors or staff about a ticket; withheld while its official is blocked.
GROUP_KINDS = frozenset(
    {
        NotificationKind.GROUP_CARD,
        NotificationKind.GROUP_CARD_UPDATE,
        NotificationKind.SLA_REMINDER_GROUP,
        NotificationKind.SLA_REMINDER_STAFF,
        NotificationKind.RELEASED_TO_GROUP,
    }
)


# Kinds that edit a message already sent (the group card, an advisor's ticket message).
EDITS = frozenset({NotificationKind.GROUP_CARD_UPDATE, NotificationKind.TICKET_MESSAGE_EDIT})


class DispatchLoop:
    """A background task of the bot process; one bad message never stops it."""

    def __init__(
        self,
        tickets: TicketService,
        outbox: OutboxService,
        clock: Clock,
        render: Renderer,
        interval: float = INTERVAL,
        withheld: Callable[[int], bool] = lambda ticket_id: False,
        jobs: tuple[Callable[[datetime], object], ...] = (),
    ) -> None:
        self.tickets = tickets
        # Other features' scheduled work (orientation reminders and offers), run each pass.
        self.jobs = jobs
        self.withheld = withheld
        self.outbox = outbox
        self.clock = clock
        self.render = render
        self.interval = interval
        self.bot: Bot | None = None
        # Several processes on one database: only the leader sends (see bot/app/cluster.py).
        self.leading: Callable[[], bool] = lambda: True
        self._led = False
        self._task: asyncio.Task | None = None
        self._wake = asyncio.Event()
        # One pass at a time: a test's explicit pass must not race the background one.
        self._lock = asyncio.Lock()
        # Cards posted during this process: an update queued in the same pass as its card
        # (due() resolved it before the card existed) edits the card instead of repeating it.
        self._cards: dict[int, int] = {}

    async def on_startup(self, bot: Bot) -> None:
        """Dispatcher start-up hook: start the background task for this bot."""
        self.bot = bot
        self._led = False
        if self.leading():
            self._take_over()
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task = asyncio.create_task(self._run(), name="hotline-dispatch-loop")

    async def on_shutdown(self) -> None:
        """Dispatcher shutdown hook: stop the task (a pass under way is cancelled)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _take_over(self) -> None:
        """Become the sender: what a dead sender left half-sent is given up, never doubled."""
        self._led = True
        abandoned = self.outbox.abandon_interrupted()
        if abandoned:
            log.warning("%d outbox message(s) interrupted by a crash: not repeated", abandoned)

    def wake(self) -> None:
        """Ask for a pass now rather than at the next tick (after an update was handled)."""
        self._wake.set()

    async def middleware(
        self, handler: Callable[..., Awaitable[Any]], event: Any, data: dict[str, Any]
    ) -> Any:
        """Update middleware: what a handler queued goes out without waiting for the tick."""
        try:
            return await handler(event, data)
        finally:
            self.wake()

    async def _run(self) -> None:
        while True:
            try:
                if not self.leading():
                    self._led = False
                else:
                    if not self._led:
                        self._take_over()
                    await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the database may be briefly away: try next tick
                log.error("dispatch pass failed: %s", type(error).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)
            self._wake.clear()

    async def run_once(self) -> int:
        """Run the due jobs, then deliver the due messages; return how many were attempted."""
        if self.bot is None:
            raise RuntimeError("the dispatch loop has not been started with a bot")
        async with self._lock:
            now = self.clock.now()
            self.tickets.run_due_jobs(now)
            for run_jobs in self.jobs:
                run_jobs(now)
            items = self.outbox.due(now, BATCH)
            for item in items:
                await self._deliver(item, now)
            return len(items)

    async def _deliver(self, item: OutboxItem, now: datetime) -> None:
        try:
            if self._withheld(item):
                log.info("outbox %s (%s) withheld: the official is blocked", item.id, item.kind)
                self.outbox.mark_sent(item.id, None)
                return
            reply = self.render(item, now)
            # Committed before the call: after a crash here the message is given up, not doubled.
            if not self.outbox.start_sending(item.id):
                return
            message_id = None if reply is None else await self._send(item, reply)
            self.outbox.mark_sent(item.id, message_id)
            if item.kind == NotificationKind.GROUP_CARD and message_id is not None:
                ticket_id = int(item.payload["ticket_id"])
                self.tickets.card_posted(ticket_id, message_id)
                self._cards[ticket_id] = message_id
        except TelegramRetryAfter as error:
            retry = now + timedelta(seconds=error.retry_after)
            self._failed(item, "TelegramRetryAfter", retry)
        except TelegramAPIError as error:
            # Telegram's description ("chat not found"...) names no person; keep it for staff.
            self._failed(item, f"{type(error).__name__}: {error.message}", None, now)
        except Exception as error:  # a rendering bug or a bad payload: this message only
            self._failed(item, type(error).__name__, None, now)

    def _withheld(self, item: OutboxItem) -> bool:
        ticket_id = item.payload.get("ticket_id")
        return item.kind in GROUP_KINDS and ticket_id is not None and self.withheld(int(ticket_id))

    async def _send(self, item: OutboxItem, reply: Reply) -> int:
        card = item.edit_message_id
        if item.kind == NotificationKind.GROUP_CARD_UPDATE and card is None:
            card = self._cards.get(int(item.payload.get("ticket_id", 0)))
        if item.kind == NotificationKind.TICKET_MESSAGE_EDIT:
            card = item.edit_message_id
        if item.kind in EDITS and card:
            try:
                await self.bot.edit_message_text(
                    reply.text, chat_id=item.chat_id, message_id=card, reply_markup=reply.markup
                )
            except TelegramBadRequest as error:
                if "not modified" in error.message:
                    return card
                if item.kind == NotificationKind.GROUP_CARD_UPDATE:
                    raise
                # The advisor's old ticket message is gone: say it in a new message instead.
            else:
                return card
        if reply.document is not None:
            name, data = reply.document
            sent = await self.bot.send_document(
                item.chat_id,
                BufferedInputFile(data, filename=name),
                caption=reply.text,
                reply_markup=reply.markup,
            )
            return sent.message_id
        sent = await self.bot.send_message(item.chat_id, reply.text, reply_markup=reply.markup)
        return sent.message_id

    def _failed(
        self, item: OutboxItem, error: str, retry: datetime | None, now: datetime | None = None
    ) -> None:
        retry = retry or (now + backoff(item.attempts + 1))
        log.warning("outbox %s (%s) not delivered: %s", item.id, item.kind, error.split(":")[0])
        try:
            self.outbox.mark_failed(item.id, error, retry)
        except Exception as failure:
            log.error("could not record outbox failure %s: %s", item.id, type(failure).__name__)


def install_tickets(dispatcher: Dispatcher, container) -> DispatchLoop:
    """Inject the ticket services and run the dispatch loop with the dispatcher."""
    dispatcher["tickets"] = container.tickets
    dispatcher["advisors"] = container.advisors
    dispatcher["clock"] = container.clock
    dispatcher["answers"] = container.answers
    orientation_views.register_renderers()
    dispatcher["orientation"] = container.orientation
    dispatcher["projects"] = container.projects
    loop = DispatchLoop(
        container.tickets,
        container.outbox,
        container.clock,
        render,
        withheld=container.moderation.withholds_ticket,
        jobs=(container.orientation.run_due_jobs,),
    )
    dispatcher["dispatch_loop"] = loop
    dispatcher.startup.register(loop.on_startup)
    dispatcher.shutdown.register(loop.on_shutdown)
    dispatcher.update.middleware(loop.middleware)
    return loop

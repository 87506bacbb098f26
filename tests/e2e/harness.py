"""Drive the real aiogram dispatcher, polling the project's Telegram sandbox over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from bot.app.container import Container
from bot.app.dispatcher import announce_commands, build_bot, build_dispatcher
from bot.sandbox import DEFAULT_OFFICIAL_ID, SandboxServer
from bot.sandbox.control.client import SandboxClient, SandboxClientError

TOKEN = "123456:E2E-TOKEN"


class Harness:
    """A running bot and sandbox, with helpers to act as an official and read the replies."""

    def __init__(self, container: Container, server: SandboxServer, control: SandboxClient):
        self.container = container
        self.server = server
        self.control = control
        self.chat = DEFAULT_OFFICIAL_ID
        self._polling: asyncio.Task | None = None

    async def start_bot(self) -> None:
        """Build a fresh bot and dispatcher on the same database, and start polling."""
        self.bot = build_bot(TOKEN, self.server.base_url)
        self.dispatcher = build_dispatcher(self.container)
        await announce_commands(self.bot, self.container)
        self._polling = asyncio.create_task(
            self.dispatcher.start_polling(self.bot, handle_signals=False, polling_timeout=2)
        )

    async def stop_bot(self) -> None:
        """Stop polling as a restart would, keeping the database."""
        if self._polling is None:
            return
        with contextlib.suppress(RuntimeError):
            await self.dispatcher.stop_polling()
        with contextlib.suppress(asyncio.CancelledError, TimeoutError):
            await asyncio.wait_for(self._polling, 10)
        await self.bot.session.close()
        self._polling = None

    async def say(self, text: str) -> list[dict]:
        """Send a text as the official and return the bot's messages in answer."""
        receipt = await self.control.send_text(self.chat, text)
        return await self.replies(receipt["revision"])

    async def press(self, message: dict, label: str) -> list[dict]:
        """Press the button whose label contains `label` under a bot message."""
        buttons = [
            b for row in message.get("reply_markup", {}).get("inline_keyboard", []) for b in row
        ]
        matching = [b for b in buttons if label in b["text"]]
        assert matching, f"no button {label!r} in {[b['text'] for b in buttons]}"
        receipt = await self.control.press(
            self.chat, message["message_id"], data=matching[0]["callback_data"]
        )
        return await self.replies(receipt["revision"])

    async def replies(self, after: int, settle: float = 0.4) -> list[dict]:
        """Wait for the bot's first message after a revision, then any that follow quickly."""
        messages = []
        event = await self.control.wait_bot_message(self.chat, after=after, timeout=10)
        while True:
            messages.append(event["message"])
            try:
                event = await self.control.wait_bot_message(
                    self.chat, after=event["revision"], timeout=settle
                )
            except SandboxClientError as error:
                if error.status != 408:  # 408: nothing more came within `settle`
                    raise
                return messages

    async def transcript(self) -> dict:
        """Return the sandbox's view of the official's chat."""
        return await self.control.chat(self.chat)


@contextlib.asynccontextmanager
async def running_bot(container: Container) -> AsyncIterator[Harness]:
    """The real bot on `container` polling a fresh sandbox on a free port, stopped afterwards."""
    async with SandboxServer(port=0) as server, SandboxClient(server.base_url) as control:
        harness = Harness(container, server, control)
        await harness.start_bot()
        try:
            yield harness
        finally:
            await harness.stop_bot()


async def eventually(probe, timeout: float = 5.0, every: float = 0.05):
    """Return the first truthy result of `probe()`, polling until `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = probe()
        if result or loop.time() > deadline:
            return result
        await asyncio.sleep(every)

"""A real aiogram Dispatcher polling the sandbox end to end."""

from __future__ import annotations

import asyncio
import contextlib

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message

from bot.sandbox import DEFAULT_OFFICIAL_ID, SandboxServer
from bot.sandbox.control.client import SandboxClient


async def test_a_polling_dispatcher_echoes_a_message_and_stops_cleanly() -> None:
    async with SandboxServer(port=0) as server, SandboxClient(server.base_url) as control:
        api = TelegramAPIServer.from_base(server.base_url)
        bot = Bot(token="42:TEST", session=AiohttpSession(api=api))
        dp = Dispatcher()

        @dp.message()
        async def echo(message: Message) -> None:
            await message.answer(f"Écho : {message.text}")

        polling = asyncio.create_task(
            dp.start_polling(bot, handle_signals=False, polling_timeout=5)
        )
        try:
            receipt = await control.send_text(DEFAULT_OFFICIAL_ID, "bonjour")
            event = await control.wait_bot_message(
                DEFAULT_OFFICIAL_ID, after=receipt["revision"], timeout=10
            )
            assert event["message"]["text"] == "Écho : bonjour"
            await dp.stop_polling()
            await asyncio.wait_for(polling, 5)
        finally:
            if not polling.done():
                polling.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await polling
        assert polling.exception() is None
        # The update was confirmed, so nothing is left for a next run.
        assert server.state.updates.pending == []

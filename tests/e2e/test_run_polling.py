"""`hotline run` without a token (what `make run` does): sandbox, printed URL, Ctrl+C."""

from __future__ import annotations

import asyncio
import os
import re
import signal
from dataclasses import replace

import aiohttp
import pytest

from bot.app.runner import run_polling
from bot.sandbox import DEFAULT_OFFICIAL_ID
from bot.sandbox.control.client import SandboxClient
from bot.settings import Settings
from tests.e2e.harness import eventually


async def test_run_without_a_token_prints_the_sandbox_url_where_the_bot_answers(e2e_container):
    settings = Settings(
        _env_file=None,
        data_dir=e2e_container.settings.data_dir,
        telegram_token=None,
        telegram_api_base=None,
        sandbox_port=0,
        backoffice_port=0,  # served next to the bot: never a fixed port in tests
    )
    said: list[str] = []
    task = asyncio.create_task(run_polling(replace(e2e_container, settings=settings), said.append))
    try:
        assert await eventually(lambda: said or task.done()) and not task.done(), said
        [url] = re.findall(r"http://127\.0\.0\.1:\d+/", said[0])
        assert "navigateur" in said[1]
        async with SandboxClient(url) as control:
            receipt = await control.send_text(DEFAULT_OFFICIAL_ID, "/start")
            event = await control.wait_bot_message(DEFAULT_OFFICIAL_ID, after=receipt["revision"])
            assert "hotline participation citoyenne" in event["message"]["text"]
            async with aiohttp.ClientSession() as http, http.get(url) as page:
                assert page.status == 200
                assert "Bac à sable Telegram" in await page.text()
        # Ctrl+C: the dispatcher's signal handler stops polling, then the sandbox stops.
        # (Checked first: without that handler, SIGINT would interrupt the whole test run.)
        assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.wait_for(task, 15)
    finally:
        if not task.done():
            task.cancel()
    with pytest.raises(aiohttp.ClientConnectionError):
        async with aiohttp.ClientSession() as http, http.get(url):
            pass

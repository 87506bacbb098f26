"""`hotline run --webhook`: the aiohttp webhook app, its secret token, and setWebhook."""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
from dataclasses import replace

import aiohttp
import pytest

from bot.app.runner import WEBHOOK_PATH, run_webhook
from bot.sandbox import DEFAULT_OFFICIAL_ID, SandboxServer
from bot.sandbox.control.client import SandboxClient
from bot.settings import Settings
from tests.e2e.harness import eventually

SECRET = "s3cret-Token_for-tests"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def webhook_settings(container, **values) -> Settings:
    """Settings for one run, ignoring the environment and any .env file."""
    fields = {
        "telegram_token": None,
        "telegram_api_base": None,
        "webhook_url": None,
        "webhook_secret": None,
        "webhook_host": "127.0.0.1",
        "webhook_port": 0,
        "sandbox_port": 0,
        "backoffice_port": 0,  # served next to the bot: never a fixed port in tests
    }
    return Settings(_env_file=None, data_dir=container.settings.data_dir, **(fields | values))


@contextlib.asynccontextmanager
async def running(container, settings: Settings, said: list[str]):
    """Run `run_webhook` in the background; stop it as Ctrl+C would (cancellation)."""
    task = asyncio.create_task(run_webhook(replace(container, settings=settings), said.append))
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@pytest.fixture
async def telegram():
    """A sandbox standing in for a remote Bot API server (HOTLINE_TELEGRAM_API_BASE)."""
    async with SandboxServer(port=0) as server, SandboxClient(server.base_url) as control:
        yield server, control


@pytest.fixture
async def served(e2e_container, telegram):
    """The webhook served with a token, a public URL and a secret, registered with the API."""
    server, control = telegram
    port = free_port()
    url = f"http://127.0.0.1:{port}{WEBHOOK_PATH}"
    settings = webhook_settings(
        e2e_container,
        telegram_token="42:WEBHOOK-TEST",
        telegram_api_base=server.base_url,
        webhook_url=url,
        webhook_secret=SECRET,
        webhook_port=port,
    )
    said: list[str] = []
    async with running(e2e_container, settings, said) as task:
        registered = await eventually(lambda: server.state.webhook or task.done(), timeout=15)
        assert registered is not None and not task.done(), said
        yield server, control, url


def forged_update(update_id: int, text: str) -> dict:
    """An update as Telegram would post it: the official writes `text`."""
    user = {"id": DEFAULT_OFFICIAL_ID, "is_bot": False, "first_name": "Camille"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": DEFAULT_OFFICIAL_ID, "type": "private", "first_name": "Camille"},
            "from": user,
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


async def test_set_webhook_registers_the_public_url_with_the_secret_and_the_commands(served):
    server, control, url = served
    assert server.state.webhook["url"] == url
    assert server.state.webhook["secret_token"] == SECRET
    state = await control.state()
    assert state["webhook"]["url"] == url
    assert "secret_token" not in state["webhook"]  # the control API never shows the secret
    commands = {c["command"] for menu in state["commands"] for c in menu["commands"]}
    assert {"aide", "themes", "conseiller", "confidentialite"} <= commands


async def test_the_api_server_pushes_an_update_and_the_bot_answers_through_it(served):
    server, control, _ = served
    receipt = await control.send_text(DEFAULT_OFFICIAL_ID, "/start")
    event = await control.wait_bot_message(DEFAULT_OFFICIAL_ID, after=receipt["revision"])
    assert "hotline participation citoyenne" in event["message"]["text"]
    info = await control.state()
    assert info["pending_updates"] == 0
    assert server.state.webhook["last_error_message"] is None


async def test_a_wrong_or_missing_secret_is_refused_and_the_right_one_accepted(served):
    _server, control, url = served
    before = (await control.chat(DEFAULT_OFFICIAL_ID))["revision"]
    async with aiohttp.ClientSession() as http:
        for headers in ({SECRET_HEADER: "not-the-secret"}, {}, {SECRET_HEADER: SECRET.upper()}):
            async with http.post(url, json=forged_update(900, "/aide"), headers=headers) as answer:
                assert answer.status == 401, headers
        async with http.post(
            url, json=forged_update(901, "/confidentialite"), headers={SECRET_HEADER: SECRET}
        ) as answer:
            assert answer.status == 200
    event = await control.wait_bot_message(DEFAULT_OFFICIAL_ID, after=before)
    assert event["message"]["text"].startswith("Confidentialité")
    # The refused updates were never handled: no answer to their /aide.
    transcript = await control.chat(DEFAULT_OFFICIAL_ID)
    assert not any("Comment m'utiliser" in m.get("text", "") for m in transcript["messages"])


async def test_without_a_token_the_webhook_runs_against_a_local_sandbox(e2e_container):
    said: list[str] = []
    async with running(e2e_container, webhook_settings(e2e_container), said) as task:
        announced = await eventually(
            lambda: [s for s in said if "Webhook servi" in s] or task.done()
        )
        assert announced is not True and not task.done(), said
        [sandbox_url] = re.findall(r"http://127\.0\.0\.1:\d+", said[0])
        async with SandboxClient(sandbox_url) as control:
            state = await control.state()
            assert state["webhook"]["url"].endswith(WEBHOOK_PATH)
            receipt = await control.send_text(DEFAULT_OFFICIAL_ID, "/aide")
            event = await control.wait_bot_message(DEFAULT_OFFICIAL_ID, after=receipt["revision"])
    assert "Comment m'utiliser" in event["message"]["text"]


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"telegram_token": "42:T"}, "HOTLINE_WEBHOOK_URL"),
        ({"telegram_token": "42:T", "webhook_url": "https://x.example/webhook"}, "SECRET"),
        (
            {"telegram_token": "42:T", "webhook_url": "https://x.example/w", "webhook_secret": ""},
            "SECRET",
        ),
        ({"webhook_secret": "mot de passe"}, "A-Z, a-z, 0-9"),
    ],
)
async def test_an_incomplete_webhook_configuration_stops_with_a_french_message(
    e2e_container, values, named
):
    settings = webhook_settings(e2e_container, **values)
    with pytest.raises(SystemExit) as stopped:
        await run_webhook(replace(e2e_container, settings=settings), print)
    assert named in str(stopped.value)

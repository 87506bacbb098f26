"""The sandbox's Bot API, driven by a real aiogram Bot over HTTP."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)
from aiohttp import web

from bot.sandbox import DEFAULT_GROUP_ID, DEFAULT_OFFICIAL_ID, SandboxServer
from bot.sandbox.control.client import SandboxClient

OFFICIAL = DEFAULT_OFFICIAL_ID


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    sandbox = SandboxServer(port=0)
    await sandbox.start()
    yield sandbox
    await sandbox.stop()


@pytest.fixture
async def bot(server: SandboxServer) -> AsyncIterator[Bot]:
    api = TelegramAPIServer.from_base(server.base_url)
    telegram_bot = Bot(token="42:TEST", session=AiohttpSession(api=api))
    yield telegram_bot
    await telegram_bot.session.close()


@pytest.fixture
async def control(server: SandboxServer) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(server.base_url) as client:
        yield client


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    row = [InlineKeyboardButton(text=text, callback_data=data) for text, data in buttons]
    return InlineKeyboardMarkup(inline_keyboard=[row])


async def test_port_zero_picks_a_free_port_reflected_in_base_url(server: SandboxServer) -> None:
    assert server.port != 0
    assert server.base_url == f"http://127.0.0.1:{server.port}"


async def test_get_me_answers_the_sandbox_bot_with_the_token_id(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == 42
    assert me.is_bot
    assert me.username == "hotline_sandbox_bot"


async def test_get_updates_returns_a_posted_message_once_confirmed(
    bot: Bot, control: SandboxClient
) -> None:
    await control.send_text(OFFICIAL, "Bonjour, une question sur le budget participatif")
    updates = await bot.get_updates(timeout=0)
    assert len(updates) == 1
    assert updates[0].message.text == "Bonjour, une question sur le budget participatif"
    assert updates[0].message.chat.type == "private"
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [updates[0].update_id]
    confirmed = await bot.get_updates(offset=updates[0].update_id + 1, timeout=0)
    assert confirmed == []


async def test_a_slash_command_gets_a_bot_command_entity_at_offset_zero(
    bot: Bot, control: SandboxClient
) -> None:
    await control.send_text(OFFICIAL, "/start")
    (update,) = await bot.get_updates(timeout=0)
    entity = update.message.entities[0]
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 6)


async def test_a_sent_message_appears_in_the_chat_with_formatting_and_buttons(
    bot: Bot, control: SandboxClient
) -> None:
    sent = await bot.send_message(
        OFFICIAL, "<b>Merci</b> !", parse_mode="HTML", reply_markup=keyboard(("Oui", "yes"))
    )
    assert sent.from_user.id == bot.id
    assert sent.text == "Merci !"
    chat = await control.chat(OFFICIAL)
    (message,) = chat["messages"]
    assert message["message_id"] == sent.message_id
    assert message["entities"] == [{"offset": 0, "length": 5, "type": "bold"}]
    assert message["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "yes"


async def test_message_ids_increase_per_chat(bot: Bot) -> None:
    first = await bot.send_message(OFFICIAL, "un")
    second = await bot.send_message(OFFICIAL, "deux")
    in_group = await bot.send_message(DEFAULT_GROUP_ID, "trois")
    assert second.message_id == first.message_id + 1
    assert in_group.message_id == 1
    assert in_group.chat.type == "supergroup"


@pytest.mark.parametrize(
    ("html", "detail"),
    [
        ("<b>gras", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<script>x</script>", 'Unsupported start tag "script" at byte offset 0'),
        ("<b>x</i>", "Unmatched end tag at byte offset 4"),
        ("1 < 2", "Unsupported start tag"),
    ],
)
async def test_malformed_html_surfaces_as_telegram_bad_request(
    bot: Bot, html: str, detail: str
) -> None:
    with pytest.raises(TelegramBadRequest) as error:
        await bot.send_message(OFFICIAL, html, parse_mode="HTML")
    assert "Bad Request: can't parse entities: " in error.value.message
    assert detail in error.value.message


async def test_text_over_4096_characters_after_parsing_is_too_long(bot: Bot) -> None:
    await bot.send_message(OFFICIAL, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="Bad Request: message is too long"):
        await bot.send_message(OFFICIAL, "a" * 4097)


async def test_empty_text_is_refused(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: message text is empty"):
        await bot.send_message(OFFICIAL, "<b> </b>", parse_mode="HTML")


async def test_callback_data_over_64_bytes_is_button_data_invalid(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: BUTTON_DATA_INVALID"):
        await bot.send_message(OFFICIAL, "Choix", reply_markup=keyboard(("Trop long", "é" * 33)))


async def test_unknown_chat_is_chat_not_found(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: chat not found"):
        await bot.send_message(999_999, "Allô ?")


async def test_long_poll_returns_as_soon_as_an_update_arrives(
    bot: Bot, control: SandboxClient
) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=20))
    await asyncio.sleep(0.2)
    assert not poll.done()
    await control.send_text(OFFICIAL, "Vous êtes là ?")
    updates = await asyncio.wait_for(poll, 5)
    assert updates[0].message.text == "Vous êtes là ?"
    assert time.monotonic() - started < 5


async def test_edit_message_text_changes_the_message_and_stamps_edit_date(
    bot: Bot, control: SandboxClient
) -> None:
    sent = await bot.send_message(OFFICIAL, "Brouillon", reply_markup=keyboard(("A", "a")))
    edited = await bot.edit_message_text(
        text="<i>Version finale</i>",
        chat_id=OFFICIAL,
        message_id=sent.message_id,
        parse_mode="HTML",
    )
    assert edited.text == "Version finale"
    assert edited.edit_date is not None
    assert edited.reply_markup is None  # Telegram drops the keyboard when none is given
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            text="<i>Version finale</i>",
            chat_id=OFFICIAL,
            message_id=sent.message_id,
            parse_mode="HTML",
        )
    (message,) = (await control.chat(OFFICIAL))["messages"]
    assert message["text"] == "Version finale"


async def test_edit_reply_markup_and_delete_message(bot: Bot, control: SandboxClient) -> None:
    sent = await bot.send_message(OFFICIAL, "Question ?")
    await bot.edit_message_reply_markup(
        chat_id=OFFICIAL, message_id=sent.message_id, reply_markup=keyboard(("Oui", "y"))
    )
    (message,) = (await control.chat(OFFICIAL))["messages"]
    assert message["reply_markup"]["inline_keyboard"][0][0]["text"] == "Oui"
    assert await bot.delete_message(OFFICIAL, sent.message_id)
    assert (await control.chat(OFFICIAL))["messages"] == []
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(OFFICIAL, sent.message_id)


async def test_callback_query_round_trip(bot: Bot, control: SandboxClient) -> None:
    sent = await bot.send_message(OFFICIAL, "Satisfait·e ?", reply_markup=keyboard(("Oui", "ok")))
    await control.press(OFFICIAL, sent.message_id, text="Oui")
    (update,) = await bot.get_updates(timeout=0)
    query = update.callback_query
    assert query.data == "ok"
    assert query.from_user.id == OFFICIAL
    assert query.message.message_id == sent.message_id
    assert await bot.answer_callback_query(query.id, text="Merci !")
    (answer,) = (await control.chat(OFFICIAL))["callback_answers"]
    assert (answer["answered"], answer["text"], answer["data"]) == (True, "Merci !", "ok")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query.id)


async def test_fault_429_surfaces_as_retry_after_with_its_delay(
    bot: Bot, control: SandboxClient
) -> None:
    await control.add_fault("429", "sendMessage", retry_after=7)
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(OFFICIAL, "Vite")
    assert error.value.retry_after == 7
    await bot.send_message(OFFICIAL, "Vite")  # only the next call was affected


async def test_fault_500_surfaces_as_server_error(bot: Bot, control: SandboxClient) -> None:
    await control.add_fault("500", count=2)
    for _ in range(2):
        with pytest.raises(TelegramServerError):
            await bot.get_me()
    assert (await bot.get_me()).id == 42


async def test_dropped_connection_and_delay_faults(bot: Bot, control: SandboxClient) -> None:
    await control.add_fault("drop", "getMe")
    with pytest.raises(TelegramNetworkError):
        await bot.get_me()
    await control.add_fault("delay", "getMe", delay=0.5)
    started = time.monotonic()
    await bot.get_me()
    assert time.monotonic() - started >= 0.5


async def test_send_document_keeps_the_file_name_bytes_and_size(
    bot: Bot, server: SandboxServer, control: SandboxClient
) -> None:
    content = "Compte rendu de la réunion".encode()
    sent = await bot.send_document(
        OFFICIAL, BufferedInputFile(content, filename="compte-rendu.txt"), caption="Voici"
    )
    assert sent.document.file_name == "compte-rendu.txt"
    assert sent.document.file_size == len(content)
    url = f"{server.base_url}/control/files/{sent.document.file_id}"
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        assert await response.read() == content


async def test_commands_chat_action_and_get_chat(bot: Bot, control: SandboxClient) -> None:
    await bot.set_my_commands([BotCommand(command="start", description="Commencer")])
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    state = await control.state()
    assert state["commands"][0]["commands"][0]["description"] == "Commencer"
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == []
    assert await bot.send_chat_action(OFFICIAL, "typing")
    assert (await control.chat(OFFICIAL))["action"] == "typing"
    group = await bot.get_chat(DEFAULT_GROUP_ID)
    assert (group.type, group.title) == ("supergroup", "Conseillers participation")


async def test_command_menus_are_kept_per_chat_scope_and_an_unknown_chat_is_refused(
    bot: Bot, control: SandboxClient
) -> None:
    everyone = [BotCommand(command="aide", description="Aide")]
    group = [BotCommand(command="file", description="File")]
    await bot.set_my_commands(everyone)
    await bot.set_my_commands(group, scope=BotCommandScopeChat(chat_id=DEFAULT_GROUP_ID))
    scoped = await bot.get_my_commands(scope=BotCommandScopeChat(chat_id=DEFAULT_GROUP_ID))
    assert [c.command for c in scoped] == ["file"]
    assert [c.command for c in await bot.get_my_commands()] == ["aide"]
    menus = {m["scope"].get("chat_id"): m for m in (await control.state())["commands"]}
    assert menus[DEFAULT_GROUP_ID]["scope"] == {"type": "chat", "chat_id": DEFAULT_GROUP_ID}
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.set_my_commands(everyone, scope=BotCommandScopeChat(chat_id=424242))


async def test_webhook_mode_delivers_updates_with_the_secret_header(
    bot: Bot, control: SandboxClient
) -> None:
    received: asyncio.Queue[tuple[str | None, dict]] = asyncio.Queue()

    async def endpoint(request: web.Request) -> web.Response:
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        await received.put((secret, await request.json()))
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/hook", endpoint)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    try:
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret-token")
        await control.send_text(OFFICIAL, "Par webhook")
        secret, update = await asyncio.wait_for(received.get(), 5)
        assert secret == "s3cret-token"
        assert update["message"]["text"] == "Par webhook"
        with pytest.raises(TelegramConflictError):
            await bot.get_updates(timeout=0)
        info = await bot.get_webhook_info()
        assert info.url.endswith("/hook")
        assert info.pending_update_count == 0
        await bot.delete_webhook()
        assert await bot.get_updates(timeout=0) == []
    finally:
        await runner.cleanup()


async def test_unknown_method_answers_telegram_404(server: SandboxServer) -> None:
    url = f"{server.base_url}/bot42:TEST/sendTeleportation"
    async with aiohttp.ClientSession() as http, http.post(url, json={}) as response:
        assert response.status == 404
        assert await response.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found: method not found",
        }


async def test_json_and_urlencoded_bodies_are_accepted(server: SandboxServer) -> None:
    url = f"{server.base_url}/bot42:TEST/sendMessage"
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json={"chat_id": OFFICIAL, "text": "json"}) as response:
            assert (await response.json())["result"]["text"] == "json"
        form = {"chat_id": str(OFFICIAL), "text": "form", "reply_markup": '{"inline_keyboard":[]}'}
        async with http.post(url, data=form) as response:
            body = await response.json()
    assert body["ok"] is True
    assert isinstance(body["result"]["date"], int)
    assert "reply_markup" not in body["result"]


async def test_a_newer_get_updates_terminates_the_older_long_poll(bot: Bot) -> None:
    older = asyncio.create_task(bot.get_updates(timeout=20))
    await asyncio.sleep(0.1)
    newer = asyncio.create_task(bot.get_updates(timeout=0))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await asyncio.wait_for(older, 5)
    assert await newer == []


async def test_allowed_updates_filters_later_updates(bot: Bot, control: SandboxClient) -> None:
    assert await bot.get_updates(timeout=0, allowed_updates=["callback_query"]) == []
    sent = await bot.send_message(OFFICIAL, "Choix", reply_markup=keyboard(("A", "a")))
    await control.send_text(OFFICIAL, "ignoré")
    await control.press(OFFICIAL, sent.message_id, data="a")
    (update,) = await bot.get_updates(timeout=0)
    assert update.callback_query is not None


async def test_a_webhook_may_answer_with_a_method_call(bot: Bot, control: SandboxClient) -> None:
    async def endpoint(request: web.Request) -> web.Response:
        update = await request.json()
        chat_id = update["message"]["chat"]["id"]
        return web.json_response({"method": "sendMessage", "chat_id": chat_id, "text": "Reçu"})

    app = web.Application()
    app.router.add_post("/hook", endpoint)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        await bot.set_webhook(f"http://127.0.0.1:{runner.addresses[0][1]}/hook")
        receipt = await control.send_text(OFFICIAL, "Ping")
        event = await control.wait_bot_message(OFFICIAL, after=receipt["revision"], timeout=5)
        assert event["message"]["text"] == "Reçu"
    finally:
        await runner.cleanup()


async def test_a_failing_webhook_keeps_the_update_and_reports_the_error(
    bot: Bot, server: SandboxServer, control: SandboxClient
) -> None:
    await bot.set_webhook(f"{server.base_url}/control/nowhere")  # answers 404
    await control.send_text(OFFICIAL, "Perdu ?")
    for _ in range(50):
        info = await bot.get_webhook_info()
        if info.last_error_message:
            break
        await asyncio.sleep(0.05)
    assert info.pending_update_count == 1
    assert "404" in info.last_error_message
    await bot.delete_webhook()
    (update,) = await bot.get_updates(timeout=0)
    assert update.message.text == "Perdu ?"


async def test_stopping_the_server_releases_pending_long_polls(bot: Bot) -> None:
    sandbox = SandboxServer(port=0)
    await sandbox.start()
    api = TelegramAPIServer.from_base(sandbox.base_url)
    other_bot = Bot(token="43:OTHER", session=AiohttpSession(api=api))
    try:
        poll = asyncio.create_task(other_bot.get_updates(timeout=30))
        await asyncio.sleep(0.1)
        started = time.monotonic()
        await sandbox.stop()
        assert time.monotonic() - started < 2
        assert await asyncio.wait_for(poll, 2) == []
    finally:
        await other_bot.session.close()

"""The sandbox's control API: simulated users, validation, waiting and the page."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.sandbox import DEFAULT_ADVISOR_IDS, DEFAULT_GROUP_ID, DEFAULT_OFFICIAL_ID, SandboxServer
from bot.sandbox.control.client import SandboxClient, SandboxClientError

OFFICIAL = DEFAULT_OFFICIAL_ID
ALICE = DEFAULT_ADVISOR_IDS[0]


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    sandbox = SandboxServer(port=0)
    await sandbox.start()
    yield sandbox
    await sandbox.stop()


@pytest.fixture
async def control(server: SandboxServer) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(server.base_url) as client:
        yield client


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def bot_sends(server: SandboxServer, chat_id: int, **fields: object) -> dict:
    """Call sendMessage as the bot would, without aiogram."""
    url = f"{server.base_url}/bot42:TEST/sendMessage"
    async with (
        aiohttp.ClientSession() as http,
        http.post(url, json={"chat_id": chat_id, **fields}) as response,
    ):
        return (await response.json())["result"]


async def test_bad_json_gets_a_400_with_a_clear_french_message(
    server: SandboxServer, http: aiohttp.ClientSession
) -> None:
    url = f"{server.base_url}/control/chats/{OFFICIAL}/messages"
    async with http.post(
        url, data="{pas du json", headers={"Content-Type": "application/json"}
    ) as r:
        body = await r.json()
    assert r.status == 400
    assert body["ok"] is False
    assert body["description"].startswith("Corps JSON invalide")
    async with http.post(url, json=["une", "liste"]) as r:
        assert r.status == 400
        assert "objet JSON" in (await r.json())["description"]


async def test_invalid_fields_and_unknown_targets_are_explained(
    server: SandboxServer, control: SandboxClient, http: aiohttp.ClientSession
) -> None:
    with pytest.raises(SandboxClientError, match="« text »") as error:
        await control.send_text(OFFICIAL, "   ")
    assert error.value.status == 400
    with pytest.raises(SandboxClientError, match="user_id") as error:
        await control.call("POST", f"/chats/{DEFAULT_GROUP_ID}/messages", {"text": "Salut"})
    with pytest.raises(SandboxClientError, match="inconnue") as error:
        await control.send_text(-4242, "Salut", user_id=ALICE)
    assert error.value.status == 404
    with pytest.raises(SandboxClientError, match="Type de panne inconnu"):
        await control.add_fault("teapot")
    async with http.get(f"{server.base_url}/control/nowhere") as response:
        assert response.status == 404
        assert "Point d’accès inconnu" in (await response.json())["description"]


async def test_group_messages_come_from_the_chosen_advisor(control: SandboxClient) -> None:
    receipt = await control.send_text(DEFAULT_GROUP_ID, "Je prends la question", user_id=ALICE)
    message = receipt["message"]
    assert message["chat"] == {
        "id": DEFAULT_GROUP_ID,
        "type": "supergroup",
        "title": "Conseillers participation",
    }
    assert message["from"]["first_name"] == "Alice"
    assert receipt["update_id"] is not None


async def test_unknown_users_are_registered_on_the_fly(control: SandboxClient) -> None:
    command = "/aide@hotline_sandbox_bot"
    receipt = await control.send_text(777, command, first_name="Dominique", username="dom")
    assert receipt["message"]["chat"]["first_name"] == "Dominique"
    entity = {"type": "bot_command", "offset": 0, "length": len(command)}
    assert receipt["message"]["entities"] == [entity]
    users = {user["id"]: user for user in (await control.state())["users"]}
    assert users[777]["username"] == "dom"


async def test_media_messages_look_like_telegram_objects(control: SandboxClient) -> None:
    photo = (await control.send_media(OFFICIAL, "photo", caption="Affiche"))["message"]
    assert photo["photo"][-1]["width"] > photo["photo"][0]["width"]
    assert photo["caption"] == "Affiche"
    voice = (await control.send_media(OFFICIAL, "voice", duration=3))["message"]
    assert voice["voice"]["duration"] == 3
    location = await control.send_media(OFFICIAL, "location", latitude=45.76, longitude=4.83)
    assert location["message"]["location"] == {"latitude": 45.76, "longitude": 4.83}
    document = (await control.send_media(OFFICIAL, "document", file_name="budget.pdf"))["message"]
    assert document["document"]["file_name"] == "budget.pdf"
    sticker = (await control.send_media(OFFICIAL, "sticker"))["message"]
    assert sticker["sticker"]["is_animated"] is False


async def test_a_user_edit_queues_an_edited_message_update(
    server: SandboxServer, control: SandboxClient
) -> None:
    sent = (await control.send_text(OFFICIAL, "Premiere version"))["message"]
    receipt = await control.edit_text(OFFICIAL, sent["message_id"], "Première version")
    assert receipt["message"]["edit_date"] >= sent["date"]
    pending = server.state.updates.pending
    assert "edited_message" in pending[-1]
    assert pending[-1]["edited_message"]["text"] == "Première version"


async def test_pressing_a_missing_button_is_refused_unless_forced(
    server: SandboxServer, control: SandboxClient
) -> None:
    keyboard = {"inline_keyboard": [[{"text": "Oui", "callback_data": "yes"}]]}
    message = await bot_sends(server, OFFICIAL, text="Confirmer ?", reply_markup=keyboard)
    with pytest.raises(SandboxClientError, match="force") as error:
        await control.press(OFFICIAL, message["message_id"], data="no")
    assert error.value.status == 400
    forged = await control.press(OFFICIAL, message["message_id"], data="no", force=True)
    assert forged["callback"]["data"] == "no"
    query = server.state.updates.pending[-1]["callback_query"]
    assert query["message"]["reply_markup"] == keyboard


async def test_waiting_returns_the_next_bot_message_or_times_out(
    server: SandboxServer, control: SandboxClient
) -> None:
    receipt = await control.send_text(OFFICIAL, "Bonjour")
    await bot_sends(server, OFFICIAL, text="Bonjour Camille")
    event = await control.wait_bot_message(OFFICIAL, after=receipt["revision"], timeout=2)
    assert event["kind"] == "message"
    assert event["message"]["text"] == "Bonjour Camille"
    with pytest.raises(SandboxClientError) as error:
        await control.wait_bot_message(OFFICIAL, timeout=0.2)
    assert error.value.status == 408


async def test_reset_forgets_conversations_but_keeps_the_cast(
    server: SandboxServer, control: SandboxClient
) -> None:
    await control.send_text(OFFICIAL, "Avant")
    before = server.state.updates.pending[-1]["update_id"]
    await control.reset()
    assert (await control.chat(OFFICIAL))["messages"] == []
    assert server.state.updates.pending == []
    after = (await control.send_text(OFFICIAL, "Après"))["update_id"]
    assert after > before  # a running bot's offset must stay valid


async def test_faults_are_listed_and_cleared(control: SandboxClient) -> None:
    await control.add_fault("429", "sendMessage", count=3, retry_after=2)
    (fault,) = await control.call("GET", "/faults")
    assert (fault["method"], fault["remaining"], fault["retry_after"]) == ("sendMessage", 3, 2)
    assert await control.call("DELETE", "/faults") == []


async def test_the_page_and_its_assets_are_served(
    server: SandboxServer, http: aiohttp.ClientSession
) -> None:
    async with http.get(server.base_url + "/") as response:
        page = await response.text()
    assert response.status == 200
    assert 'lang="fr"' in page
    for asset in ("sandbox.css", "render.js", "pane.js", "app.js"):
        async with http.get(f"{server.base_url}/static/{asset}") as response:
            assert response.status == 200, asset

"""The sandbox obeys only its own page and local programs: no cross-site or rebinding request."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.sandbox import DEFAULT_OFFICIAL_ID, SandboxServer

OFFICIAL = DEFAULT_OFFICIAL_ID


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    sandbox = SandboxServer(port=0, allowed_hosts=["sandbox.internal"])
    await sandbox.start()
    yield sandbox
    await sandbox.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def messages_url(server: SandboxServer) -> str:
    return f"{server.base_url}/control/chats/{OFFICIAL}/messages"


def official_messages(server: SandboxServer) -> list:
    return server.state.chats[OFFICIAL].transcript()["messages"]


async def test_a_cross_site_text_plain_post_is_refused_and_not_executed(server, http):
    # What a page on another site can send without asking the browser first.
    headers = {"Origin": "http://evil.example", "Content-Type": "text/plain"}
    async with http.post(messages_url(server), data='{"text": "/start"}', headers=headers) as r:
        body = await r.json()
    assert r.status == 403
    assert body["ok"] is False
    assert "Origine « http://evil.example » refusée" in body["description"]
    assert official_messages(server) == []
    assert server.state.updates.pending == []


@pytest.mark.parametrize(
    "origin", ["http://evil.example", "null", "http://127.0.0.1:1", "https://localhost"]
)
async def test_a_foreign_origin_is_refused_even_with_a_json_body(server, http, origin):
    headers = {"Origin": origin}
    async with http.post(messages_url(server), json={"text": "/start"}, headers=headers) as r:
        assert r.status == 403
    async with http.post(f"{server.base_url}/control/reset", json={}, headers=headers) as r:
        assert r.status == 403
    assert official_messages(server) == []


@pytest.mark.parametrize(
    "path", ["/control/state", f"/control/chats/{OFFICIAL}", "/", "/bot42:TEST/getMe"]
)
async def test_a_foreign_host_gets_nothing_to_read(server, http, path):
    # DNS rebinding: the page's name now points at 127.0.0.1 and its requests look same-origin.
    headers = {"Host": f"evil.example:{server.port}"}
    async with http.get(server.base_url + path, headers=headers) as response:
        body = await response.json()
    assert response.status == 403
    assert "Hôte « evil.example:" in body["description"]
    assert "conversations" not in str(body)


async def test_a_host_on_another_port_is_refused(server, http):
    async with http.get(f"{server.base_url}/control/state", headers={"Host": "127.0.0.1:1"}) as r:
        assert r.status == 403


@pytest.mark.parametrize(
    "host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "sandbox.internal:{port}"]
)
async def test_its_own_names_and_the_configured_one_are_answered(server, http, host):
    headers = {"Host": host.format(port=server.port)}
    async with http.get(f"{server.base_url}/control/state", headers=headers) as response:
        assert response.status == 200
        assert (await response.json())["ok"] is True


async def test_the_pages_own_requests_still_work(server, http):
    # As app.js sends them: fetch() adds the page's Origin to a POST, and the JSON header.
    own = {"Origin": server.base_url}
    async with http.post(messages_url(server), json={"text": "Bonjour"}, headers=own) as r:
        assert r.status == 201, await r.text()
    localhost = {"Origin": f"http://localhost:{server.port}", "Host": f"localhost:{server.port}"}
    async with http.post(messages_url(server), json={"text": "Re"}, headers=localhost) as r:
        assert r.status == 201, await r.text()
    async with http.delete(f"{server.base_url}/control/faults", headers=own) as r:
        assert r.status == 200  # no body, so no Content-Type needed
    async with http.get(f"{server.base_url}/control/changes?after=0&timeout=0") as r:
        assert r.status == 200  # same-origin reads carry no Origin
    assert [m["text"] for m in official_messages(server)] == ["Bonjour", "Re"]


@pytest.mark.parametrize(
    "kind",
    [
        {"data": '{"text": "/start"}', "headers": {"Content-Type": "text/plain"}},
        {"data": {"text": "/start"}},  # application/x-www-form-urlencoded
        {"data": aiohttp.FormData({"text": "/start"}, default_to_multipart=True)},
        {"data": b'{"text": "/start"}', "headers": {"Content-Type": ""}},
    ],
    ids=["text", "urlencoded", "multipart", "no-type"],
)
async def test_a_control_call_without_a_json_body_gets_a_415_in_french(server, http, kind):
    async with http.post(messages_url(server), **kind) as response:
        body = await response.json()
    assert response.status == 415
    assert "Content-Type: application/json" in body["description"]
    assert official_messages(server) == []


async def test_the_bot_api_still_takes_forms_and_multipart_without_origin(server, http):
    # aiogram sends multipart (uploads) or JSON, and no Origin: unchanged.
    url = f"{server.base_url}/bot42:TEST/sendMessage"
    form = aiohttp.FormData({"chat_id": str(OFFICIAL), "text": "Par formulaire"})
    async with http.post(url, data=form) as response:
        assert response.status == 200, await response.text()
    async with http.post(url, data={"chat_id": str(OFFICIAL), "text": "Encodé"}) as response:
        assert response.status == 200
    evil = {"Origin": "http://evil.example"}
    async with http.post(url, json={"chat_id": OFFICIAL, "text": "Piège"}, headers=evil) as r:
        assert r.status == 403
    assert [m["text"] for m in official_messages(server)] == ["Par formulaire", "Encodé"]


async def test_a_broken_multipart_body_on_the_bot_api_is_a_400_not_a_500(server, http):
    headers = {"Content-Type": "multipart/form-data; boundary=xyz"}
    body = b"--xyz\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--xyz--\r\n"
    url = f"{server.base_url}/bot42:TEST/sendMessage"
    async with http.post(url, data=body, headers=headers) as response:
        answer = await response.json()
    assert response.status == 400
    assert answer["description"].startswith("Bad Request")

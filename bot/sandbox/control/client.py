"""Async client for the control API, for end-to-end tests and scripts."""

from __future__ import annotations

from types import TracebackType
from typing import Any

import aiohttp


class SandboxClientError(Exception):
    """The control API answered {"ok": false, ...}."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(f"{status}: {description}")
        self.status = status
        self.description = description


class SandboxClient:
    """Drives simulated users through the control API of a running sandbox."""

    def __init__(self, base_url: str, session: aiohttp.ClientSession | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = session
        self._owns_session = session is None

    async def __aenter__(self) -> SandboxClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the HTTP session if this client created it."""
        if self._session is not None and self._owns_session:
            await self._session.close()
        self._session = None

    async def call(
        self, method: str, path: str, body: dict[str, Any] | None = None, **query: Any
    ) -> Any:
        """Call an endpoint under /control and return its result (or raise)."""
        if self._session is None:
            self._session = aiohttp.ClientSession()
            self._owns_session = True
        params = {key: str(value) for key, value in query.items() if value is not None}
        url = f"{self.base_url}/control{path}"
        async with self._session.request(method, url, json=body, params=params) as response:
            answer = await response.json()
        if not answer.get("ok"):
            raise SandboxClientError(
                answer.get("error_code", response.status), answer["description"]
            )
        return answer["result"]

    async def register_user(self, user_id: int, first_name: str, **fields: Any) -> dict:
        """Create or update a simulated user."""
        return await self.call(
            "POST", "/users", {"id": user_id, "first_name": first_name, **fields}
        )

    async def add_group(self, chat_id: int, title: str, members: list[int]) -> dict:
        """Create or update a supergroup."""
        return await self.call(
            "POST", "/groups", {"id": chat_id, "title": title, "members": members}
        )

    async def send_text(
        self, chat_id: int, text: str, *, user_id: int | None = None, **fields: Any
    ) -> dict:
        """A user writes text in a chat; returns the message, update_id and revision."""
        body = {"text": text, "user_id": user_id, **fields}
        return await self.call("POST", f"/chats/{chat_id}/messages", _compact(body))

    async def send_media(
        self, chat_id: int, kind: str, *, user_id: int | None = None, **fields: Any
    ) -> dict:
        """A user sends a photo, voice, sticker, document or location."""
        body = {"kind": kind, "user_id": user_id, **fields}
        return await self.call("POST", f"/chats/{chat_id}/messages", _compact(body))

    async def edit_text(self, chat_id: int, message_id: int, text: str) -> dict:
        """A user edits one of their text messages."""
        path = f"/chats/{chat_id}/messages/{message_id}/edit"
        return await self.call("POST", path, {"text": text})

    async def press(
        self,
        chat_id: int,
        message_id: int,
        *,
        data: str | None = None,
        text: str | None = None,
        user_id: int | None = None,
        force: bool = False,
    ) -> dict:
        """A user presses an inline button (by callback data or label)."""
        body = _compact({"data": data, "text": text, "user_id": user_id, "force": force or None})
        return await self.call("POST", f"/chats/{chat_id}/messages/{message_id}/press", body)

    async def chat(self, chat_id: int) -> dict:
        """Return the transcript of a chat."""
        return await self.call("GET", f"/chats/{chat_id}")

    async def wait_bot_message(
        self, chat_id: int, *, after: int | None = None, timeout: float = 10.0
    ) -> dict:
        """Wait for the bot's next message or edit in a chat (after a revision)."""
        return await self.call("GET", f"/chats/{chat_id}/wait", after=after, timeout=timeout)

    async def add_fault(self, kind: str, method: str = "*", count: int = 1, **fields: Any) -> dict:
        """Make the next `count` calls of method fail (kind: 429, 500, delay, drop)."""
        body = {"kind": kind, "method": method, "count": count, **fields}
        return await self.call("POST", "/faults", body)

    async def reset(self, *, full: bool = False) -> dict:
        """Forget conversations (and with full=True the webhook and commands)."""
        return await self.call("POST", "/reset", {"full": full})

    async def state(self) -> dict:
        """Return the overview of the sandbox state."""
        return await self.call("GET", "/state")

    async def limits(self) -> dict:
        """Return the busiest second and minute of the bot's messages, updates per URL."""
        return await self.call("GET", "/limits")


def _compact(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if value is not None}

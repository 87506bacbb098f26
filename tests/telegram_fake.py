"""A Bot whose session records every Bot API call and answers as Telegram would, offline.

What the bot sends goes through the sandbox's validators (HTML parsing, 4096-character limit,
64-byte callback data), so a message Telegram would refuse is refused here too, and recorded.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.enums import ParseMode
from aiogram.methods import EditMessageText, GetMe, SendMessage, TelegramMethod

from bot.sandbox.botapi.content import formatted_text, reply_markup
from bot.sandbox.botapi.params import ApiError, Params

BOT_USER = {"id": 42, "is_bot": True, "first_name": "Hotline", "username": "hotline_test_bot"}


@dataclass
class Call:
    """One Bot API call: its method name, its parameters as sent, what Telegram made of it."""

    method: str
    params: dict[str, Any]
    text: str = ""
    entities: list[dict[str, Any]] = field(default_factory=list)
    buttons: list[dict[str, Any]] = field(default_factory=list)


class RecordingSession(BaseSession):
    """Records calls instead of sending them; answers with Telegram-shaped results."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[Call] = []
        self.refused: list[str] = []  # Telegram's descriptions of what it would have refused
        self._message_ids = count(1000)

    async def make_request(
        self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None
    ) -> Any:
        values = {
            key: prepared
            for key, value in method.model_dump(warnings=False).items()
            if (prepared := self.prepare_value(value, bot=bot, files={}))
        }
        call = Call(method.__api_method__, values)
        self.calls.append(call)
        result: Any = True
        try:
            if isinstance(method, GetMe):
                result = BOT_USER
            elif isinstance(method, SendMessage | EditMessageText):
                result = self._message(call, Params(values))
        except ApiError as error:
            self.refused.append(error.description)
            content = {"ok": False, "error_code": error.code, "description": error.description}
            self.check_response(bot, method, error.code, json.dumps(content))  # raises
        response = self.check_response(bot, method, 200, json.dumps({"ok": True, "result": result}))
        return response.result

    def _message(self, call: Call, params: Params) -> dict[str, Any]:
        call.text, call.entities = formatted_text(params)
        inline, _ = reply_markup(params)
        call.buttons = [
            button for row in (inline or {}).get("inline_keyboard", []) for button in row
        ]
        chat_id = int(params.values["chat_id"])
        message = {
            "message_id": params.integer("message_id") or next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": BOT_USER,
            "text": call.text,
            "entities": call.entities,
        }
        return message | ({"reply_markup": inline} if inline else {})

    async def close(self) -> None:
        """Nothing to close: there is no connection."""

    async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncGenerator[bytes, None]:
        yield b""


def recording_bot() -> tuple[Bot, RecordingSession]:
    """Return a bot configured like the hotline's (HTML by default) and its recording session."""
    session = RecordingSession()
    bot = Bot(
        token=f"{BOT_USER['id']}:TEST",
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    return bot, session


# Shared by every Official: update ids never repeat (the bot drops duplicates, as it should).
_UPDATE_IDS = count(1)
_USER_IDS = count(50_001)


class Official:
    """Builds the raw updates an official's Telegram client would produce."""

    def __init__(self, first_name: str = "Camille", user_id: int | None = None) -> None:
        user_id = user_id if user_id is not None else next(_USER_IDS)
        self.user = {"id": user_id, "is_bot": False, "first_name": first_name}
        self.chat = {"id": user_id, "type": "private", "first_name": first_name}
        self._ids = _UPDATE_IDS

    def message(self, text: str | None = None, **content: Any) -> dict[str, Any]:
        """A message update: text (commands get their entity) or other content."""
        message = self._base() | content
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                length = len(text.split()[0])
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {"update_id": next(self._ids), "message": message}

    def edited(self, message_id: int, text: str) -> dict[str, Any]:
        """An edited_message update for one of the official's messages."""
        message = self._base() | {"message_id": message_id, "text": text}
        return {"update_id": next(self._ids), "edited_message": message | {"edit_date": 1}}

    def press(self, data: str, message_text: str = "…") -> dict[str, Any]:
        """A callback_query update: the official presses a button under a bot message."""
        bot_message = {
            "message_id": 999,
            "date": int(time.time()),
            "chat": self.chat,
            "from": BOT_USER,
            "text": message_text,
        }
        query = {
            "id": f"cb{next(self._ids)}",
            "from": self.user,
            "chat_instance": "1",
            "message": bot_message,
            "data": data,
        }
        return {"update_id": next(self._ids), "callback_query": query}

    def _base(self) -> dict[str, Any]:
        number = next(self._ids)
        return {
            "message_id": number,
            "date": int(time.time()),
            "chat": self.chat,
            "from": self.user,
        }

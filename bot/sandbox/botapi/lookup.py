"""Finding the chat and message a Bot API call refers to, with Telegram's errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.sandbox.botapi.params import Params, bad_request
from bot.sandbox.chats import Chat
from bot.sandbox.state import SandboxState


@dataclass
class Described:
    """A successful result that Telegram accompanies with a description."""

    result: Any
    description: str


def target_chat(state: SandboxState, params: Params) -> Chat:
    """Return the chat named by chat_id (a number or an @username)."""
    raw = params.raw("chat_id")
    if raw is None or raw == "":
        raise bad_request("chat_id is empty")
    if isinstance(raw, str) and raw.startswith("@"):
        wanted = raw[1:].lower()
        for chat in state.chats.values():
            if chat.user and chat.user.get("username", "").lower() == wanted:
                return chat
        raise bad_request("chat not found")
    chat_id = params.integer("chat_id")
    chat = state.chats.get(chat_id) if chat_id is not None else None
    if chat is None:
        raise bad_request("chat not found")
    return chat


def target_message(
    state: SandboxState, params: Params, missing: str = "message to edit not found"
) -> tuple[Chat, dict[str, Any]]:
    """Return the chat and message named by chat_id and message_id."""
    if params.raw("inline_message_id"):
        # Inline mode is not simulated: no inline message can exist in the sandbox.
        raise bad_request("MESSAGE_ID_INVALID")
    chat = target_chat(state, params)
    message_id = params.integer("message_id", required="message identifier is not specified")
    message = chat.messages.get(message_id or 0)
    if message is None:
        raise bad_request(missing)
    return chat, message


def reply_target(chat: Chat, params: Params) -> dict[str, Any] | None:
    """Return the message being replied to (reply_parameters or reply_to_message_id)."""
    parameters = params.json_value(
        "reply_parameters", dict, "can't parse reply parameters JSON object"
    )
    if parameters is not None:
        message_id = parameters.get("message_id")
        allow_missing = bool(parameters.get("allow_sending_without_reply"))
    else:
        message_id = params.integer("reply_to_message_id")
        allow_missing = params.flag("allow_sending_without_reply")
    if message_id is None:
        return None
    message = chat.messages.get(message_id) if isinstance(message_id, int) else None
    if message is None and not allow_missing:
        raise bad_request("message to be replied not found")
    return message

"""Bot API methods that send, edit and delete messages."""

from __future__ import annotations

import mimetypes
from typing import Any

from bot.sandbox.botapi.content import MAX_CAPTION, formatted_text, reply_markup
from bot.sandbox.botapi.lookup import reply_target, target_chat, target_message
from bot.sandbox.botapi.objects import new_file_ids
from bot.sandbox.botapi.params import Params, Upload, bad_request
from bot.sandbox.chats import Chat, StoredFile
from bot.sandbox.state import SandboxState

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def _apply_reply_keyboard(chat: Chat, markup: dict[str, Any] | None) -> None:
    # Reply keyboards are not part of the Message object; the chat remembers them.
    if markup is None:
        return
    if "keyboard" in markup:
        chat.reply_keyboard = markup
    elif markup.get("remove_keyboard"):
        chat.reply_keyboard = None


def _set_optional(message: dict[str, Any], key: str, value: Any) -> None:
    if value:
        message[key] = value
    else:
        message.pop(key, None)


async def send_message(state: SandboxState, params: Params) -> dict[str, Any]:
    """sendMessage: validate text, HTML and buttons, then store the bot's message."""
    chat = target_chat(state, params)
    text, entities = formatted_text(params)
    inline, other = reply_markup(params)
    reply_to = reply_target(chat, params)
    content: dict[str, Any] = {"text": text}
    _set_optional(content, "entities", entities)
    _set_optional(content, "reply_markup", inline)
    _apply_reply_keyboard(chat, other)
    return state.add_message(chat, state.bot, content, reply_to=reply_to)


def _editable(state: SandboxState, params: Params) -> tuple[Chat, dict[str, Any]]:
    chat, message = target_message(state, params)
    if not message["from"]["is_bot"] or message["from"]["id"] != state.bot["id"]:
        raise bad_request("message can't be edited")
    return chat, message


async def edit_message_text(state: SandboxState, params: Params) -> dict[str, Any]:
    """editMessageText: replace text (and keyboard, which is dropped when not given)."""
    chat, message = _editable(state, params)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    text, entities = formatted_text(params)
    inline, _ = reply_markup(params)
    unchanged = (
        text == message["text"]
        and entities == message.get("entities", [])
        and inline == message.get("reply_markup")
    )
    if unchanged:
        raise bad_request(_NOT_MODIFIED)
    message["text"] = text
    _set_optional(message, "entities", entities)
    _set_optional(message, "reply_markup", inline)
    state.mark_edited(chat, message)
    return message


async def edit_message_reply_markup(state: SandboxState, params: Params) -> dict[str, Any]:
    """editMessageReplyMarkup: replace or remove the inline keyboard."""
    chat, message = _editable(state, params)
    inline, _ = reply_markup(params)
    if inline == message.get("reply_markup"):
        raise bad_request(_NOT_MODIFIED)
    _set_optional(message, "reply_markup", inline)
    state.mark_edited(chat, message)
    return message


async def delete_message(state: SandboxState, params: Params) -> bool:
    """deleteMessage: remove a message (the sandbox bot is admin in its groups)."""
    chat, message = target_message(state, params, missing="message to delete not found")
    del chat.messages[message["message_id"]]
    state.feed.publish("delete", chat_id=chat.id, by_bot=True, message=message)
    return True


def _stored_document(state: SandboxState, document: Upload | str | None) -> StoredFile:
    if document is None or document == "":
        raise bad_request("there is no document in the request")
    if isinstance(document, str):
        if document.startswith(("http://", "https://")):
            # The sandbox never downloads from the internet.
            raise bad_request("failed to get HTTP URL content")
        stored = state.files.get(document)
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return stored
    if not document.data:
        raise bad_request("file must be non-empty")
    file_id, unique_id = new_file_ids()
    guessed = mimetypes.guess_type(document.filename)[0]
    mime = guessed or document.content_type or "application/octet-stream"
    stored = StoredFile(file_id, unique_id, document.filename, mime, len(document.data))
    stored.data = document.data
    state.files[file_id] = stored
    return stored


async def send_document(state: SandboxState, params: Params) -> dict[str, Any]:
    """sendDocument: keep the file's name, bytes and size; caption follows parse_mode."""
    chat = target_chat(state, params)
    stored = _stored_document(state, params.upload("document"))
    caption, caption_entities = formatted_text(params, "caption", limit=MAX_CAPTION, required=False)
    inline, other = reply_markup(params)
    reply_to = reply_target(chat, params)
    document = {
        "file_name": stored.file_name,
        "mime_type": stored.mime_type,
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.file_size,
    }
    content: dict[str, Any] = {"document": {k: v for k, v in document.items() if v is not None}}
    _set_optional(content, "caption", caption)
    _set_optional(content, "caption_entities", caption_entities)
    _set_optional(content, "reply_markup", inline)
    _apply_reply_keyboard(chat, other)
    return state.add_message(chat, state.bot, content, reply_to=reply_to)


async def send_chat_action(state: SandboxState, params: Params) -> bool:
    """sendChatAction: show "typing…" (or another action) for a few seconds."""
    chat = target_chat(state, params)
    action = params.text("action")
    if not action:
        raise bad_request("action is empty")
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    chat.set_action(action)
    state.feed.publish("action", chat_id=chat.id, by_bot=True)
    return True


METHODS = {
    "sendmessage": send_message,
    "editmessagetext": edit_message_text,
    "editmessagereplymarkup": edit_message_reply_markup,
    "deletemessage": delete_message,
    "senddocument": send_document,
    "sendchataction": send_chat_action,
}

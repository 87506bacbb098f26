"""What simulated people do: write, send media, edit their messages, press buttons."""

from __future__ import annotations

import copy
from typing import Any

from bot.sandbox.botapi.content import find_button
from bot.sandbox.botapi.objects import (
    CAPTIONED_KINDS,
    MEDIA_KINDS,
    command_entities,
    media_content,
    new_callback_id,
    now,
)
from bot.sandbox.chats import Chat, StoredFile
from bot.sandbox.state import SandboxState


class ControlError(Exception):
    """A control API error; the message is French because people read it."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def ensure_user(
    state: SandboxState, user_id: int, first_name: str | None = None, username: str | None = None
) -> dict[str, Any]:
    """Return a user, registering it on the fly when unknown."""
    user = state.users.get(user_id)
    if user is None or (first_name and first_name != user["first_name"]):
        user = state.register_user(
            user_id,
            first_name or f"Utilisateur {user_id}",
            username=username or (user or {}).get("username"),
        )
    return user


def chat_for(state: SandboxState, chat_id: int, user_id: int) -> Chat:
    """Return the chat where user_id acts, creating private chats on demand."""
    chat = state.chats.get(chat_id)
    if chat is None and chat_id > 0 and chat_id == user_id:
        ensure_user(state, user_id)
        chat = state.chats[chat_id]
    if chat is None:
        raise ControlError(404, f"Conversation {chat_id} inconnue du bac à sable.")
    if chat.type == "private" and user_id != chat.id:
        raise ControlError(
            400, f"Dans la conversation privée {chat.id}, seul l’utilisateur {chat.id} peut agir."
        )
    if chat.type != "private":
        state.add_member(chat, user_id)
    return chat


def find_message(chat: Chat, message_id: int) -> dict[str, Any]:
    """Return a message of chat or raise a 404 control error."""
    message = chat.messages.get(message_id)
    if message is None:
        raise ControlError(404, f"Message {message_id} introuvable dans la conversation {chat.id}.")
    return message


def _remember_file(state: SandboxState, content: dict[str, Any]) -> None:
    # Users' files get real file_ids, so the bot can send them on with sendDocument.
    media = content.get("document") or content.get("voice") or (content.get("photo") or [None])[-1]
    if media:
        state.files[media["file_id"]] = StoredFile(
            media["file_id"],
            media["file_unique_id"],
            media.get("file_name"),
            media.get("mime_type"),
            media.get("file_size", 0),
        )


def post_message(
    state: SandboxState,
    chat: Chat,
    user: dict[str, Any],
    *,
    kind: str = "text",
    text: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    reply_to_message_id: int | None = None,
    options: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Post a user's message (text or media) and queue the `message` update."""
    if kind == "text":
        if not text or not text.strip():
            raise ControlError(400, "Le champ « text » doit être une chaîne non vide.")
        content: dict[str, Any] = {"text": text}
        found = command_entities(text) if entities is None else entities
    elif kind in MEDIA_KINDS:
        content = media_content(kind, options or {})
        _remember_file(state, content)
        found = []
        if text and kind in CAPTIONED_KINDS:
            content["caption"] = text
            found = command_entities(text) if entities is None else entities
    else:
        kinds = ", ".join(("text", *MEDIA_KINDS))
        raise ControlError(400, f"Type de message inconnu : « {kind} » (attendu : {kinds}).")
    if found:
        content["entities" if kind == "text" else "caption_entities"] = found
    reply_to = find_message(chat, reply_to_message_id) if reply_to_message_id else None
    message = state.add_message(chat, user, content, reply_to=reply_to)
    return message, state.push_update("message", message)


def edit_message(
    state: SandboxState, chat: Chat, message: dict[str, Any], text: str
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Edit a user's text message and queue the `edited_message` update."""
    if message["from"]["is_bot"]:
        raise ControlError(400, "Seuls les messages des utilisateurs se modifient ici.")
    if "text" not in message:
        raise ControlError(400, "Ce message n’a pas de texte à modifier.")
    if not text.strip():
        raise ControlError(400, "Le nouveau texte ne peut pas être vide.")
    if text == message["text"]:
        raise ControlError(400, "Le texte est identique : Telegram n’enverrait aucune mise à jour.")
    message["text"] = text
    message.pop("entities", None)
    if found := command_entities(text):
        message["entities"] = found
    state.mark_edited(chat, message)
    return message, state.push_update("edited_message", message)


def press_button(
    state: SandboxState,
    chat: Chat,
    message: dict[str, Any],
    user: dict[str, Any],
    *,
    data: str | None = None,
    label: str | None = None,
    force: bool = False,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Press an inline button and queue the `callback_query` update."""
    button = find_button(message, data, label)
    if button is not None and "callback_data" in button:
        data = button["callback_data"]
    elif not force:
        wanted = f"avec callback_data « {data} »" if data is not None else f"« {label} »"
        raise ControlError(
            400,
            f"Le message {message['message_id']} n’a pas de bouton {wanted} "
            "(ajoutez « force »: true pour forger le callback quand même).",
        )
    if data is None:
        raise ControlError(400, "Le champ « data » est requis pour forger un callback.")
    query = {
        "id": new_callback_id(),
        "from": user,
        "message": copy.deepcopy(message),
        "chat_instance": str(chat.id * 7_919 + 1_000_003),
        "data": data,
    }
    record = {
        "callback_query_id": query["id"],
        "chat_id": chat.id,
        "message_id": message["message_id"],
        "from_id": user["id"],
        "data": data,
        "date": now(),
        "answered": False,
        "text": None,
        "show_alert": False,
        "url": None,
    }
    state.callbacks[query["id"]] = record
    chat.callbacks.append(record)
    state.feed.publish("callback", chat_id=chat.id)
    return record, state.push_update("callback_query", query)

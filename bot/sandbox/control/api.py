"""Control API, conversations: post, edit, press, read and wait."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.sandbox.botapi.routes import STATE_KEY
from bot.sandbox.chats import Chat
from bot.sandbox.control import actions
from bot.sandbox.control.actions import ControlError
from bot.sandbox.control.http import (
    fail,
    int_field,
    ok,
    path_int,
    query_number,
    read_body,
    str_field,
)
from bot.sandbox.events import Event
from bot.sandbox.state import SandboxState

_MAX_WAIT = 120.0


def _known_chat(state: SandboxState, request: web.Request) -> Chat:
    chat_id = path_int(request, "chat_id")
    chat = state.chats.get(chat_id)
    if chat is None:
        raise ControlError(404, f"Conversation {chat_id} inconnue du bac à sable.")
    return chat


def _actor(state: SandboxState, body: dict[str, Any], chat_id: int) -> dict[str, Any]:
    # In a private chat the user is implied; in a group, user_id says who is typing.
    user_id = int_field(body, "user_id", chat_id if chat_id > 0 else None)
    if user_id is None:
        raise ControlError(400, "Le champ « user_id » est obligatoire dans un groupe.")
    if user_id <= 0:
        raise ControlError(400, "« user_id » doit être un entier positif.")
    return actions.ensure_user(
        state, user_id, str_field(body, "first_name"), str_field(body, "username")
    )


def _receipt(state: SandboxState, update: dict[str, Any] | None, **extra: Any) -> dict:
    # "revision" lets the caller wait for the bot's answer without missing a fast one.
    return {
        **extra,
        "update_id": update["update_id"] if update else None,
        "revision": state.feed.revision,
    }


async def post_message(request: web.Request) -> web.Response:
    """POST /control/chats/{chat_id}/messages: a user writes (text or media)."""
    state = request.app[STATE_KEY]
    body = await read_body(request)
    chat_id = path_int(request, "chat_id")
    user = _actor(state, body, chat_id)
    chat = actions.chat_for(state, chat_id, user["id"])
    entities = body.get("entities")
    if entities is not None and not isinstance(entities, list):
        raise ControlError(400, "Le champ « entities » doit être une liste d’entités.")
    options = {k: v for k, v in body.items() if k not in ("text", "entities", "kind")}
    message, update = actions.post_message(
        state,
        chat,
        user,
        kind=str_field(body, "kind", "text") or "text",
        text=str_field(body, "text") or str_field(body, "caption"),
        entities=entities,
        reply_to_message_id=int_field(body, "reply_to_message_id"),
        options=options,
    )
    return ok(_receipt(state, update, message=message), status=201)


async def edit_message(request: web.Request) -> web.Response:
    """POST .../messages/{message_id}/edit: a user edits their text message."""
    state = request.app[STATE_KEY]
    body = await read_body(request)
    chat = _known_chat(state, request)
    message = actions.find_message(chat, path_int(request, "message_id"))
    text = str_field(body, "text")
    if text is None:
        raise ControlError(400, "Le champ « text » est obligatoire.")
    message, update = actions.edit_message(state, chat, message, text)
    return ok(_receipt(state, update, message=message))


async def press_button(request: web.Request) -> web.Response:
    """POST .../messages/{message_id}/press: a user presses an inline button."""
    state = request.app[STATE_KEY]
    body = await read_body(request)
    chat = _known_chat(state, request)
    message = actions.find_message(chat, path_int(request, "message_id"))
    user = _actor(state, body, chat.id)
    actions.chat_for(state, chat.id, user["id"])
    data, label = str_field(body, "data"), str_field(body, "text")
    if data is None and label is None:
        raise ControlError(400, "Indiquez le bouton par « data » (callback_data) ou « text ».")
    record, update = actions.press_button(
        state, chat, message, user, data=data, label=label, force=bool(body.get("force"))
    )
    return ok(_receipt(state, update, callback=record))


async def list_chats(request: web.Request) -> web.Response:
    """GET /control/chats: every chat with its members."""
    state = request.app[STATE_KEY]
    return ok([chat.as_object() | {"members": chat.members} for chat in state.chats.values()])


async def read_chat(request: web.Request) -> web.Response:
    """GET /control/chats/{chat_id}: messages in order, buttons and callback answers."""
    state = request.app[STATE_KEY]
    chat = _known_chat(state, request)
    return ok(chat.transcript() | {"revision": state.feed.revision})


async def wait_bot_message(request: web.Request) -> web.Response:
    """GET /control/chats/{chat_id}/wait: long-poll for the bot's next message or edit."""
    state = request.app[STATE_KEY]
    chat = _known_chat(state, request)
    after = int(query_number(request, "after", state.feed.revision, float(2**62)))
    timeout = query_number(request, "timeout", 10.0, _MAX_WAIT)

    def bot_spoke() -> Event | None:
        for event in state.feed.since(after):
            if event.chat_id == chat.id and event.by_bot and event.kind in ("message", "edit"):
                return event
        return None

    event = await state.feed.wait_for(bot_spoke, timeout)
    if event is None and state.feed.closed:
        return fail(503, "Le bac à sable s’arrête.")
    if event is None:
        return fail(408, f"Le bot n’a rien envoyé dans la conversation {chat.id} en {timeout:g} s.")
    return ok(event.to_dict())


def add_chat_routes(app: web.Application) -> None:
    """Register the conversation endpoints."""
    base = "/control/chats/{chat_id}"
    app.router.add_get("/control/chats", list_chats)
    app.router.add_get(base, read_chat)
    app.router.add_get(base + "/wait", wait_bot_message)
    app.router.add_post(base + "/messages", post_message)
    app.router.add_post(base + "/messages/{message_id}/edit", edit_message)
    app.router.add_post(base + "/messages/{message_id}/press", press_button)

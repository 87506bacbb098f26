"""Control API, administration: state, users, groups, reset, faults, changes, files."""

from __future__ import annotations

from urllib.parse import quote

from aiohttp import web

from bot.sandbox.botapi.routes import STATE_KEY
from bot.sandbox.control.actions import ControlError
from bot.sandbox.control.http import (
    int_field,
    number_field,
    ok,
    query_number,
    read_body,
    required_int,
    str_field,
)
from bot.sandbox.faults import ANY_METHOD
from bot.sandbox.limits import limit_report

_MAX_WAIT = 120.0


async def get_state(request: web.Request) -> web.Response:
    """GET /control/state: bot, users, chats, commands, webhook and faults."""
    return ok(request.app[STATE_KEY].snapshot())


async def register_user(request: web.Request) -> web.Response:
    """POST /control/users: create or update a user (and their private chat)."""
    state = request.app[STATE_KEY]
    body = await read_body(request)
    user_id = required_int(body, "id")
    first_name = str_field(body, "first_name")
    if user_id <= 0:
        raise ControlError(400, "L’identifiant d’un utilisateur doit être un entier positif.")
    if not first_name or not first_name.strip():
        raise ControlError(400, "Le champ « first_name » est obligatoire.")
    user = state.register_user(
        user_id,
        first_name.strip(),
        username=str_field(body, "username"),
        last_name=str_field(body, "last_name"),
        language_code=str_field(body, "language_code", "fr"),
    )
    return ok(user, status=201)


async def add_group(request: web.Request) -> web.Response:
    """POST /control/groups: create or update a supergroup and its members."""
    state = request.app[STATE_KEY]
    body = await read_body(request)
    chat_id = required_int(body, "id")
    title = str_field(body, "title")
    if chat_id >= 0:
        raise ControlError(400, "L’identifiant d’un groupe doit être négatif (ex. -1001).")
    if not title or not title.strip():
        raise ControlError(400, "Le champ « title » est obligatoire.")
    members = body.get("members", [])
    if not isinstance(members, list) or not all(isinstance(m, int) for m in members):
        raise ControlError(400, "Le champ « members » doit être une liste d’identifiants.")
    unknown = [member for member in members if member not in state.users]
    if unknown:
        raise ControlError(400, f"Utilisateurs inconnus : {unknown} (créez-les d’abord).")
    chat = state.add_group(chat_id, title.strip(), members)
    return ok(chat.as_object() | {"members": chat.members}, status=201)


async def reset(request: web.Request) -> web.Response:
    """POST /control/reset: forget conversations (full: also webhook and commands)."""
    state = request.app[STATE_KEY]
    body = await read_body(request)
    state.reset(full=bool(body.get("full")))
    return ok({"revision": state.feed.revision})


async def add_fault(request: web.Request) -> web.Response:
    """POST /control/faults: make the next calls of a method fail."""
    state = request.app[STATE_KEY]
    body = await read_body(request)
    kind = body.get("kind")
    try:
        fault = state.faults.add(
            str(kind),
            str_field(body, "method", ANY_METHOD) or ANY_METHOD,
            int_field(body, "count", 1) or 0,
            int_field(body, "retry_after", 5) or 0,
            number_field(body, "delay", 1.0),
        )
    except ValueError as error:
        raise ControlError(400, str(error)) from None
    state.feed.publish("faults")
    return ok(fault.to_dict(), status=201)


async def list_faults(request: web.Request) -> web.Response:
    """GET /control/faults: the rules still active."""
    return ok(request.app[STATE_KEY].faults.to_list())


async def clear_faults(request: web.Request) -> web.Response:
    """DELETE /control/faults: remove every rule."""
    state = request.app[STATE_KEY]
    state.faults.clear()
    state.feed.publish("faults")
    return ok([])


async def list_calls(request: web.Request) -> web.Response:
    """GET /control/calls: the last Bot API calls with their status."""
    return ok(list(request.app[STATE_KEY].calls))


async def wait_changes(request: web.Request) -> web.Response:
    """GET /control/changes?after=N: long-poll until the revision moves past N."""
    state = request.app[STATE_KEY]
    after = int(query_number(request, "after", 0, float(2**62)))
    timeout = query_number(request, "timeout", 25.0, _MAX_WAIT)
    # A different revision (even a lower one, after a restart) means "refresh".
    await state.feed.wait_for(lambda: True if state.feed.revision != after else None, timeout)
    events = [
        {"revision": e.revision, "kind": e.kind, "chat_id": e.chat_id, "by_bot": e.by_bot}
        for e in state.feed.since(after)
    ]
    return ok({"revision": state.feed.revision, "events": events})


async def download_file(request: web.Request) -> web.StreamResponse:
    """GET /control/files/{file_id}: the bytes of a document sent by the bot."""
    stored = request.app[STATE_KEY].files.get(request.match_info["file_id"])
    if stored is None or stored.data is None:
        raise ControlError(
            404, "Fichier inconnu, ou envoyé par un utilisateur simulé (sans contenu)."
        )
    # RFC 5987 encoding, because French file names are rarely plain ASCII.
    name = quote(stored.file_name or "fichier")
    return web.Response(
        body=stored.data,
        content_type=stored.mime_type or "application/octet-stream",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
    )


async def get_limits(request: web.Request) -> web.Response:
    """GET /control/limits: the busiest second and minute of the bot's messages so far."""
    state = request.app[STATE_KEY]
    return ok(limit_report(list(state.bot_sends), list(state.deliveries)))


def add_admin_routes(app: web.Application) -> None:
    """Register the administration endpoints."""
    app.router.add_get("/control/state", get_state)
    app.router.add_post("/control/users", register_user)
    app.router.add_post("/control/groups", add_group)
    app.router.add_post("/control/reset", reset)
    app.router.add_get("/control/faults", list_faults)
    app.router.add_post("/control/faults", add_fault)
    app.router.add_delete("/control/faults", clear_faults)
    app.router.add_get("/control/calls", list_calls)
    app.router.add_get("/control/changes", wait_changes)
    app.router.add_get("/control/files/{file_id}", download_file)
    app.router.add_get("/control/limits", get_limits)

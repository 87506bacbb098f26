"""The /bot<token>/<method> endpoint: faults, dispatch and Telegram's response shape."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.sandbox.botapi import methods_bot, methods_messages, methods_updates
from bot.sandbox.botapi.lookup import Described
from bot.sandbox.botapi.params import ApiError, Params, read_params
from bot.sandbox.state import SandboxState

log = logging.getLogger(__name__)

Method = Callable[[SandboxState, Params], Awaitable[Any]]
# Telegram method names are case-insensitive, hence the lower-case keys.
METHODS: dict[str, Method] = {
    **methods_bot.METHODS,
    **methods_messages.METHODS,
    **methods_updates.METHODS,
}
STATE_KEY = web.AppKey("sandbox_state", SandboxState)
_dumps = functools.partial(json.dumps, ensure_ascii=False)


def json_response(body: dict[str, Any], status: int = 200) -> web.Response:
    """Answer JSON with raw UTF-8, as Telegram does (French stays readable in curl)."""
    return web.json_response(body, status=status, dumps=_dumps)


def error_body(code: int, description: str, parameters: dict[str, Any] | None = None) -> dict:
    """Return Telegram's error body."""
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


async def call_method(state: SandboxState, name: str, params: Params) -> dict[str, Any]:
    """Run a Bot API method and return (without HTTP) the body Telegram would answer."""
    method = METHODS.get(name.lower())
    if method is None:
        return error_body(404, "Not Found: method not found")
    try:
        result = await method(state, params)
    except ApiError as error:
        return error_body(error.code, error.description, error.parameters)
    if isinstance(result, Described):
        return {"ok": True, "result": result.result, "description": result.description}
    return {"ok": True, "result": result}


def _drop_connection(request: web.Request) -> web.Response:
    # Closing the socket without writing anything is what a crashed proxy looks like.
    if request.transport is not None:
        request.transport.abort()
    return web.Response(status=500)


async def _apply_fault(state: SandboxState, request: web.Request, name: str) -> web.Response | None:
    fault = state.faults.take(name)
    if fault is None:
        return None
    log.info("Sandbox fault %s injected into %s", fault.kind, name)
    if fault.kind == "delay":
        await asyncio.sleep(fault.delay)
        return None
    if fault.kind == "drop":
        state.record_call(name, 0, "connection dropped")
        return _drop_connection(request)
    if fault.kind == "429":
        description = f"Too Many Requests: retry after {fault.retry_after}"
        body = error_body(429, description, {"retry_after": fault.retry_after})
    else:
        body = error_body(500, "Internal Server Error")
    state.record_call(name, body["error_code"], body["description"])
    return json_response(body, status=body["error_code"])


async def handle_bot_api(request: web.Request) -> web.StreamResponse:
    """Answer one Bot API call exactly as api.telegram.org would."""
    state = request.app[STATE_KEY]
    name = request.match_info["method"]
    state.bind_token(request.match_info["token"])
    faulty = await _apply_fault(state, request, name)
    if faulty is not None:
        return faulty
    try:
        params = await read_params(request)
    except ApiError as error:
        body = error_body(error.code, error.description)
    else:
        body = await call_method(state, name, params)
    status = 200 if body["ok"] else body["error_code"]
    state.record_call(name, status, None if body["ok"] else body["description"])
    return json_response(body, status=status)


def add_bot_api_routes(app: web.Application) -> None:
    """Register /bot<token>/<method> (GET and POST, like Telegram)."""
    app.router.add_route("*", "/bot{token}/{method}", handle_bot_api)

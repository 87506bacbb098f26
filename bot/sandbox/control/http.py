"""JSON plumbing for the control API: bodies, typed fields, responses and errors."""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import web

from bot.sandbox.botapi.routes import error_body, json_response
from bot.sandbox.control.actions import ControlError

log = logging.getLogger(__name__)


def ok(result: Any, status: int = 200) -> web.Response:
    """Answer {"ok": true, "result": ...}."""
    return json_response({"ok": True, "result": result}, status=status)


def fail(status: int, message: str) -> web.Response:
    """Answer {"ok": false, "error_code": ..., "description": ...}."""
    return json_response(error_body(status, message), status=status)


async def read_body(request: web.Request) -> dict[str, Any]:
    """Return the JSON object sent by the client ({} for an empty body)."""
    raw = await request.text()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError as error:
        raise ControlError(400, f"Corps JSON invalide : {error}.") from None
    if not isinstance(body, dict):
        raise ControlError(400, "Le corps de la requête doit être un objet JSON.")
    return body


def int_field(body: dict[str, Any], name: str, default: int | None = None) -> int | None:
    """Return an integer field (numeric strings accepted) or the default."""
    value = body.get(name)
    if value is None:
        return default
    if isinstance(value, bool):
        raise ControlError(400, f"Le champ « {name} » doit être un entier.")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ControlError(400, f"Le champ « {name} » doit être un entier.") from None


def required_int(body: dict[str, Any], name: str) -> int:
    """Return a mandatory integer field."""
    value = int_field(body, name)
    if value is None:
        raise ControlError(400, f"Le champ « {name} » est obligatoire.")
    return value


def str_field(body: dict[str, Any], name: str, default: str | None = None) -> str | None:
    """Return a string field or the default."""
    value = body.get(name)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ControlError(400, f"Le champ « {name} » doit être une chaîne de caractères.")
    return value


def number_field(body: dict[str, Any], name: str, default: float) -> float:
    """Return a number field (numeric strings accepted) or the default."""
    value = body.get(name, default)
    if isinstance(value, bool):
        raise ControlError(400, f"Le champ « {name} » doit être un nombre.")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ControlError(400, f"Le champ « {name} » doit être un nombre.") from None


def path_int(request: web.Request, name: str) -> int:
    """Return an integer taken from the URL path."""
    try:
        return int(request.match_info[name])
    except ValueError:
        raise ControlError(
            400, f"« {request.match_info[name]} » n’est pas un identifiant."
        ) from None


def query_number(request: web.Request, name: str, default: float, maximum: float) -> float:
    """Return a number from the query string, clamped to [0, maximum]."""
    return min(max(number_field(dict(request.query), name, default), 0.0), maximum)


@web.middleware
async def error_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    """Turn errors into JSON: French for /control, Telegram's shape elsewhere."""
    control = request.path.startswith("/control")
    try:
        return await handler(request)
    except ControlError as error:
        return fail(error.status, error.message)
    except web.HTTPNotFound:
        if control:
            return fail(404, f"Point d’accès inconnu : {request.method} {request.path}.")
        if request.path.startswith("/bot"):
            return json_response(error_body(404, "Not Found"), status=404)
        raise
    except web.HTTPMethodNotAllowed:
        if control:
            return fail(405, f"Méthode {request.method} non permise sur {request.path}.")
        raise
    except web.HTTPException:
        raise
    except Exception:
        # A sandbox bug must never kill the server: log it and answer a clear 500.
        log.exception("Sandbox error on %s %s", request.method, request.path)
        if control:
            return fail(500, "Erreur interne du bac à sable (voir les journaux du serveur).")
        return json_response(error_body(500, "Internal Server Error"), status=500)

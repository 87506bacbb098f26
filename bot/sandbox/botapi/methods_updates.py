"""Bot API methods that deliver updates: getUpdates and the webhook settings."""

from __future__ import annotations

import re
from typing import Any

from bot.sandbox.botapi.lookup import Described
from bot.sandbox.botapi.params import ApiError, Params, bad_request
from bot.sandbox.state import SandboxState

WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
POLLING_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
# Long polls longer than this are cut short; Telegram itself caps them well below.
_MAX_POLL_SECONDS = 600


def _allowed_updates(state: SandboxState, params: Params) -> None:
    allowed = params.json_value("allowed_updates", list, "can't parse allowed_updates JSON array")
    if allowed is not None:
        # Like Telegram, the setting persists until the next call that passes it.
        state.updates.allowed_updates = [str(kind) for kind in allowed]


async def get_updates(state: SandboxState, params: Params) -> list[dict[str, Any]]:
    """getUpdates: confirm older updates, then long-poll until one is there."""
    if state.webhook:
        raise ApiError(409, WEBHOOK_CONFLICT)
    offset = params.integer("offset") or 0
    limit = min(max(params.integer("limit") or 100, 1), 100)
    timeout = min(max(params.integer("timeout") or 0, 0), _MAX_POLL_SECONDS)
    _allowed_updates(state, params)
    queue = state.updates
    queue.confirm(offset)
    queue.poll_generation += 1
    generation = queue.poll_generation
    state.feed.poke()  # an older long poll of this bot must now give way

    def ready() -> list[dict[str, Any]] | str | None:
        if queue.poll_generation != generation:
            return "superseded"
        if state.webhook:
            return "webhook"
        return queue.peek(limit) or None

    result = await state.feed.wait_for(ready, timeout)
    if result == "superseded":
        raise ApiError(409, POLLING_CONFLICT)
    if result == "webhook":
        raise ApiError(409, WEBHOOK_CONFLICT)
    return result if isinstance(result, list) else []


async def set_webhook(state: SandboxState, params: Params) -> Described:
    """setWebhook: from now on, POST updates to url instead of queueing them."""
    url = params.text("url") or ""
    if not url:
        return await delete_webhook(state, params)
    if not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.text("secret_token")
    if secret is not None and not _SECRET_TOKEN.fullmatch(secret):
        raise bad_request("bad webhook: secret token contains unallowed characters")
    max_connections = params.integer("max_connections") or 40
    if not 1 <= max_connections <= 100:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    _allowed_updates(state, params)
    if params.flag("drop_pending_updates"):
        state.updates.clear()
    already = state.webhook is not None and state.webhook["url"] == url
    state.webhook = {
        "url": url,
        "secret_token": secret,
        "max_connections": max_connections,
        "last_error_date": None,
        "last_error_message": None,
    }
    state.feed.publish("webhook")
    return Described(True, "Webhook is already set" if already else "Webhook was set")


async def delete_webhook(state: SandboxState, params: Params) -> Described:
    """deleteWebhook: go back to getUpdates, optionally dropping pending updates."""
    existed = state.webhook is not None
    state.webhook = None
    if params.flag("drop_pending_updates"):
        state.updates.clear()
    state.feed.publish("webhook")
    return Described(True, "Webhook was deleted" if existed else "Webhook is already deleted")


async def get_webhook_info(state: SandboxState, params: Params) -> dict[str, Any]:
    """getWebhookInfo: the current webhook, its backlog and its last delivery error."""
    info: dict[str, Any] = {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates.pending),
    }
    hook = state.webhook
    if hook:
        info.update(url=hook["url"], max_connections=hook["max_connections"])
        info["ip_address"] = "127.0.0.1"
        if hook["last_error_date"]:
            info["last_error_date"] = hook["last_error_date"]
            info["last_error_message"] = hook["last_error_message"]
    if state.updates.allowed_updates:
        info["allowed_updates"] = list(state.updates.allowed_updates)
    return info


METHODS = {
    "getupdates": get_updates,
    "setwebhook": set_webhook,
    "deletewebhook": delete_webhook,
    "getwebhookinfo": get_webhook_info,
}

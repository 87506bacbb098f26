"""Webhook delivery: POST pending updates, in order, to the URL given to setWebhook."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp

from bot.sandbox.botapi.objects import now
from bot.sandbox.botapi.params import Params
from bot.sandbox.botapi.routes import call_method
from bot.sandbox.state import SandboxState

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_TIMEOUT = aiohttp.ClientTimeout(total=30)
# Telegram retries failed deliveries with a growing delay; short here to keep dev loops fast.
_RETRY_DELAYS = (1, 2, 4, 8)


class WebhookDeliverer:
    """Background task that empties the update queue into the webhook."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self._failures = 0

    def _next(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        hook, pending = self.state.webhook, self.state.updates.pending
        return (hook, pending[0]) if hook and pending else None

    async def run(self) -> None:
        """Deliver updates until the state is closed."""
        async with aiohttp.ClientSession(timeout=_TIMEOUT) as session:
            while not self.state.feed.closed:
                job = await self.state.feed.wait_for(self._next, None)
                if job is None:
                    return
                hook, update = job
                if await self._deliver(session, hook, update):
                    self._failures = 0
                    self.state.updates.remove(update["update_id"])
                    continue
                delay = _RETRY_DELAYS[min(self._failures, len(_RETRY_DELAYS) - 1)]
                self._failures += 1
                # Wait for the delay, or less if the webhook is changed meanwhile.
                await self.state.feed.wait_for(lambda h=hook: self._changed(h), delay)

    def _changed(self, hook: dict[str, Any]) -> bool | None:
        return True if self.state.webhook is not hook else None

    async def _deliver(
        self, session: aiohttp.ClientSession, hook: dict[str, Any], update: dict[str, Any]
    ) -> bool:
        headers = {SECRET_HEADER: hook["secret_token"]} if hook.get("secret_token") else {}
        try:
            async with session.post(hook["url"], json=update, headers=headers) as response:
                if response.status >= 300:
                    self._fail(
                        hook,
                        f"Wrong response from the webhook: {response.status} {response.reason}",
                    )
                    return False
                await self._run_reply(response)
                return True
        except (aiohttp.ClientError, TimeoutError) as error:
            self._fail(hook, f"Connection failed: {type(error).__name__}: {error}")
            return False

    def _fail(self, hook: dict[str, Any], message: str) -> None:
        log.warning("Sandbox webhook delivery failed: %s", message)
        hook["last_error_date"] = now()
        hook["last_error_message"] = message
        self.state.feed.publish("webhook")

    async def _run_reply(self, response: aiohttp.ClientResponse) -> None:
        # A webhook may answer with a method call in its body; Telegram executes it.
        if response.content_type != "application/json":
            return
        try:
            body = await response.json()
        except ValueError:
            return
        if isinstance(body, dict) and isinstance(body.get("method"), str):
            values = {k: v for k, v in body.items() if k != "method"}
            answer = await call_method(self.state, body["method"], Params(values))
            self.state.record_call(
                body["method"],
                200 if answer["ok"] else answer["error_code"],
                None if answer["ok"] else answer["description"],
            )

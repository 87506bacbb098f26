"""The sandbox's in-memory world: the bot, users, chats, updates and files."""

from __future__ import annotations

import json
import time
from collections import deque
from typing import Any

from bot.sandbox.botapi.objects import make_user, now
from bot.sandbox.chats import Chat, StoredFile
from bot.sandbox.events import ChangeFeed
from bot.sandbox.faults import FaultInjector
from bot.sandbox.updates import UpdateQueue

DEFAULT_BOT_ID = 42
DEFAULT_OFFICIAL_ID = 5001
DEFAULT_GROUP_ID = -1001
DEFAULT_ADVISOR_IDS = (7001, 7002)
_CALL_LOG_SIZE = 200
_SEND_LOG_SIZE = 100_000


class SandboxState:
    """Everything Telegram's servers would remember, kept in memory."""

    def __init__(
        self,
        *,
        bot_name: str = "Hotline (bac à sable)",
        bot_username: str = "hotline_sandbox_bot",
        seed: bool = True,
        webhook_spread: list[str] | None = None,
    ) -> None:
        self.bot = make_user(DEFAULT_BOT_ID, bot_name, username=bot_username, is_bot=True)
        self.feed = ChangeFeed()
        self.updates = UpdateQueue()
        self.faults = FaultInjector()
        self.calls: deque[dict[str, Any]] = deque(maxlen=_CALL_LOG_SIZE)
        self.users: dict[int, dict[str, Any]] = {}
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.callbacks: dict[str, dict[str, Any]] = {}
        self.commands: dict[str, dict[str, Any]] = {}
        self.webhook: dict[str, Any] | None = None
        # Several webhook URLs standing for processes behind a load balancer (None: just one,
        # the URL given to setWebhook); and where each update went, for tests.
        self.webhook_spread: list[str] | None = list(webhook_spread) if webhook_spread else None
        self.deliveries: list[tuple[int, str]] = []
        # When the bot sent each message (monotonic seconds, chat id): Telegram's limits.
        self.bot_sends: deque[tuple[float, int]] = deque(maxlen=_SEND_LOG_SIZE)
        self._seed = seed
        self._populate()

    def _populate(self) -> None:
        # A ready-made cast so the page and `make run` are usable without any setup.
        if not self._seed:
            return
        self.register_user(
            DEFAULT_OFFICIAL_ID, "Camille", last_name="Durand", username="camille_elue"
        )
        self.register_user(DEFAULT_ADVISOR_IDS[0], "Alice", last_name="Martin", username="alice_cp")
        self.register_user(DEFAULT_ADVISOR_IDS[1], "Bruno", last_name="Petit", username="bruno_cp")
        self.add_group(DEFAULT_GROUP_ID, "Conseillers participation", DEFAULT_ADVISOR_IDS)

    def bind_token(self, token: str) -> None:
        """Use the numeric prefix of the token as the bot id, as Telegram does."""
        prefix = token.split(":", 1)[0]
        if prefix.isdigit():
            self.bot["id"] = int(prefix)

    def register_user(
        self,
        user_id: int,
        first_name: str,
        *,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = "fr",
    ) -> dict[str, Any]:
        """Create or update a user and the private chat they have with the bot."""
        user = make_user(
            user_id,
            first_name,
            username=username,
            last_name=last_name,
            language_code=language_code,
        )
        self.users[user_id] = user
        chat = self.chats.get(user_id)
        if chat is None:
            self.chats[user_id] = Chat(id=user_id, type="private", user=user, members=[user_id])
        else:
            chat.user = user
        self.feed.publish("user", chat_id=user_id)
        return user

    def add_group(
        self, chat_id: int, title: str, members: tuple[int, ...] | list[int] = ()
    ) -> Chat:
        """Create or rename a supergroup and add members to it."""
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = Chat(id=chat_id, type="supergroup", title=title)
            self.chats[chat_id] = chat
        chat.title = title
        for user_id in members:
            self.add_member(chat, user_id)
        self.feed.publish("group", chat_id=chat_id)
        return chat

    def add_member(self, chat: Chat, user_id: int) -> None:
        """Record a group member (idempotent)."""
        if user_id not in chat.members:
            chat.members.append(user_id)

    def add_message(
        self,
        chat: Chat,
        sender: dict[str, Any],
        content: dict[str, Any],
        *,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Store a new message in chat and return its Telegram object."""
        message: dict[str, Any] = {
            "message_id": chat.next_message_id(),
            "from": dict(sender),
            "chat": chat.as_object(),
            "date": now(),
        }
        if reply_to is not None:
            # Telegram never nests replies more than one level deep.
            message["reply_to_message"] = {
                k: v for k, v in reply_to.items() if k != "reply_to_message"
            }
        message.update(content)
        chat.messages[message["message_id"]] = message
        if sender["is_bot"]:
            chat.set_action(None)
            self.bot_sends.append((time.monotonic(), chat.id))
        self.feed.publish("message", chat_id=chat.id, by_bot=sender["is_bot"], message=message)
        return message

    def mark_edited(self, chat: Chat, message: dict[str, Any]) -> None:
        """Stamp an edited message and tell waiters about it."""
        message["edit_date"] = now()
        by_bot = message["from"]["is_bot"]
        self.feed.publish("edit", chat_id=chat.id, by_bot=by_bot, message=message)

    def push_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queue an update for the bot (getUpdates or webhook) and wake pollers."""
        update = self.updates.push(kind, payload)
        self.feed.poke()
        return update

    def record_call(self, method: str, status: int, description: str | None = None) -> None:
        """Remember a Bot API call for the control API's call log."""
        self.calls.append(
            {"date": now(), "method": method, "status": status, "description": description}
        )

    @staticmethod
    def commands_key(scope: dict[str, Any] | None, language_code: str | None) -> str:
        """Return the key under which a command list is stored."""
        scope = scope or {"type": "default"}
        return json.dumps(scope, sort_keys=True) + "|" + (language_code or "")

    def snapshot(self) -> dict[str, Any]:
        """Return an overview of the whole state for the control API."""
        webhook = dict(self.webhook) if self.webhook else None
        if webhook:
            webhook.pop("secret_token", None)
        return {
            "revision": self.feed.revision,
            "bot": self.bot,
            "users": list(self.users.values()),
            "chats": [chat.as_object() | {"members": chat.members} for chat in self.chats.values()],
            "commands": list(self.commands.values()),
            "webhook": webhook,
            "pending_updates": len(self.updates.pending),
            "faults": self.faults.to_list(),
        }

    def reset(self, *, full: bool = False) -> None:
        """Forget conversations; full=True also forgets the webhook and commands."""
        self.users.clear()
        self.chats.clear()
        self.files.clear()
        self.callbacks.clear()
        self.calls.clear()
        self.faults.clear()
        self.updates.clear()
        if full:
            self.commands.clear()
            self.webhook = None
            self.updates.allowed_updates = []
        self._populate()
        self.feed.publish("reset")

    def close(self) -> None:
        """Release every long poll: the server is stopping."""
        self.feed.close()

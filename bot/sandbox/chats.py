"""In-memory chats and stored files."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

# Telegram shows a chat action for about five seconds, or until the bot sends a message.
CHAT_ACTION_SECONDS = 5.0


@dataclass
class Chat:
    """A private chat (id == user id) or a supergroup (negative id)."""

    id: int
    type: str
    title: str | None = None
    user: dict[str, Any] | None = None
    members: list[int] = field(default_factory=list)
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    reply_keyboard: dict[str, Any] | None = None
    last_message_id: int = 0
    action: str | None = None
    action_until: float = 0.0

    def as_object(self) -> dict[str, Any]:
        """Return the Telegram Chat object embedded in messages."""
        if self.type == "private" and self.user is not None:
            chat: dict[str, Any] = {"id": self.id, "type": "private"}
            for key in ("first_name", "last_name", "username"):
                if key in self.user:
                    chat[key] = self.user[key]
            return chat
        return {"id": self.id, "type": self.type, "title": self.title or ""}

    def as_full_info(self) -> dict[str, Any]:
        """Return the ChatFullInfo object answered by getChat."""
        info = self.as_object()
        info.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        return info

    def next_message_id(self) -> int:
        """Allocate the next message id; ids are per chat and never reused."""
        self.last_message_id += 1
        return self.last_message_id

    def current_action(self) -> str | None:
        """Return the chat action still visible (e.g. "typing"), if any."""
        if self.action and time.monotonic() < self.action_until:
            return self.action
        return None

    def set_action(self, action: str | None) -> None:
        """Show a chat action for a few seconds (None clears it)."""
        self.action = action
        self.action_until = time.monotonic() + CHAT_ACTION_SECONDS if action else 0.0

    def transcript(self) -> dict[str, Any]:
        """Return the chat as the control API shows it."""
        return {
            "chat": self.as_object(),
            "members": list(self.members),
            "messages": list(self.messages.values()),
            "callback_answers": list(self.callbacks),
            "reply_keyboard": self.reply_keyboard,
            "action": self.current_action(),
        }


@dataclass
class StoredFile:
    """A file known to the sandbox: sent by the bot (with bytes) or by a user (metadata)."""

    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    file_size: int
    data: bytes | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the metadata as JSON, without the bytes."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.file_name,
            "mime_type": self.mime_type,
            "file_size": self.file_size,
            "has_content": self.data is not None,
        }

"""Builders for Telegram-shaped objects (users, chats, media, entities)."""

from __future__ import annotations

import itertools
import re
import secrets
import time
from typing import Any

# Telegram detects commands anywhere in the text, optionally addressed to a bot.
_COMMAND_RE = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")

# Callback query ids are opaque numeric strings on Telegram; a counter keeps them unique.
_callback_ids = itertools.count(4_000_000_000_000_000_001)


def now() -> int:
    """Return the current time as integer seconds, like every Telegram date."""
    return int(time.time())


def utf16_len(text: str) -> int:
    """Return the length of text in UTF-16 code units (Telegram's unit for offsets)."""
    return len(text.encode("utf-16-le")) // 2


def new_file_ids() -> tuple[str, str]:
    """Return a fresh (file_id, file_unique_id) pair."""
    return "SBX" + secrets.token_urlsafe(24), secrets.token_urlsafe(9)


def new_callback_id() -> str:
    """Return a fresh callback query id."""
    return str(next(_callback_ids))


def make_user(
    user_id: int,
    first_name: str,
    *,
    username: str | None = None,
    last_name: str | None = None,
    language_code: str | None = "fr",
    is_bot: bool = False,
) -> dict[str, Any]:
    """Build a Telegram User object, leaving out empty optional fields."""
    user: dict[str, Any] = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if last_name:
        user["last_name"] = last_name
    if username:
        user["username"] = username
    if language_code and not is_bot:
        user["language_code"] = language_code
    return user


def command_entities(text: str) -> list[dict[str, Any]]:
    """Return the bot_command entities Telegram would attach to a user's text."""
    entities = []
    for match in _COMMAND_RE.finditer(text):
        entities.append(
            {
                "type": "bot_command",
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group()),
            }
        )
    return entities


def media_content(kind: str, options: dict[str, Any]) -> dict[str, Any]:
    """Build the message fields of a non-text message sent by a user."""
    file_id, unique_id = new_file_ids()
    if kind == "photo":
        # Telegram always sends several sizes; bots usually pick the last (largest) one.
        small_id, small_unique = new_file_ids()
        return {
            "photo": [
                {
                    "file_id": small_id,
                    "file_unique_id": small_unique,
                    "file_size": 1_480,
                    "width": 90,
                    "height": 68,
                },
                {
                    "file_id": file_id,
                    "file_unique_id": unique_id,
                    "file_size": 84_211,
                    "width": 1280,
                    "height": 960,
                },
            ]
        }
    if kind == "voice":
        duration = int(options.get("duration") or 4)
        return {
            "voice": {
                "file_id": file_id,
                "file_unique_id": unique_id,
                "duration": duration,
                "mime_type": "audio/ogg",
                "file_size": 4_000 * duration,
            }
        }
    if kind == "sticker":
        return {
            "sticker": {
                "file_id": file_id,
                "file_unique_id": unique_id,
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": options.get("emoji") or "👍",
                "set_name": "SandboxStickers",
                "file_size": 21_504,
            }
        }
    if kind == "document":
        return {
            "document": {
                "file_name": options.get("file_name") or "document.pdf",
                "mime_type": options.get("mime_type") or "application/pdf",
                "file_id": file_id,
                "file_unique_id": unique_id,
                "file_size": int(options.get("file_size") or 48_213),
            }
        }
    if kind == "location":
        return {
            "location": {
                "latitude": float(options.get("latitude", 48.8566)),
                "longitude": float(options.get("longitude", 2.3522)),
            }
        }
    raise ValueError(kind)


MEDIA_KINDS = ("photo", "voice", "sticker", "document", "location")
# Media that can carry a caption on Telegram.
CAPTIONED_KINDS = ("photo", "voice", "document")

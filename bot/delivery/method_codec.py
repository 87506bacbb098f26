"""Bot API calls to and from JSON, so a failed call can be stored and sent again later."""

from __future__ import annotations

import base64
import re
from typing import Any

from aiogram import methods
from aiogram.client.default import Default
from aiogram.methods import TelegramMethod
from aiogram.types import BufferedInputFile, InputFile

FILE_MARK = "__file__"


class UnstorableCall(ValueError):
    """Raised for a call that cannot be written down (a file streamed from disk, for instance)."""


def method_to_payload(method: TelegramMethod) -> dict[str, Any]:
    """Return the JSON form of a call; defaults left unset are re-applied when it is rebuilt."""
    skipped, files = set(), {}
    for name, value in method:
        if value is None or isinstance(value, Default):
            skipped.add(name)
        elif isinstance(value, BufferedInputFile):
            skipped.add(name)
            files[name] = {
                FILE_MARK: value.filename,
                "data": base64.b64encode(value.data).decode("ascii"),
            }
        elif isinstance(value, InputFile):
            raise UnstorableCall(type(value).__name__)
    payload = method.model_dump(mode="json", exclude=skipped, exclude_none=True)
    payload.update(files)
    return payload


def method_from_payload(name: str, payload: dict[str, Any]) -> TelegramMethod:
    """Rebuild a call stored by `method_to_payload`; raise ValueError when it cannot be."""
    kind = getattr(methods, name, None)
    if not (isinstance(kind, type) and issubclass(kind, TelegramMethod)):
        raise ValueError(f"unknown Bot API method {name!r}")
    values = {
        key: BufferedInputFile(base64.b64decode(value["data"]), filename=value[FILE_MARK])
        if isinstance(value, dict) and FILE_MARK in value
        else value
        for key, value in payload.items()
    }
    return kind.model_validate(values)


# Buttons whose payload names a ticket, and where its id sits ("tk:open:12", "cl:12"...).
TICKET_BUTTONS = {"cl": 1, "tk": 2, "tr": 1, "ot": 2, "rt": 1}
TICKET_NUMBER = re.compile(r"n°\s?(\d+)")


def ticket_of(payload: dict[str, Any]) -> int | None:
    """Return the ticket a stored call is about (from its buttons, else its text), if any.

    Erasure finds a person's stuck messages with it: every ticket message names its number.
    """
    markup = payload.get("reply_markup")
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    for row in rows:
        for button in row:
            parts = str(button.get("callback_data") or "").split(":")
            index = TICKET_BUTTONS.get(parts[0])
            if index is not None and len(parts) > index and parts[index].isdigit():
                return int(parts[index])
    text = payload.get("text") or payload.get("caption") or ""
    found = TICKET_NUMBER.search(text) if isinstance(text, str) else None
    return int(found.group(1)) if found else None

"""Bot API calls to and from JSON, so a failed call can be stored and sent again later."""

from __future__ import annotations

import base64
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

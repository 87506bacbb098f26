"""Bot API request parameters: decoding JSON, form and multipart bodies, and errors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

_TRUE = {"true", "1", "yes", "on"}


class ApiError(Exception):
    """A Bot API error answered as {"ok": false, "error_code": ..., "description": ...}."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def bad_request(detail: str) -> ApiError:
    """Build a 400 error with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {detail}")


@dataclass
class Upload:
    """A file sent in a multipart request."""

    filename: str
    content_type: str | None
    data: bytes


class Params:
    """Typed access to request parameters, whatever the body encoding was."""

    def __init__(self, values: dict[str, Any], uploads: dict[str, Upload] | None = None):
        self.values = values
        self.uploads = uploads or {}

    def raw(self, name: str) -> Any:
        """Return the value as received, or None when absent."""
        return self.values.get(name)

    def text(self, name: str) -> str | None:
        """Return a string parameter (numbers are accepted and converted)."""
        value = self.values.get(name)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise bad_request(f"{name} must be a string")

    def integer(self, name: str, *, required: str | None = None) -> int | None:
        """Return an integer parameter; `required` is the error detail when missing."""
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(required)
            return None
        if isinstance(value, bool):
            raise bad_request(f"{name} must be an integer")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"{name} must be an integer") from None

    def flag(self, name: str) -> bool:
        """Return a boolean parameter (false when absent)."""
        value = self.values.get(name)
        if isinstance(value, str):
            return value.strip().lower() in _TRUE
        return bool(value)

    def json_value(self, name: str, kind: type, error: str) -> Any:
        """Return an object/array parameter, decoding it when it arrived as a JSON string."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise bad_request(error) from None
        if not isinstance(value, kind):
            raise bad_request(error)
        return value

    def upload(self, name: str) -> Upload | str | None:
        """Return an uploaded file, a file_id/URL string, or None."""
        upload = self.uploads.get(name)
        if upload is not None:
            return upload
        value = self.text(name)
        if value and value.startswith("attach://"):
            # aiogram names the file part at random and points to it with attach://.
            return self.uploads.get(value.removeprefix("attach://"))
        return value


async def read_params(request: web.Request) -> Params:
    """Decode a Bot API request: query string plus a JSON, urlencoded or multipart body."""
    values: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.method != "POST" or not request.body_exists:
        return Params(values)
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        if not isinstance(body, dict):
            raise bad_request("can't parse JSON object")
        values.update(body)
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            form = await request.post()
        except (ValueError, LookupError):
            # A broken multipart body or an unknown charset is the client's fault, not a 500.
            raise bad_request("can't parse request body") from None
        for key, value in form.items():
            if isinstance(value, web.FileField):
                data = value.file.read()
                uploads[key] = Upload(value.filename, value.content_type, data)
            elif isinstance(value, bytes | bytearray):
                values[key] = bytes(value).decode("utf-8", errors="replace")
            else:
                values[key] = value
    return Params(values, uploads)

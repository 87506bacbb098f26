"""Validation of what the bot sends: text with parse_mode, captions and reply markup."""

from __future__ import annotations

from typing import Any

from bot.sandbox.botapi.entities import trim_text
from bot.sandbox.botapi.formatting import EntityParseError, parse_html
from bot.sandbox.botapi.objects import utf16_len
from bot.sandbox.botapi.params import Params, bad_request

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
_BUTTON_KINDS = (
    "callback_data",
    "url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "web_app",
    "login_url",
    "copy_text",
    "pay",
)


def formatted_text(
    params: Params,
    field: str = "text",
    *,
    limit: int = MAX_TEXT,
    required: bool = True,
) -> tuple[str, list[dict[str, Any]]]:
    """Return (text, entities) after applying parse_mode, with Telegram's errors."""
    source = params.text(field) or ""
    mode = (params.text("parse_mode") or "").strip()
    entities: list[dict[str, Any]] = []
    if mode.lower() == "html":
        try:
            text, entities = parse_html(source)
        except EntityParseError as error:
            raise bad_request(str(error)) from None
    elif mode and mode.lower() not in ("markdown", "markdownv2"):
        raise bad_request("unsupported parse_mode")
    else:
        # Markdown is passed through verbatim: the sandbox only parses HTML.
        key = "entities" if field == "text" else "caption_entities"
        given = params.json_value(key, list, f"can't parse {key} JSON object") or []
        text, entities = trim_text(source, [_check_entity(entity, key) for entity in given])
    if not text and required:
        raise bad_request("message text is empty")
    if utf16_len(text) > limit:
        raise bad_request(
            "message is too long" if field == "text" else "message caption is too long"
        )
    return text, entities


def _check_entity(entity: Any, key: str) -> dict[str, Any]:
    fields = ("type", "offset", "length")
    if not isinstance(entity, dict) or not all(field in entity for field in fields):
        raise bad_request(f"can't parse {key} JSON object")
    if not isinstance(entity["offset"], int) or not isinstance(entity["length"], int):
        raise bad_request(f"can't parse {key} JSON object")
    return entity


def _check_button(button: Any) -> dict[str, Any]:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    kinds = [kind for kind in _BUTTON_KINDS if kind in button]
    if not kinds:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button and not (isinstance(button["url"], str) and button["url"].strip()):
        raise bad_request("BUTTON_URL_INVALID")
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    return button


def reply_markup(params: Params) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Return (inline keyboard, other markup) from the reply_markup parameter."""
    markup = params.json_value(
        "reply_markup", dict, "can't parse reply keyboard markup JSON object"
    )
    if markup is None:
        return None, None
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request("can't parse reply keyboard markup JSON object")
        checked = [[_check_button(button) for button in row] for row in rows]
        checked = [row for row in checked if row]
        # An empty inline keyboard means "no keyboard", as on Telegram.
        return ({"inline_keyboard": checked} if checked else None), None
    if any(key in markup for key in ("keyboard", "remove_keyboard", "force_reply")):
        return None, markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def find_button(message: dict[str, Any], data: str | None, label: str | None) -> dict | None:
    """Return the inline button of message matching callback data or label, if any."""
    markup = message.get("reply_markup") or {}
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if data is not None and button.get("callback_data") == data:
                return button
            if data is None and label is not None and button.get("text") == label:
                return button
    return None

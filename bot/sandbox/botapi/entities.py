"""Helpers for message entities: HTML entity decoding, link URLs, whitespace trimming."""

from __future__ import annotations

import re
from typing import Any

from bot.sandbox.botapi.objects import utf16_len

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_URL_SCHEMES = ("http://", "https://", "tg://", "mailto:", "ftp://")


def decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode the HTML entity at pos into (character, end), or None if it is not one."""
    # Only four named entities are known to Telegram; any other "&" stays literal.
    match = _ENTITY_RE.match(text, pos)
    if match is None:
        return None
    decimal, hexa, name = match.groups()
    if name is not None:
        char = _NAMED_ENTITIES.get(name)
        return (char, match.end()) if char else None
    code = int(decimal) if decimal is not None else int(hexa, 16)
    if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


def normalize_url(url: str) -> str | None:
    """Return the URL Telegram would keep for a link, or None to drop the link."""
    url = url.strip()
    if not url or any(char.isspace() for char in url):
        return None
    if url.lower().startswith(_URL_SCHEMES):
        return url
    if "." in url and "://" not in url:
        return "http://" + url + ("" if "/" in url else "/")
    return None


def trim_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip surrounding whitespace like Telegram, keeping entities aligned."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, size)
        if end > start:
            kept.append(entity | {"offset": start, "length": end - start})
    return stripped, kept

"""Telegram's parse_mode=HTML: turn markup into plain text plus message entities.

The parser follows Telegram's rules (and its error messages) closely so that
markup rejected by Telegram is rejected here too, before reaching production.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.sandbox.botapi.entities import decode_entity, normalize_url, trim_text
from bot.sandbox.botapi.objects import utf16_len

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
ALLOWED_TAGS = frozenset(_SIMPLE_TAGS) | {"a"}
_UNQUOTED_VALUE_RE = re.compile(r"[A-Za-z0-9.\-]*")


class EntityParseError(ValueError):
    """Raised with Telegram's description when markup cannot be parsed."""


@dataclass
class _Open:
    name: str
    argument: str | None
    offset: int
    source_pos: int


class _Parser:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.offset = 0
        self.stack: list[_Open] = []
        self.entities: list[dict[str, Any]] = []

    def byte_offset(self, pos: int) -> int:
        return len(self.src[:pos].encode("utf-8"))

    def fail(self, message: str) -> EntityParseError:
        return EntityParseError(f"can't parse entities: {message}")

    def emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.offset += utf16_len(chunk)

    def skip_spaces(self) -> None:
        while self.pos < len(self.src) and self.src[self.pos].isspace():
            self.pos += 1

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        src = self.src
        while self.pos < len(src):
            char = src[self.pos]
            if char == "&" and (decoded := decode_entity(src, self.pos)) is not None:
                self.emit(decoded[0])
                self.pos = decoded[1]
            elif char != "<":
                self.emit(char)
                self.pos += 1
            elif src.startswith("</", self.pos):
                self.end_tag()
            else:
                self.start_tag()
        if self.stack:
            name = self.stack[-1].name
            raise self.fail(f'Can\'t find end tag corresponding to start tag "{name}"')
        return "".join(self.out), self.entities

    def start_tag(self) -> None:
        src, begin = self.src, self.pos
        self.pos += 1
        while self.pos < len(src) and not src[self.pos].isspace() and src[self.pos] != ">":
            self.pos += 1
        if self.pos >= len(src):
            raise self.fail(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        name = src[begin + 1 : self.pos].lower()
        if name not in ALLOWED_TAGS:
            raise self.fail(
                f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}'
            )
        argument = self.attributes(name, begin)
        if name == "span" and argument != "tg-spoiler":
            at = self.byte_offset(begin)
            raise self.fail(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
        self.pos += 1  # the ">"
        self.stack.append(_Open(name, argument, self.offset, begin))

    def attributes(self, tag: str, begin: int) -> str | None:
        src, argument = self.src, None
        unclosed = self.fail(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        while True:
            self.skip_spaces()
            if self.pos >= len(src):
                raise unclosed
            if src[self.pos] == ">":
                return argument
            start = self.pos
            while self.pos < len(src) and src[self.pos] not in "=>/\"' \t\r\n":
                self.pos += 1
            attr = src[start : self.pos].lower()
            if not attr:
                at = self.byte_offset(begin)
                raise self.fail(f'Empty attribute name in the tag "{tag}" at byte offset {at}')
            self.skip_spaces()
            if self.pos >= len(src):
                raise unclosed
            value = ""
            if src[self.pos] == "=":
                self.pos += 1
                self.skip_spaces()
                if self.pos >= len(src):
                    raise unclosed
                value = self.attribute_value()
                if self.pos >= len(src):
                    raise unclosed
            if (tag, attr) in (("a", "href"), ("span", "class")):
                argument = value
            elif tag == "code" and attr == "class" and value.startswith("language-"):
                argument = value.removeprefix("language-")
            elif tag == "blockquote" and attr == "expandable":
                argument = "expandable"

    def attribute_value(self) -> str:
        src = self.src
        quote = src[self.pos]
        if quote not in "\"'":
            match = _UNQUOTED_VALUE_RE.match(src, self.pos)
            assert match is not None  # the pattern also matches the empty string
            self.pos = match.end()
            if self.pos < len(src) and not src[self.pos].isspace() and src[self.pos] != ">":
                at = self.byte_offset(match.start())
                raise self.fail(f"Unexpected end of name token at byte offset {at}")
            return match.group().lower()
        self.pos += 1
        value: list[str] = []
        while self.pos < len(src) and src[self.pos] != quote:
            if src[self.pos] == "&" and (decoded := decode_entity(src, self.pos)) is not None:
                value.append(decoded[0])
                self.pos = decoded[1]
            else:
                value.append(src[self.pos])
                self.pos += 1
        self.pos += 1  # the closing quote (or past the end, reported by the caller)
        return "".join(value)

    def end_tag(self) -> None:
        src, begin = self.src, self.pos
        if not self.stack:
            raise self.fail(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 2
        while self.pos < len(src) and not src[self.pos].isspace() and src[self.pos] != ">":
            self.pos += 1
        name = src[begin + 2 : self.pos].lower()
        self.skip_spaces()
        if self.pos >= len(src) or src[self.pos] != ">":
            raise self.fail(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 1
        opened = self.stack[-1]
        if name and name != opened.name:
            at = self.byte_offset(begin)
            raise self.fail(
                f'Unmatched end tag at byte offset {at}, expected "</{opened.name}>", '
                f'found "</{name}>"'
            )
        self.stack.pop()
        self.close_entity(opened, begin)

    def close_entity(self, opened: _Open, end_pos: int) -> None:
        length = self.offset - opened.offset
        if length <= 0:
            return
        entity: dict[str, Any] = {"offset": opened.offset, "length": length}
        if opened.name == "a":
            start = self.src.index(">", opened.source_pos) + 1
            url = normalize_url(opened.argument or self.src[start:end_pos])
            if url is None:
                return  # Telegram silently drops links with an unusable URL
            entity.update(type="text_link", url=url)
        elif opened.name == "blockquote" and opened.argument == "expandable":
            entity["type"] = "expandable_blockquote"
        else:
            entity["type"] = _SIMPLE_TAGS[opened.name]
        last = self.entities[-1] if self.entities else None
        same_span = last is not None and (last["offset"], last["length"]) == (opened.offset, length)
        if opened.name == "pre" and same_span and last["type"] == "code":
            # <pre><code class="language-x"> collapses into one pre entity with a language.
            last["type"] = "pre"
            return
        if opened.name == "code" and opened.argument:
            entity["language"] = opened.argument
        self.entities.append(entity)


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Return (text, entities) for HTML markup, or raise EntityParseError."""
    text, entities = _Parser(source).run()
    text, entities = trim_text(text, entities)
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return text, entities

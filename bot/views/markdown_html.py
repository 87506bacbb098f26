"""Render entry Markdown as the small HTML subset Telegram accepts, and split long texts."""

from __future__ import annotations

import html
import re

TELEGRAM_LIMIT = 4096
BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)")
CODE = re.compile(r"`([^`]+)`")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*)$")
BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")


def markdown_to_html(markdown: str) -> str:
    """Convert entry Markdown to Telegram HTML; every piece of text is escaped first."""
    lines = []
    for raw in markdown.strip().splitlines():
        heading = HEADING.match(raw)
        bullet = BULLET.match(raw)
        if heading:
            lines.append(f"<b>{_inline(heading.group(1))}</b>")
        elif bullet:
            lines.append(f"{bullet.group(1)}• {_inline(bullet.group(2))}")
        else:
            lines.append(_inline(raw))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    text = CODE.sub(lambda m: f"<code>{m.group(1)}</code>", text)
    text = LINK.sub(_link, text)
    text = BOLD.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", text)
    return ITALIC.sub(lambda m: f"<i>{m.group(1) or m.group(2)}</i>", text)


def _link(match: re.Match) -> str:
    label, target = match.group(1), html.unescape(match.group(2))
    if target.startswith(("http://", "https://")):
        return f'<a href="{html.escape(target, quote=True)}">{label}</a>'
    # Links between entries ("fiche:slug") are shown as plain text; /themes browses them.
    return f"<i>{label}</i>"


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split a text into messages under the limit, at paragraph then line boundaries.

    Tags produced by `markdown_to_html` never span lines, so cutting between lines keeps
    every part well-formed.
    """
    pieces = [piece for paragraph in text.split("\n\n") for piece in _fit(paragraph, limit)]
    return _pack(pieces, "\n\n", limit) or [""]


def _fit(paragraph: str, limit: int) -> list[str]:
    if len(paragraph) <= limit:
        return [paragraph]
    lines = []
    for line in paragraph.split("\n"):
        while len(line) > limit:  # a single huge line: cut it, tags cannot be kept whole
            lines.append(line[:limit])
            line = line[limit:]
        lines.append(line)
    return _pack(lines, "\n", limit)


def _pack(pieces: list[str], separator: str, limit: int) -> list[str]:
    """Join consecutive pieces with the separator while the result stays under the limit."""
    packed: list[str] = []
    current: str | None = None
    for piece in pieces:
        candidate = piece if current is None else f"{current}{separator}{piece}"
        if len(candidate) <= limit:
            current = candidate
        else:
            packed.append(current)
            current = piece
    if current:
        packed.append(current)
    return packed

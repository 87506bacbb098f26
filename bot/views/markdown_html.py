"""Render entry Markdown as the small HTML subset Telegram accepts, and split long texts.

Parsing is markdown-it-py's (CommonMark, plus tables and strikethrough); this module only walks
its tokens. Source line breaks inside a paragraph are soft breaks and become spaces, so bold,
italics and links that span lines come out whole. Links between entries (`fiche:slug`) are
shown as italics and collected, so the caller can offer them as buttons.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

TELEGRAM_LIMIT = 4096
ENTRY_LINK = "fiche:"
_PARSER = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
_INLINE_TAGS = {
    "strong": "b",
    "em": "i",
    "s": "s",
}
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_TAG = re.compile(r"<(/?)([a-z]+)[^>]*>")


@dataclass
class Rendered:
    """Telegram HTML and the slugs of the entries it links to, in order of appearance."""

    html: str
    linked: list[str] = field(default_factory=list)


def markdown_to_html(markdown: str) -> str:
    """Convert entry Markdown to Telegram HTML; every piece of text is escaped."""
    return render_markdown(markdown).html


def render_markdown(markdown: str) -> Rendered:
    """Convert entry Markdown to Telegram HTML and list the entries it links to."""
    walker = _Walker()
    walker.blocks(_PARSER.parse(markdown or ""))
    text = "\n".join(line.rstrip() for line in "".join(walker.out).split("\n"))
    return Rendered(re.sub(r"\n{3,}", "\n\n", text).strip(), walker.linked)


class _Walker:
    """Turns block and inline tokens into Telegram HTML, one block per paragraph or line."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.linked: list[str] = []
        self.lists: list[list[int]] = []  # one [kind, counter] per open list; kind 0 bullet
        self.cells: list[str] = []
        self.in_cell = False

    def blocks(self, tokens: list[Token]) -> None:
        for token in tokens:
            handler = getattr(self, f"_{token.type}", None)
            if handler is not None:
                handler(token)

    # -- blocks ------------------------------------------------------------------------
    def _heading_open(self, token: Token) -> None:
        self._block_gap()
        self.out.append("<b>")

    def _heading_close(self, token: Token) -> None:
        self.out.append("</b>\n\n")

    def _paragraph_close(self, token: Token) -> None:
        # Tight list items hide their paragraphs: one line per item, no blank line.
        self.out.append("\n" if token.hidden else "\n\n")

    def _bullet_list_open(self, token: Token) -> None:
        self._list_open(0)

    def _ordered_list_open(self, token: Token) -> None:
        self._list_open(int(token.attrGet("start") or 1))

    def _list_open(self, start: int) -> None:
        if not self.lists:
            self._block_gap()
        elif self.out and not self.out[-1].endswith("\n"):
            self.out.append("\n")
        self.lists.append([start, start])

    def _bullet_list_close(self, token: Token) -> None:
        self._list_close()

    def _ordered_list_close(self, token: Token) -> None:
        self._list_close()

    def _list_close(self) -> None:
        self.lists.pop()
        if not self.lists:
            self.out.append("\n")

    def _list_item_open(self, token: Token) -> None:
        indent = "   " * (len(self.lists) - 1)
        kind = self.lists[-1]
        if kind[0] == 0:
            self.out.append(f"{indent}• ")
        else:
            self.out.append(f"{indent}{kind[1]}. ")
            kind[1] += 1

    def _blockquote_open(self, token: Token) -> None:
        self._block_gap()
        self.out.append("<blockquote>")

    def _blockquote_close(self, token: Token) -> None:
        self.out[-1] = self.out[-1].rstrip("\n")
        self.out.append("</blockquote>\n\n")

    def _fence(self, token: Token) -> None:
        self._block_gap()
        self.out.append(f"<pre>{_escape(token.content.rstrip())}</pre>\n\n")

    _code_block = _fence

    def _hr(self, token: Token) -> None:
        self._block_gap()
        self.out.append("———\n\n")

    def _tr_open(self, token: Token) -> None:
        self.cells = []

    def _tr_close(self, token: Token) -> None:
        self.out.append("• " + " — ".join(cell for cell in self.cells if cell) + "\n")

    def _table_close(self, token: Token) -> None:
        self.out.append("\n")

    def _inline(self, token: Token) -> None:
        text = self._inlines(token.children or [])
        if self.in_cell:
            self.cells.append(text.strip())
        else:
            self.out.append(text)

    def _th_open(self, token: Token) -> None:
        self.in_cell = True

    def _th_close(self, token: Token) -> None:
        self.in_cell = False

    _td_open, _td_close = _th_open, _th_close

    def _block_gap(self) -> None:
        # A block that follows text starts after a blank line.
        if self.out and not self.out[-1].endswith("\n\n"):
            self.out.append("\n" if self.out[-1].endswith("\n") else "\n\n")

    # -- inline ------------------------------------------------------------------------
    def _inlines(self, children: list[Token]) -> str:
        parts: list[str] = []
        links: list[str] = []  # the closing tag of each open link
        for child in children:
            kind = child.type
            if kind == "text":
                parts.append(_escape(child.content))
            elif kind == "softbreak":
                parts.append(" ")
            elif kind == "hardbreak":
                parts.append("\n")
            elif kind == "code_inline":
                parts.append(f"<code>{_escape(child.content)}</code>")
            elif kind == "link_open":
                opening, closing = self._link(str(child.attrGet("href") or ""))
                parts.append(opening)
                links.append(closing)
            elif kind == "link_close":
                parts.append(links.pop() if links else "")
            elif kind == "image":
                parts.append(_escape(child.content))
            elif kind.endswith("_open") and kind[:-5] in _INLINE_TAGS:
                parts.append(f"<{_INLINE_TAGS[kind[:-5]]}>")
            elif kind.endswith("_close") and kind[:-6] in _INLINE_TAGS:
                parts.append(f"</{_INLINE_TAGS[kind[:-6]]}>")
        return "".join(parts)

    def _link(self, target: str) -> tuple[str, str]:
        if target.startswith(ENTRY_LINK):
            slug = target[len(ENTRY_LINK) :].strip()
            if slug and slug not in self.linked:
                self.linked.append(slug)
            return "<i>", "</i>"
        if target.lower().startswith(_SAFE_SCHEMES):
            return f'<a href="{html.escape(target, quote=True)}">', "</a>"
        return "", ""  # javascript:, relative paths…: the label alone


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split a text into messages under the limit, at paragraph, then line, then word boundaries.

    Tags produced by `markdown_to_html` never span lines; a single line too long for one
    message is cut between words, its open tags closed and reopened in the next part.
    """
    pieces = [piece for paragraph in text.split("\n\n") for piece in _fit(paragraph, limit)]
    return _pack(pieces, "\n\n", limit) or [""]


def _fit(paragraph: str, limit: int) -> list[str]:
    if len(paragraph) <= limit:
        return [paragraph]
    lines = []
    for line in paragraph.split("\n"):
        lines.extend(_cut_line(line, limit) if len(line) > limit else [line])
    return _pack(lines, "\n", limit)


def _cut_line(line: str, limit: int) -> list[str]:
    """Cut one long line between words, keeping every part's tags balanced."""
    parts: list[str] = []
    reopen = ""
    while len(reopen) + len(line) > limit:
        room = limit - len(reopen) - 40  # room for the closing tags added below
        cut = line.rfind(" ", 0, room)
        cut = cut if cut > 0 else room
        while line.rfind("<", 0, cut) > line.rfind(">", 0, cut):  # never inside a tag
            cut = line.rfind("<", 0, cut)
        head, line = line[:cut], line[cut:].lstrip()
        opened = _open_tags(reopen + head)
        parts.append(reopen + head + "".join(f"</{name}>" for name, _ in reversed(opened)))
        reopen = "".join(tag for _, tag in opened)
    parts.append(reopen + line)
    return parts


def _open_tags(text: str) -> list[tuple[str, str]]:
    stack: list[tuple[str, str]] = []
    for match in _TAG.finditer(text):
        if match.group(1):
            if stack and stack[-1][0] == match.group(2):
                stack.pop()
        else:
            stack.append((match.group(2), match.group(0)))
    return stack


def _pack(pieces: list[str], separator: str, limit: int) -> list[str]:
    """Join consecutive pieces with the separator while the result stays under the limit."""
    packed: list[str] = []
    current: str | None = None
    for piece in pieces:
        candidate = piece if current is None else f"{current}{separator}{piece}"
        if len(candidate) <= limit:
            current = candidate
        else:
            if current is not None:
                packed.append(current)
            current = piece
    if current:
        packed.append(current)
    return packed

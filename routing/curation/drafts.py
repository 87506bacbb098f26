"""Turn an advisor's resolution into a draft knowledge-base entry for staff to review."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from knowledge.entries.records import GROUPS, Entry
from knowledge.entries.validation import SHORT_ANSWER_MAX, SLUG_MAX, entry_from_mapping
from knowledge.search.analysis import fold

TITLE_MAX = 120
# Room for "-99" when the same question was drafted before.
SLUG_ROOM = 4


def slugify(text: str, limit: int = SLUG_MAX - SLUG_ROOM) -> str:
    """Return a valid slug made of the text's words (accents dropped), cut on a word."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or (words[0][:limit] if words else "question")


class ResolvedTicket(Protocol):
    """What a draft needs of a ticket: its number and the question asked."""

    id: int
    question: str


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def draft_entry(
    ticket: ResolvedTicket, resolution: str, group: str | None, taken: Callable[[str], bool]
) -> Entry:
    """Build a DRAFT entry from a ticket's question and resolution, with a free slug."""
    base = slugify(ticket.question)
    slug, number = f"ticket-{ticket.id}" if base == "question" else base, 2
    first = slug
    while taken(slug):
        slug, number = f"{first}-{number}", number + 1
    first_line = ticket.question.strip().splitlines()[0] if ticket.question.strip() else ""
    data = {
        "slug": slug,
        "title": _shorten(first_line, TITLE_MAX) or f"Question du ticket n° {ticket.id}",
        "group": group if group in GROUPS else "methode",
        "short_answer": _shorten(resolution, SHORT_ANSWER_MAX),
        "questions": [_shorten(ticket.question, 500)],
        "keywords": [],
        "status": "draft",
    }
    body = (
        f"## Question (ticket n° {ticket.id})\n\n{ticket.question.strip()}\n\n"
        f"## Réponse du conseiller\n\n{resolution.strip()}\n"
    )
    return entry_from_mapping(data, body)

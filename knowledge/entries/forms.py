"""The entry edit form as plain text fields, to and from entries, with the usual validation."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from knowledge.entries.markdown_format import to_markdown
from knowledge.entries.records import Entry
from knowledge.entries.validation import entry_from_mapping

FIELDS = (
    "title",
    "group",
    "short_answer",
    "body",
    "questions",
    "keywords",
    "sources",
    "cites",
    "reviewed_on",
    "review_by",
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _sources(text: str) -> list[dict]:
    # One source per line: "Libellé | https://adresse" or just "Libellé".
    result = []
    for line in _lines(text):
        label, _bar, url = line.partition("|")
        result.append({"label": label.strip(), "url": url.strip() or None})
    return result


def _cites(text: str) -> list[dict]:
    # One text per line: "Code | article | date du contrôle", e.g. "CGCT | L1112-16 | 2026-11-29".
    result = []
    for line in _lines(text):
        parts = [part.strip() for part in line.split("|")]
        parts += [""] * (3 - len(parts))
        result.append({"text": parts[0], "article": parts[1], "checked_on": parts[2] or None})
    return result


def _cites_field(entry: Entry) -> str:
    return "\n".join(
        " | ".join((c.text, c.article, c.checked_on.isoformat() if c.checked_on else ""))
        for c in entry.cites
    )


def entry_from_form(form: Mapping[str, str], current: Entry) -> Entry:
    """Build the edited entry (same slug, status and version) or raise InvalidEntry."""
    data = {
        "slug": current.slug,
        "title": form.get("title", ""),
        "group": form.get("group", ""),
        "short_answer": form.get("short_answer", ""),
        "questions": _lines(form.get("questions", "")),
        "keywords": _lines(form.get("keywords", "")),
        "sources": _sources(form.get("sources", "")),
        # A form without the field (an older page) keeps the entry's cited texts.
        "cites": _cites(form["cites"]) if form.get("cites") is not None else _kept(current),
        "status": str(current.status),
        "reviewed_on": (form.get("reviewed_on") or "").strip() or None,
        "review_by": (form.get("review_by") or "").strip() or None,
        "version": current.version,
    }
    # Browsers send CRLF line ends from text areas; the stored Markdown uses LF.
    return entry_from_mapping(data, body=(form.get("body") or "").replace("\r\n", "\n"))


def _kept(entry: Entry) -> list[dict]:
    return _cites(_cites_field(entry))


def form_from_entry(entry: Entry) -> dict[str, str]:
    """Return the form fields showing an entry."""
    return {
        "title": entry.title,
        "group": entry.group,
        "short_answer": entry.short_answer,
        "body": entry.body,
        "questions": "\n".join(entry.questions),
        "keywords": "\n".join(entry.keywords),
        "sources": "\n".join(f"{s.label} | {s.url}" if s.url else s.label for s in entry.sources),
        "cites": _cites_field(entry),
        "reviewed_on": entry.reviewed_on.isoformat() if entry.reviewed_on else "",
        "review_by": entry.review_by.isoformat() if entry.review_by else "",
    }


@dataclass(frozen=True)
class DiffLine:
    """One line of a diff: kind is "add", "del", "same" or "hunk"."""

    kind: str
    text: str


def diff_entries(old: Entry, new: Entry) -> list[DiffLine]:
    """Return the line diff between two versions, in their Markdown exchange format."""
    lines = difflib.unified_diff(
        to_markdown(old).splitlines(), to_markdown(new).splitlines(), lineterm="", n=3
    )
    result = []
    for line in lines:
        if line.startswith(("---", "+++")):
            continue
        kind = {"@": "hunk", "+": "add", "-": "del"}.get(line[:1], "same")
        result.append(DiffLine(kind, line[1:] if kind != "hunk" else line))
    return result

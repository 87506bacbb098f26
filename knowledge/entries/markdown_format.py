"""Markdown with YAML front matter: the exchange format of knowledge-base entries."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import yaml

from knowledge.entries.records import Entry, entry_to_dict
from knowledge.entries.validation import InvalidEntry, entry_from_mapping


def parse_markdown(text: str) -> Entry:
    """Parse one entry from Markdown text; raise InvalidEntry with the reasons."""
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError) as error:
        raise InvalidEntry([f"en-tête YAML illisible : {error}"]) from error
    if not post.metadata:
        raise InvalidEntry(["en-tête YAML (entre deux lignes ---) absent"])
    return entry_from_mapping(dict(post.metadata), body=post.content)


def read_markdown(path: Path) -> Entry:
    """Read one entry from a Markdown file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InvalidEntry(["le fichier n'est pas encodé en UTF-8"]) from error
    return parse_markdown(text)


def to_markdown(entry: Entry) -> str:
    """Render an entry as Markdown with its front matter, ready to be imported again."""
    data = entry_to_dict(entry)
    body = data.pop("body")
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n{body}\n"

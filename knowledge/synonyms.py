"""Synonym and abbreviation expansion of questions, from a data file staff can edit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge.analysis import fold, stems

DEFAULT_SYNONYMS = Path(__file__).parent / "data" / "synonyms.yaml"


@dataclass(frozen=True)
class SynonymGroup:
    """Expressions that mean the same thing, with a matcher for each."""

    members: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Expansion:
    """Terms of an expression found in a question, and the terms of its synonyms."""

    found: tuple[str, ...]
    synonyms: tuple[str, ...]


class SynonymTable:
    """Find the synonym groups a question mentions and give the other members' terms."""

    def __init__(self, groups: list[list[str]]) -> None:
        self.groups = [
            SynonymGroup(
                members=tuple(group),
                patterns=tuple(_phrase_pattern(member) for member in group),
            )
            for group in groups
            if len(group) > 1
        ]

    @classmethod
    def load(cls, path: Path = DEFAULT_SYNONYMS) -> SynonymTable:
        """Read a YAML file with a `groups` list of lists of expressions."""
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls([[str(m) for m in group] for group in data.get("groups", [])])

    def expansions(self, text: str) -> list[Expansion]:
        """Return, for each expression of `text` with synonyms, its terms and theirs."""
        folded = fold(text)
        found_groups: list[Expansion] = []
        for group in self.groups:
            found = [i for i, p in enumerate(group.patterns) if p.search(folded)]
            if not found:
                continue
            own = [t for i in found for t in stems(group.members[i])]
            others = [t for i, m in enumerate(group.members) if i not in found for t in stems(m)]
            extra = [t for t in dict.fromkeys(others) if t not in own]
            if extra:
                found_groups.append(Expansion(tuple(dict.fromkeys(own)), tuple(extra)))
        return found_groups


def _phrase_pattern(member: str) -> re.Pattern:
    # Whole words only, with flexible spaces, hyphens and apostrophes between them.
    parts = re.split(r"[\s\-'’]+", fold(member).strip())
    body = r"[\s\-'’]+".join(re.escape(p) for p in parts if p)
    return re.compile(rf"(?<!\w){body}(?!\w)")

"""Synonym and abbreviation expansion of questions, from a data file staff can edit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge.search.analysis import fold, stems

DEFAULT_SYNONYMS = Path(__file__).parent / "data" / "synonyms.yaml"


@dataclass(frozen=True)
class Expansion:
    """Terms of an expression found in a question, and the terms of its synonyms."""

    found: tuple[str, ...]
    synonyms: tuple[str, ...]


class SynonymTable:
    """Find the synonym groups a question mentions and give the other members' terms."""

    def __init__(self, groups: list[list[str]]) -> None:
        self.groups = [tuple(group) for group in groups if len(group) > 1]
        self.members: dict[str, list[tuple[int, int]]] = {}
        for g, group in enumerate(self.groups):
            for m, member in enumerate(group):
                self.members.setdefault(_key(member), []).append((g, m))
        # One alternation for every expression, longest first, scanned once per question.
        keys = sorted(self.members, key=len, reverse=True)
        alternation = "|".join(_phrase(key) for key in keys)
        self.pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)") if keys else None

    @classmethod
    def load(cls, path: Path = DEFAULT_SYNONYMS) -> SynonymTable:
        """Read a YAML file with a `groups` list of lists of expressions."""
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls([[str(m) for m in group] for group in data.get("groups", [])])

    def expansions(self, text: str) -> list[Expansion]:
        """Return, for each expression of `text` with synonyms, its terms and theirs."""
        if self.pattern is None:
            return []
        found: dict[int, set[int]] = {}
        for match in self.pattern.finditer(fold(text)):
            for g, m in self.members.get(_key(match.group(0)), ()):
                found.setdefault(g, set()).add(m)
        result = []
        for g, members in found.items():
            group = self.groups[g]
            own = [t for m in sorted(members) for t in stems(group[m])]
            others = [
                t for m, member in enumerate(group) if m not in members for t in stems(member)
            ]
            extra = [t for t in dict.fromkeys(others) if t not in own]
            if extra:
                result.append(Expansion(tuple(dict.fromkeys(own)), tuple(extra)))
        return result


def _key(expression: str) -> str:
    # Spaces, hyphens and apostrophes are interchangeable between words.
    return " ".join(p for p in re.split(r"[\s\-'’]+", fold(expression).strip()) if p)


def _phrase(key: str) -> str:
    return r"[\s\-'’]+".join(re.escape(part) for part in key.split(" "))

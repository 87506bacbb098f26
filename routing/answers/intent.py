"""Recognise what a message asks besides information: a human advisor, or news of a request."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
DEFAULT_PATTERNS = DATA / "escalation.yaml"
FOLLOW_UP_PATTERNS = DATA / "follow_up.yaml"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(folded.replace("’", "'").split())


class PatternDetector:
    """Match a message against regular expressions kept as data (a YAML `patterns` list)."""

    default_path = DEFAULT_PATTERNS

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = [re.compile(p) for p in patterns]

    @classmethod
    def load(cls, path: Path | None = None):
        """Read the patterns from a YAML file with a `patterns` list."""
        path = path or cls.default_path
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls([str(p) for p in data.get("patterns", [])])

    def matches(self, text: str) -> bool:
        """Tell whether any pattern matches the text, lowercased and without accents."""
        folded = _fold(text[:2000])
        return any(p.search(folded) for p in self.patterns)


class EscalationDetector(PatternDetector):
    """The phrasings that ask to talk to, be called back by or meet an advisor."""

    def asks_for_human(self, text: str) -> bool:
        """Tell whether the text asks to talk to, be called by or meet a person."""
        return self.matches(text)


class FollowUpDetector(PatternDetector):
    """The phrasings that ask where one's request stands ("des nouvelles de ma demande ?")."""

    default_path = FOLLOW_UP_PATTERNS

    def follows_up(self, text: str) -> bool:
        """Tell whether the text reads as a follow-up on a request already made."""
        return self.matches(text)

"""Recognise when a person asks for a human advisor rather than for information."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

DEFAULT_PATTERNS = Path(__file__).parent / "data" / "escalation.yaml"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(folded.replace("’", "'").split())


class EscalationDetector:
    """Match a question against the phrasings that ask for an advisor (data, not code)."""

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = [re.compile(p) for p in patterns]

    @classmethod
    def load(cls, path: Path = DEFAULT_PATTERNS) -> EscalationDetector:
        """Read the patterns from a YAML file with a `patterns` list."""
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls([str(p) for p in data.get("patterns", [])])

    def asks_for_human(self, text: str) -> bool:
        """Tell whether the text asks to talk to, be called by or meet a person."""
        folded = _fold(text[:2000])
        return any(p.search(folded) for p in self.patterns)

"""Tell a question written in another language than French, from function words (data)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from knowledge.search.analysis import fold
from knowledge.search.stopwords import FRENCH_STOP_WORDS

DEFAULT_WORDS = Path(__file__).parent / "data" / "languages.yaml"
TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Two telling words at least, and a fair share of the message: one English word in a French
# question ("open data", "help") does not make it English.
MIN_HITS = 2
MIN_SHARE = 0.25


class LanguageGuesser:
    """Guess whether a message is French or which other language it is written in."""

    def __init__(self, languages: dict[str, list[str]]) -> None:
        self.languages = {code: frozenset(fold(w) for w in ws) for code, ws in languages.items()}

    @classmethod
    def load(cls, path: Path = DEFAULT_WORDS) -> LanguageGuesser:
        """Read the function words of each language from a YAML file."""
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        languages = data.get("languages") or {}
        return cls({str(code): [str(w) for w in ws or []] for code, ws in languages.items()})

    def guess(self, text: str) -> str:
        """Return "fr", or the code of the other language the message is clearly written in."""
        tokens = TOKEN.findall(fold(text[:2000]))
        if not tokens:
            return "fr"
        french = sum(1 for t in tokens if t in FRENCH_STOP_WORDS)
        best, hits = "fr", 0
        for code, known in self.languages.items():
            count = sum(1 for t in tokens if t in known)
            if count > hits:
                best, hits = code, count
        if hits >= MIN_HITS and hits >= MIN_SHARE * len(tokens) and hits > french:
            return best
        return "fr"

"""Recognise small talk (greetings, thanks, goodbyes, questions about the bot) from data."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from knowledge.search.analysis import fold, words

DEFAULT_PHRASES = Path(__file__).parent / "data" / "small_talk.yaml"
# Past this length a message is a story or a question, whatever politeness it holds.
MAX_SMALL_TALK = 160
# A message with no letter or digit ("?", "...", an emoji) is not a question either.
UNCLEAR = "unclear"
HAS_WORD = re.compile(r"\w")


class SmallTalkDetector:
    """Tell whether a whole message is small talk, and which kind (data, not code)."""

    def __init__(self, kinds: dict[str, list[str]], filler: list[str]) -> None:
        # Dicts keep their order: the first kind listed wins when a message holds several.
        # One alternation per kind: a handful of scans per message rather than one per phrase.
        self.kinds = {
            kind: re.compile("|".join(f"(?:{p})" for p in patterns))
            for kind, patterns in kinds.items()
            if patterns
        }
        self.filler = frozenset(fold(w) for w in filler)

    @classmethod
    def load(cls, path: Path = DEFAULT_PHRASES) -> SmallTalkDetector:
        """Read the kinds and filler words from a YAML file."""
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        kinds = {str(k): [str(p) for p in v or []] for k, v in (data.get("kinds") or {}).items()}
        return cls(kinds, [str(w) for w in data.get("filler") or []])

    def kind(self, text: str) -> str:
        """Return the kind of small talk the message is, or "" when it says something else."""
        if not isinstance(text, str) or len(text) > MAX_SMALL_TALK:
            return ""
        folded = " ".join(fold(text).split())
        if not HAS_WORD.search(folded):
            return UNCLEAR
        found: list[str] = []
        rest = folded
        for kind, pattern in self.kinds.items():
            rest, count = pattern.subn(" ", rest)
            if count:
                found.append(kind)
        if not found:
            return ""
        # What is left must be stop words, filler or punctuation: nothing to search for.
        if any(word not in self.filler for word in words(rest)):
            return ""
        return found[0]

"""Correct words missing from the index vocabulary against it (typos, missing letters)."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz, process
from spellchecker import SpellChecker

from knowledge.search.analysis import fold


@lru_cache(maxsize=1)
def french_words() -> frozenset[str]:
    """Return a large French word list, accent-folded (pyspellchecker's frequency list)."""
    dictionary = SpellChecker(language="fr", distance=1).word_frequency.dictionary
    return frozenset(fold(word) for word in dictionary)


class SpellingCorrector:
    """Suggest the closest known word for an unknown one, looking at similar words only."""

    def __init__(
        self,
        vocabulary: set[str],
        dictionary: frozenset[str] = frozenset(),
        min_length: int = 4,
        cutoff: float = 80.0,
    ) -> None:
        self.vocabulary = vocabulary
        self.dictionary = dictionary
        self.min_length = min_length
        self.cutoff = cutoff
        # Typos rarely touch the first letter; bucketing keeps each lookup small at 10k entries.
        self.buckets: dict[str, list[str]] = defaultdict(list)
        for word in vocabulary:
            if len(word) >= min_length - 1 and word.isalpha():
                self.buckets[word[0]].append(word)

    def correct(self, word: str) -> str | None:
        """Return the known word closest to `word`, or None when nothing is close enough."""
        if len(word) < self.min_length or not word.isalpha() or word in self.vocabulary:
            return None
        # A real French word the knowledge base does not use is no typo ("réparer" is not
        # "repérer"): correcting it would make an unrelated question look relevant.
        if word in self.dictionary:
            return None
        choices = [w for w in self.buckets.get(word[0], ()) if abs(len(w) - len(word)) <= 2]
        best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=self.cutoff)
        return best[0] if best else None

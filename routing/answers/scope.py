"""Is a question about citizen participation at all? A two-class naive Bayes over search terms.

Rasa's approach to out-of-scope requests: an explicit out-of-scope class trained on known
out-of-scope requests, next to the in-scope class made of what the assistant does answer.
Here the in-scope class is the entries' own titles, alternate questions and keywords (counted
once per index build), the out-of-scope class the examples of `data/out_of_scope.yaml`. Both
are bags of the French analyzer's stems, the very terms the search uses, so a typo the search
corrects is corrected here too. Training is counting: it takes milliseconds per build.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from knowledge.search.analysis import stems

DEFAULT_EXAMPLES = Path(__file__).parent / "data" / "out_of_scope.yaml"
# Laplace smoothing: without it a term never seen in one class would decide alone.
SMOOTHING = 1.0
# A single very frequent term must not outweigh a whole question: each term's say is capped.
MAX_TERM_EVIDENCE = 3.0


class ScopeClassifier:
    """Tell how likely a question is about participation, from the two classes' term counts."""

    def __init__(self, out_of_scope: Iterable[str]) -> None:
        self.out_counts: Counter[str] = Counter()
        for example in out_of_scope:
            self.out_counts.update(set(stems(example)))
        self._in_counts: Mapping[str, int] = {}
        self._balance = 0.0
        self._vocabulary = 0

    @classmethod
    def load(cls, path: Path = DEFAULT_EXAMPLES) -> ScopeClassifier:
        """Read the out-of-scope examples from a YAML file with an `examples` list."""
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls(str(e) for e in data.get("examples", []))

    def fit(self, in_scope: Mapping[str, int]) -> None:
        """Take the in-scope class's term counts (from the current index build)."""
        self._in_counts = in_scope
        in_total = sum(in_scope.values())
        self._balance = sum(self.out_counts.values()) / in_total if in_total else 0.0
        self._vocabulary = len(set(in_scope) | set(self.out_counts))

    def in_scope(self, terms: Iterable[str]) -> float:
        """Return the probability, in [0, 1], that a question with these stems is in scope."""
        if not self._vocabulary:
            return 0.5
        evidence = 0.0
        for term in dict.fromkeys(terms):
            inside, outside = self._in_counts.get(term, 0), self.out_counts.get(term, 0)
            if not inside and not outside:
                # A word neither class knows says nothing either way.
                continue
            # The in-scope class is counted at the size of the other: a knowledge base ten
            # times larger than the examples must not make its rare words out-of-scope evidence.
            ratio = (inside * self._balance + SMOOTHING) / (outside + SMOOTHING)
            evidence += max(-MAX_TERM_EVIDENCE, min(MAX_TERM_EVIDENCE, math.log(ratio)))
        # Equal priors: how many entries or examples there are says nothing about a question.
        return 1 / (1 + math.exp(-evidence))
